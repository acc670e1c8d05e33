// For tests and benchmarks: `@mosaic/flashsale-delivery/testing`.
export { runContest, type ContestOptions, type ContestReport } from './contest/contest';
export { Latencies } from './contest/latency';
