import { spawn } from 'node:child_process';

/**
 * `npm run rebuild-projections` (the built script) as a process of its own with the deployment's environment `env`
 * and `args` (`--tenant <code>`): its exit status and everything it printed, when it ends.
 */
export function rebuildProcess(
  env: Record<string, string | undefined>,
  args: string[] = [],
): Promise<{ status: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/apps/projector/src/rebuild.js', ...args], { env: { ...process.env, ...env } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (status) => resolve({ status, out }));
  });
}
