import { isIP } from 'node:net';

/**
 * The allowance key of a client address. One IPv6 host usually owns a whole /64, so
 * counting per /128 would let a single client rotate through 2^64 fresh allowances;
 * IPv6 addresses are therefore limited per /64, and IPv4-mapped ones as IPv4.
 */
export function clientAddressKey(ip: string): string {
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (mapped && isIP(mapped[1]) === 4) return `v4:${mapped[1]}`;
  const version = isIP(address);
  if (version === 4) return `v4:${address}`;
  if (version === 6) return `v6:${expandIpv6(address).slice(0, 4).join(':')}/64`;
  // Not an address (a proxy misconfiguration, a unix socket): still bounded and distinct.
  return `other:${address.slice(0, 64)}`;
}

function expandIpv6(address: string): string[] {
  let text = address;
  // An embedded IPv4 tail (::1.2.3.4) stands for the last two groups.
  const v4 = /(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail === undefined ? [] : tail ? tail.split(':') : [];
  const missing = 8 - headGroups.length - tailGroups.length;
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(missing).fill('0'), ...tailGroups];
  return groups.map((group) => group.padStart(4, '0'));
}
