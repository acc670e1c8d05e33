import { ValueType, type HrTime } from '@opentelemetry/api';
import { emptyResource } from '@opentelemetry/resources';
import { AggregationTemporality, DataPointType, type CollectionResult, type MetricProducer } from '@opentelemetry/sdk-metrics';

/** Seconds; inclusive upper bounds, as Prometheus `le` labels. */
export const REQUEST_DURATION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function hrTime(): HrTime {
  const ms = performance.timeOrigin + performance.now();
  return [Math.floor(ms / 1000), Math.round((ms % 1000) * 1e6)];
}

interface Series {
  readonly attributes: { method: string; route: string; status: string };
  readonly method: string;
  readonly status: number;
  readonly counts: number[];
  sum: number;
  count: number;
  min: number;
  max: number;
}

/**
 * The HTTP request-duration histogram, aggregated in place and handed to the
 * Prometheus reader as a metric producer. It runs on every request of every
 * server: a look-up by route template (a constant string, its hash computed once)
 * and a scan of that route's few method/status series cost a fraction of an SDK
 * histogram record, which hashes its attributes each time, and build no key string.
 * Its `_count` series is the request count by the same labels.
 */
export class RequestDurations implements MetricProducer {
  private readonly byRoute = new Map<string, Series[]>();
  /** Every series, in the order first recorded. */
  private readonly series: Series[] = [];
  private readonly startTime: HrTime = hrTime();

  record(method: string, route: string, status: number, seconds: number): void {
    let ofRoute = this.byRoute.get(route);
    if (!ofRoute) {
      ofRoute = [];
      this.byRoute.set(route, ofRoute);
    }
    let series: Series | undefined;
    for (const candidate of ofRoute) {
      if (candidate.status === status && candidate.method === method) {
        series = candidate;
        break;
      }
    }
    if (!series) {
      series = {
        attributes: { method, route, status: String(status) },
        method,
        status,
        counts: new Array<number>(REQUEST_DURATION_BUCKETS.length + 1).fill(0),
        sum: 0,
        count: 0,
        min: Infinity,
        max: -Infinity,
      };
      ofRoute.push(series);
      this.series.push(series);
    }
    let bucket = 0;
    while (bucket < REQUEST_DURATION_BUCKETS.length && seconds > (REQUEST_DURATION_BUCKETS[bucket] ?? Infinity)) bucket += 1;
    series.counts[bucket] = (series.counts[bucket] ?? 0) + 1;
    series.sum += seconds;
    series.count += 1;
    if (seconds < series.min) series.min = seconds;
    if (seconds > series.max) series.max = seconds;
  }

  async collect(): Promise<CollectionResult> {
    const endTime = hrTime();
    const dataPoints = this.series.map((series) => ({
      startTime: this.startTime,
      endTime,
      attributes: series.attributes,
      value: {
        buckets: { boundaries: REQUEST_DURATION_BUCKETS, counts: [...series.counts] },
        sum: series.sum,
        count: series.count,
        min: series.min,
        max: series.max,
      },
    }));
    return {
      errors: [],
      resourceMetrics: {
        // The reader keeps its own resource; only the scope metrics are merged.
        resource: emptyResource(),
        scopeMetrics: [
          {
            scope: { name: 'mosaic-http' },
            metrics: [
              {
                descriptor: { name: 'http_server_request_duration_seconds', description: 'HTTP request duration', unit: 's', valueType: ValueType.DOUBLE },
                aggregationTemporality: AggregationTemporality.CUMULATIVE,
                dataPointType: DataPointType.HISTOGRAM,
                dataPoints,
              },
            ],
          },
        ],
      },
    };
  }
}
