// Sums the per-project vitest JSON reports into one closing line, and lists any
// real-backend suite that was skipped (a failure under CI=true).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results';
const reports = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
let passed = 0;
let failed = 0;
let skipped = 0;
const skippedSuites = new Set();
for (const file of reports) {
  const report = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests + (report.numFailedTestSuites > 0 && report.numFailedTests === 0 ? 1 : 0);
  skipped += report.numPendingTests + report.numTodoTests;
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'skipped' || test.status === 'pending') skippedSuites.add(`${suite.name.replace(process.cwd() + '/', '')} › ${test.ancestorTitles[0] ?? test.title}`);
    }
  }
}
if (skippedSuites.size > 0) {
  console.log('skipped:');
  for (const suite of skippedSuites) console.log(`  ${suite}`);
}
console.log(`projects: ${reports.length}`);
console.log(`vitest: ${passed} passed, ${failed} failed, ${skipped} skipped`);
if (process.env.CI === 'true' && skipped > 0) {
  console.error('strict mode: skipped tests are failures');
  process.exit(1);
}
process.exit(failed > 0 || reports.length === 0 ? 1 : 0);
