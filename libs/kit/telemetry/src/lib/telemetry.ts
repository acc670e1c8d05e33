import type { IncomingMessage, ServerResponse } from 'node:http';
import { metrics, type Meter } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { registerProcessMetrics } from './process-metrics';
import { RequestDurations } from './request-durations';
import { startTracing } from './tracing';

export interface Telemetry {
  readonly meter: Meter;
  /** Every server's request-duration histogram (route, method, status). */
  readonly requestDurations: RequestDurations;
  readonly tracing: boolean;
  /** Serves the Prometheus text format; mount at GET /metrics. */
  metricsHandler(req: IncomingMessage, res: ServerResponse): void;
  shutdown(): Promise<void>;
}

export interface TelemetryOptions {
  serviceName: string;
  /** Traces go to OTLP/HTTP when set; otherwise tracing stays off and costs nothing. */
  otlpEndpoint?: string;
}

/**
 * Call before the modules it instruments (express, http) are loaded: apps do it on
 * their first line. Metrics are always on, pulled by Prometheus from /metrics.
 */
export function initTelemetry(options: TelemetryOptions): Telemetry {
  const requestDurations = new RequestDurations();
  const exporter = new PrometheusExporter({ preventServerStart: true, metricProducers: [requestDurations] });
  const provider = new MeterProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    readers: [exporter],
  });
  metrics.setGlobalMeterProvider(provider);
  const meter = provider.getMeter('mosaic');
  const stopProcessMetrics = registerProcessMetrics(meter);
  const stopTracing = options.otlpEndpoint ? startTracing(options.serviceName, options.otlpEndpoint) : undefined;

  return {
    meter,
    requestDurations,
    tracing: stopTracing !== undefined,
    metricsHandler: (req, res) => exporter.getMetricsRequestHandler(req, res),
    shutdown: async () => {
      stopProcessMetrics();
      await stopTracing?.();
      await provider.shutdown();
    },
  };
}
