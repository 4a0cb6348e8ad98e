/* global process, console */
// Runs an operator command from the build output. It builds only when that output is missing: an existing dist/ is
// never deleted and rebuilt under the processes running from it (`npm run build` is a deploy step, not a side effect).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const [entry, ...args] = process.argv.slice(2);
if (!existsSync(entry)) {
  console.error(`${entry} is not built yet: building once (npm install, npm run build)...`);
  for (const step of [
    ['install', '--no-audit', '--no-fund', '--loglevel=error'],
    ['run', 'build'],
  ]) {
    const r = spawnSync('npm', step, { stdio: 'inherit' });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
}
const r = spawnSync(process.execPath, [entry, ...args], { stdio: 'inherit' });
process.exit(r.status ?? (r.signal ? 1 : 0));
