import { spawn, spawnSync } from 'node:child_process';
import { SPLIT } from './split-topology.js';

/**
 * `npm run split`: the split topology of docs/deployment.md on one machine:
 * `npm run migrate` and `npm run kafka:topics`, then every process with its
 * own ports, its output prefixed with its name; Ctrl+C stops them all. Needs
 * DATABASE_URL, JWT_SECRET, PIN_SECRET and KAFKA_BROKERS (`npm run kafka`
 * starts a local broker and prints it).
 */
const missing = ['DATABASE_URL', 'JWT_SECRET', 'PIN_SECRET', 'KAFKA_BROKERS'].filter((v) => !process.env[v]);
if (missing.length) {
  console.error(`Set ${missing.join(', ')} first (docs/deployment.md); \`npm run kafka\` starts a local broker and prints KAFKA_BROKERS.`);
  process.exit(1);
}
for (const step of ['dist/apps/desk-api/src/migrate.js', 'dist/apps/relay/src/topics.js']) {
  const run = spawnSync(process.execPath, [step], { stdio: 'inherit' });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
const children = Object.entries(SPLIT).map(([name, p]) => {
  const child = spawn(process.execPath, [p.entry], {
    env: { ...process.env, ...p.env, OPS_PORT: String(p.opsPort), ...('port' in p ? { PORT: String(p.port) } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  for (const stream of [child.stdout, child.stderr])
    stream.on('data', (d: Buffer) => process.stdout.write(String(d).replace(/^(?=.)/gm, `[${name}] `)));
  child.on('exit', (code) => console.log(`[${name}] exited with ${code}`));
  return child;
});
const stop = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
