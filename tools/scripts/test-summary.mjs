// Sums the per-project vitest JSON reports (test-results/<project>.json) into one line
// per project and a closing total, lists every real-backend or browser suite that was
// skipped with the command that runs it, and says when local backends are listening
// but their variables are not set. In CI (CI=true) a skipped suite is a failure.
//
//   node tools/scripts/test-summary.mjs [--exit-code=N]
// --exit-code is the status of the run being summarised: a non-zero one is kept.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { basename, join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';

const RESULTS_DIR = 'test-results';
const SERVICES_UP = 'npm run services -- up && eval "$(npm run -s services -- env)"';

/** The local backends of tools/services, the variable each needs and its port (as services.sh reads it). */
export function localBackends(env = process.env) {
  return [
    { name: 'MariaDB', envVar: 'MYSQL_URL', port: Number(env.MOSAIC_MYSQL_PORT ?? 3306) },
    { name: 'Redis', envVar: 'REDIS_URL', port: Number(env.MOSAIC_REDIS_PORT ?? 6379) },
    { name: 'Kafka', envVar: 'KAFKA_BROKERS', port: Number(env.MOSAIC_KAFKA_PORT ?? 9092) },
    { name: 'MongoDB', envVar: 'MONGO_URL', port: Number(env.MOSAIC_MONGO_PORT ?? 27017) },
  ];
}

/** One project's counts and skipped suites, from its vitest JSON report. */
export function readReport(project, report, root = process.cwd()) {
  const counts = {
    passed: report.numPassedTests ?? 0,
    // A suite that failed to load has no failed test; count it as one failure.
    failed: (report.numFailedTests ?? 0) + ((report.numFailedTestSuites ?? 0) > 0 && !report.numFailedTests ? 1 : 0),
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  };
  const skippedSuites = new Map();
  for (const suite of report.testResults ?? []) {
    const file = relative(root, suite.name);
    for (const test of suite.assertionResults ?? []) {
      if (test.status !== 'skipped' && test.status !== 'pending' && test.status !== 'todo') continue;
      const title = test.ancestorTitles?.[0] ?? test.title;
      skippedSuites.set(`${file} › ${title}`, { project, file, title, command: commandFor(project, file) });
    }
  }
  return { project, ...counts, skippedSuites: [...skippedSuites.values()] };
}

/** How to run a skipped suite for real: start the backends (or Chromium) first. */
export function commandFor(project, file) {
  if (file.endsWith('.browser.spec.ts')) return `npm run services -- up chromium && npx nx test ${project}`;
  if (file.endsWith('.int.spec.ts')) return `${SERVICES_UP} && npx nx test ${project}`;
  return `npx nx test ${project}`;
}

/** The summary's lines; the closing one is exactly `total: N passed, N failed, N skipped`. */
export function summaryLines(projects, { listening = [], exitCode = 0 } = {}) {
  const lines = ['', '── test summary ──'];
  const width = Math.max(0, ...projects.map((p) => p.project.length));
  for (const p of projects) lines.push(`${p.project.padEnd(width)}  ${p.passed} passed, ${p.failed} failed, ${p.skipped} skipped`);
  if (projects.length === 0) lines.push('no test reports were written (did the run stop before the tests?)');
  const skipped = projects.flatMap((p) => p.skippedSuites);
  if (skipped.length > 0) {
    lines.push('', 'skipped suites, and the command that runs each:');
    for (const suite of skipped) lines.push(`  ${suite.file} › ${suite.title}`, `    ${suite.command}`);
  }
  if (listening.length > 0) {
    const names = listening.map((b) => `${b.name} (127.0.0.1:${b.port})`).join(', ');
    const vars = listening.map((b) => b.envVar).join(', ');
    lines.push('', `${names} ${listening.length === 1 ? 'is' : 'are'} listening but ${vars} ${listening.length === 1 ? 'is' : 'are'} not set;`);
    lines.push(`to run the real-backend suites against ${listening.length === 1 ? 'it' : 'them'}: eval "$(npm run -s services -- env)" && npm test`);
  }
  if (exitCode !== 0) lines.push('', `the run exited with status ${exitCode} (typecheck, lint or tests: see above)`);
  const total = projects.reduce((sum, p) => ({ passed: sum.passed + p.passed, failed: sum.failed + p.failed, skipped: sum.skipped + p.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  lines.push(`total: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return { lines, total };
}

/** Which local backends accept connections while their variable is unset. */
export async function listeningWithoutEnv(env = process.env, backends = localBackends(env)) {
  const open = await Promise.all(backends.map((b) => (env[b.envVar] ? false : portOpen('127.0.0.1', b.port))));
  return backends.filter((_, i) => open[i]);
}

function portOpen(host, port) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (result) => {
      socket.destroy();
      resolve(result);
    };
    socket.setTimeout(300, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export function readReports(dir = RESULTS_DIR) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => readReport(basename(file, '.json'), JSON.parse(readFileSync(join(dir, file), 'utf8'))));
}

/** Prints the summary and returns the exit status the whole run should have. */
export async function summarize({ dir = RESULTS_DIR, exitCode = 0, env = process.env } = {}) {
  const projects = readReports(dir);
  const { lines, total } = summaryLines(projects, { listening: await listeningWithoutEnv(env), exitCode });
  const strict = env.CI === 'true' && total.skipped > 0;
  if (strict) lines.splice(lines.length - 1, 0, 'strict mode (CI=true): skipped tests are failures');
  console.log(lines.join('\n'));
  if (exitCode !== 0) return exitCode;
  return total.failed > 0 || projects.length === 0 || strict ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.find((arg) => arg.startsWith('--exit-code='));
  process.exitCode = await summarize({ exitCode: flag ? Number(flag.slice('--exit-code='.length)) || 0 : 0 });
}
