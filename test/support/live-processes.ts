import type { ChildProcess } from 'node:child_process';

/** Every process a test started through the harness and that has not exited yet, in this test file's module registry. */
export const LIVE = new Set<ChildProcess>();

/** Kills what is still running (a failed beforeAll, a test that threw before its close): nothing outlives its test file. */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...LIVE].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGKILL');
        }),
    ),
  );
}
