import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readDockerfile } from './dockerfile';

const root = resolve(import.meta.dirname, '../..');
/** Every product app of the spec; the ones present under apps/ must build and run, the others are ready for when they land. */
const APPS = ['platform', 'account', 'urlshortener', 'chat', 'exchange', 'flashsale'];
const BACKEND_ENV = { MYSQL_URL: 'mysql', REDIS_URL: 'redis', KAFKA_BROKERS: 'kafka', MONGO_URL: 'mongo' } as const;
const BACKEND_IMAGES = { mysql: /^(mariadb|mysql):/, redis: /^redis:/, kafka: /^apache\/kafka:/, mongo: /^mongo:/ };

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
}
const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, ComposeService> };
const dockerfile = readDockerfile(join(root, 'Dockerfile'));
const stage = (name: string) => dockerfile.stages.find((s) => s.name === name);

describe('docker-compose.yml', () => {
  it('runs MySQL, Redis, Kafka (KRaft) and MongoDB, each with a healthcheck', () => {
    for (const [service, image] of Object.entries(BACKEND_IMAGES)) {
      const backend = compose.services[service];
      expect(backend?.image, service).toMatch(image);
      expect(backend?.healthcheck?.test, service).toBeTruthy();
    }
    expect(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services.kafka?.environment).not.toHaveProperty('KAFKA_ZOOKEEPER_CONNECT');
  });

  it.each(APPS)('builds and wires %s: its image, the four backend URLs, healthy backends first, a /health check', (app) => {
    const service = compose.services[app];
    expect(service, `no "${app}" service`).toBeDefined();
    expect(service?.build).toMatchObject({ context: '.', args: { APP: app } });
    expect(service?.build?.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    for (const [variable, backend] of Object.entries(BACKEND_ENV)) {
      expect(service?.environment?.[variable], variable).toMatch(new RegExp(`^(\\w+://)?([^@/]*@)?${backend}:\\d+`));
      expect(service?.depends_on?.[backend], `${app} depends on ${backend}`).toEqual({ condition: 'service_healthy' });
    }
    expect(JSON.stringify(service?.healthcheck?.test)).toContain('/health');
  });
});

describe('Dockerfile', () => {
  it('builds in stages: the bundle, production dependencies only, then the runtime', () => {
    expect(dockerfile.stages.map((s) => s.name)).toEqual(['build', 'deps', 'runtime']);
    const build = stage('build')!.instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(build).toContain('RUN npm ci --no-audit --no-fund');
    expect(build.some((line) => line.startsWith('RUN npx nx build "$APP"'))).toBe(true);
    const deps = stage('deps')!.instructions.map((i) => `${i.keyword} ${i.args}`);
    expect(deps.some((line) => line.startsWith('RUN npm ci --omit=dev'))).toBe(true);
  });

  it('runs the bundle the build produces, as a non-root user, with a /health check', () => {
    const runtime = stage('runtime')!.instructions;
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(['root', '0']).not.toContain(user?.args);
    expect(runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args).toContain('/health');
    const copies = runtime.filter((i) => i.keyword === 'COPY').map((i) => i.args);
    expect(copies).toContain('--from=deps /app/node_modules ./node_modules');
    // The build stage's workdir plus the path build-app.mjs writes: dist/<app root>/main.js.
    expect(copies).toContain('--from=build /workspace/dist/apps/${APP}/ ./dist/');
    expect(stage('build')!.instructions.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/workspace');
    expect(readFileSync(join(root, 'tools/scripts/build-app.mjs'), 'utf8')).toContain("outfile: join(outdir, 'main.js')");
    expect(runtime.find((i) => i.keyword === 'WORKDIR')?.args).toBe('/app');
    expect(runtime.find((i) => i.keyword === 'CMD')?.args).toBe('["node", "dist/main.js"]');
  });

  it('gives every app under apps/ a build target, so `nx build $APP` has something to run', () => {
    const present = readdirSync(join(root, 'apps')).filter((app) => existsSync(join(root, 'apps', app, 'src/main.ts')));
    expect(present).toEqual(expect.arrayContaining(['platform', 'account', 'urlshortener']));
    for (const app of present) {
      const project = JSON.parse(readFileSync(join(root, 'apps', app, 'project.json'), 'utf8')) as { targets?: Record<string, unknown> };
      expect(project.targets, app).toHaveProperty('build');
      expect(APPS, `apps/${app} has no service in docker-compose.yml`).toContain(app);
    }
  });
});
