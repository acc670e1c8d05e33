import { describe, expect, it } from 'vitest';
import { clientAddressKey } from './client-address-key';

describe('clientAddressKey', () => {
  it.each([
    ['192.0.2.1', 'v4:192.0.2.1'],
    ['::ffff:192.0.2.1', 'v4:192.0.2.1'],
    ['::FFFF:192.0.2.1', 'v4:192.0.2.1'],
    ['2001:db8:a:b:1:2:3:4', 'v6:2001:0db8:000a:000b/64'],
    ['2001:db8:a:b::9', 'v6:2001:0db8:000a:000b/64'],
    ['2001:DB8:A:B::9', 'v6:2001:0db8:000a:000b/64'],
    ['2001:db8::', 'v6:2001:0db8:0000:0000/64'],
    ['::1', 'v6:0000:0000:0000:0000/64'],
    ['fe80::1%eth0', 'v6:fe80:0000:0000:0000/64'],
    ['64:ff9b::192.0.2.33', 'v6:0064:ff9b:0000:0000/64'],
  ])('keys %s as %s', (ip, key) => {
    expect(clientAddressKey(ip)).toBe(key);
  });

  it('keeps what is not an address distinct and bounded', () => {
    expect(clientAddressKey('unix:/var/run/app.sock')).toBe('other:unix:/var/run/app.sock');
    expect(clientAddressKey('x'.repeat(500))).toHaveLength('other:'.length + 64);
  });
});
