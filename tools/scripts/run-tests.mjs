// `npm test` and `npm run test:affected`: typecheck, then lint and test through Nx,
// then the summary of tools/scripts/test-summary.mjs, printed whatever happened before
// it; the exit status is the first failure's.
//
//   node tools/scripts/run-tests.mjs all               every project
//   node tools/scripts/run-tests.mjs affected [nx…]    projects affected (e.g. --base=origin/main)
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { summarize } from './test-summary.mjs';

const [mode = 'all', ...nxArgs] = process.argv.slice(2);
if (mode !== 'all' && mode !== 'affected') {
  console.error('usage: node tools/scripts/run-tests.mjs all|affected [nx arguments…]');
  process.exit(2);
}

function run(command, args) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  return result.status ?? 1;
}

rmSync('test-results', { recursive: true, force: true });
const nx = mode === 'all' ? ['run-many', '-t', 'lint', 'test'] : ['affected', '-t', 'lint', 'test'];
let status = run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
if (status === 0) status = run('npx', ['nx', ...nx, '--parallel=2', '--outputStyle=stream', ...nxArgs]);
process.exitCode = await summarize({ exitCode: status });
