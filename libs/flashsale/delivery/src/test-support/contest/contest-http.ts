import { Agent, request } from 'node:http';

export interface Answer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * The contest's HTTP client: node's http with one keep-alive agent holding at most one
 * socket per active shopper, so the number of connections is bounded by the contest's
 * concurrency (fetch's global pool opens one for every request that finds all busy).
 * A socket is reused only after its answer was read to the end.
 */
export class ContestHttp {
  private readonly agent: Agent;

  constructor(sockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  /** The answer, or a rejection whose `code` is the socket error (ECONNREFUSED, ECONNRESET…). */
  send(method: 'GET' | 'POST', url: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const req = request(url, { method, agent: this.agent, headers: { accept: 'application/json' } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
          } catch (error) {
            reject(error);
          }
        });
      });
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
