/**
 * The split topology of docs/deployment.md, as one list: each process's npm
 * script, entry point, operations port, what the doc says to set, and the
 * line it prints once it runs. `npm run split` starts them all from it
 * (split-topology-cli.ts), the Kafka drills start their processes from it, and
 * a test compares it with the doc's table, so the three cannot drift apart.
 */
export interface SplitProcess {
  /** Its `npm run` script. */
  npm: string;
  entry: string;
  opsPort: number;
  /** Its HTTP port, for the two that serve people. */
  port?: number;
  env: Record<string, string>;
  ready: RegExp;
}

export const SPLIT = {
  desk: {
    npm: 'start:desk-api',
    entry: 'dist/apps/desk-api/src/main.js',
    opsPort: 9465,
    port: 3000,
    env: { RUN_PROJECTOR: 'false' },
    ready: /\son (http:\/\/\S+?)[\s(]/,
  },
  tracking: {
    npm: 'start:tracking',
    entry: 'dist/apps/tracking/src/main.js',
    opsPort: 9466,
    port: 3001,
    env: { RUN_PROJECTOR: 'false' },
    ready: /\son (http:\/\/\S+?)[\s(]/,
  },
  projector: {
    npm: 'start:projector',
    entry: 'dist/apps/projector/src/main.js',
    opsPort: 9467,
    env: { PROJECTOR_SOURCE: 'kafka' },
    ready: /projector (running)/,
  },
  relay: { npm: 'start:relay', entry: 'dist/apps/relay/src/main.js', opsPort: 9468, env: {}, ready: /relay (running)/ },
  jobs: { npm: 'start:jobs', entry: 'dist/apps/jobs/src/main.js', opsPort: 9469, env: {}, ready: /jobs (running)/ },
} satisfies Record<string, SplitProcess>;
