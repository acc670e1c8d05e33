import autocannon from 'autocannon';

export interface LoadOptions {
  url: string;
  /** The server under load, whose CPU time per request is reported. */
  server?: { cpuMicros(): number };
  seconds: number;
  connections: number;
  method?: 'GET' | 'POST';
  body?: string;
  headers?: Record<string, string>;
}

export interface LoadResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  total: number;
  /** Responses by status code, to prove the load measured what it meant to. */
  statuses: Record<string, number>;
  errors: number;
  /** Server CPU time spent during the run, in µs (0 without a server to read). */
  cpuMicros: number;
}

/** One autocannon run against 127.0.0.1, reduced to the figures the report prints. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const cpuBefore = options.server?.cpuMicros() ?? 0;
  const result = await autocannon({
    url: options.url,
    method: options.method ?? 'GET',
    body: options.body,
    headers: options.headers,
    connections: options.connections,
    // autocannon never follows redirects: the 302 itself is the answer measured.
    duration: options.seconds,
  });
  const statuses: Record<string, number> = {};
  for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) statuses[status] = count ?? 0;
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    total: result.requests.total,
    statuses,
    errors: result.errors + result.timeouts,
    cpuMicros: (options.server?.cpuMicros() ?? 0) - cpuBefore,
  };
}
