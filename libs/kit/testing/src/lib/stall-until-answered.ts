import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** The inodes of this process's open sockets, from the links in /proc/self/fd. */
function ownSocketInodes(): Set<string> {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (socket?.[1]) inodes.add(socket[1]);
    } catch {
      // Closed between the listing and the read: not a socket that can hold a reply.
    }
  }
  return inodes;
}

/** A row of /proc/net/tcp(6): the remote port, the unread byte count (rx_queue) and the inode. */
const ROW = /^\s*\d+:\s+[0-9A-F]+:[0-9A-F]+\s+[0-9A-F]+:([0-9A-F]+)\s+[0-9A-F]+\s+[0-9A-F]+:([0-9A-F]+)(?:\s+\S+){4}\s+(\d+)/;

const defaultPorts: Record<string, number> = { 'mysql:': 3306, 'redis:': 6379, 'mongodb:': 27017 };

function portOf(url: string): number {
  const { protocol, port } = new URL(url);
  const known = Number(port) || defaultPorts[protocol];
  if (!known) throw new TypeError(`no port in ${url}`);
  return known;
}

/**
 * Whether one of this process's TCP sockets to a server on `port` holds bytes the process
 * has not read yet: the kernel's receive queue, from /proc/net/tcp and tcp6 (Linux).
 */
export function hasUnreadReplyFrom(port: number): boolean {
  const own = ownSocketInodes();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const rows = readFileSync(table, 'utf8').split('\n').slice(1);
    for (const row of rows) {
      // sl local_address rem_address st tx_queue:rx_queue tr:when retrnsmt uid timeout inode …
      const fields = ROW.exec(row);
      if (fields === null) continue;
      const [, remotePort, unread, inode] = fields;
      if (parseInt(remotePort ?? '', 16) === port && parseInt(unread ?? '', 16) > 0 && own.has(inode ?? '')) return true;
    }
  }
  return false;
}

/**
 * Starves the event loop, as an overloaded process is starved, for at least `atLeastMs`
 * and until the server at `serverUrl` has answered: its reply waits unread in one of this
 * process's sockets. So when the loop resumes, a timer past its deadline and the reply
 * are both due, however long a loaded machine took to run the server meanwhile. A test
 * that only slept a fixed time would see, now and then, a reply that truly came late.
 */
export function stallUntilAnswered(serverUrl: string, atLeastMs: number, atMostMs = 30_000): void {
  const port = portOf(serverUrl);
  const start = Date.now();
  for (;;) {
    const elapsed = Date.now() - start;
    if (elapsed >= atLeastMs && hasUnreadReplyFrom(port)) return;
    if (elapsed >= atMostMs) throw new Error(`the server on port ${port} sent nothing in ${atMostMs} ms`);
  }
}
