// Imported first by main.ts: instrumentation must be in place before express loads.
import { initTelemetry } from '@mosaic/kit-telemetry';

export const telemetry = initTelemetry({
  serviceName: process.env.OTEL_SERVICE_NAME ?? 'mosaic-chat',
  otlpEndpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT || undefined,
});
