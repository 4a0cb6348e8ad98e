import { killAll, LIVE } from './live-processes.js';

// Jest runs this after every test file's own afterAll hooks (setupFilesAfterEnv): a process a failed suite left behind
// is killed here, and named, instead of keeping Jest from exiting.
afterAll(async () => {
  if (LIVE.size)
    console.warn(`killing ${LIVE.size} process(es) a test file left running: ${[...LIVE].map((c) => c.spawnargs.join(' ')).join('; ')}`);
  await killAll();
});
