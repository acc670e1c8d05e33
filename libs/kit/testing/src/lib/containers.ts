import { BACKENDS, type BackendKind } from './backend-kinds';

export interface StartedBackend {
  readonly url: string;
  stop(): Promise<void>;
}

/** Loaded lazily: testcontainers is heavy and only machines with Docker need it. */
export async function startContainer(kind: BackendKind): Promise<StartedBackend> {
  const { GenericContainer, Wait } = await import('testcontainers');
  const spec = BACKENDS[kind];
  let container = new GenericContainer(spec.image).withExposedPorts(spec.port);
  if (kind === 'mysql') {
    container = container
      .withEnvironment({ MARIADB_ALLOW_EMPTY_ROOT_PASSWORD: '1', MARIADB_DATABASE: 'test' })
      .withWaitStrategy(Wait.forLogMessage(/ready for connections/i, 2));
  }
  if (kind === 'kafka') {
    container = container.withWaitStrategy(Wait.forLogMessage(/Kafka Server started/i));
  }
  const started = await container.start();
  const host = started.getHost();
  const port = started.getMappedPort(spec.port);
  const url = {
    mysql: `mysql://root@${host}:${port}/test`,
    redis: `redis://${host}:${port}`,
    kafka: `${host}:${port}`,
    mongo: `mongodb://${host}:${port}/test`,
  }[kind];
  return { url, stop: async () => void (await started.stop()) };
}
