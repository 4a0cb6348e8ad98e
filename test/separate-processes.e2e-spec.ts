import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';

// Production runs desk API, public tracking and projector as separate processes on one PostgreSQL.
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');
const ON = /\son (http:\/\/\S+?)[\s(]/;

(postgres ? describe : describe.skip)('separate processes on PostgreSQL', () => {
  it('registers at the desk API, projects in the projector process, and tracks in the read-only tracking process', async () => {
    const { env, drop } = await postgres![1]();
    // A minute's poll and a minute's cache: what the applicant sees within seconds, the processes' signals brought (D57).
    const projector = await Harness.start(
      { ...env, RUN_PROJECTOR: 'true', PROJECTOR_POLL_MS: '60000' },
      'dist/apps/projector/src/main.js',
      /projector (running)/,
    );
    const desk = await Harness.start({ ...env, RUN_PROJECTOR: 'false' }, 'dist/apps/desk-api/src/main.js', ON);
    const tracking = await Harness.start(
      { ...env, RUN_PROJECTOR: 'false', DEMO_DATA: 'false', TRACKING_CACHE_SECONDS: '60' },
      'dist/apps/tracking/src/main.js',
      ON,
    );
    try {
      const receipt = await desk.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      expect(receipt.status).toBe(201);
      const reg = receipt.body.registrationNumber as string;
      const pin = receipt.body.pin as string;
      const seen = await tracking.publicStatus(reg, pin, 'in-process');
      expect(seen.status).toBe(200);
      expect(seen.body.applicant).toBe('B*** S******');
      // The answer is now in the tracking process's cache; the verifier's decision replaces it at once.
      const steps = (r: { body: Record<string, unknown> }) => (r.body.timeline as unknown[]).length;
      expect(steps(await tracking.track(reg, pin))).toBe(steps(seen));
      const forwarded = await desk.act('verifikator', receipt.body.dossierId as string, 'complete', { outcome: 'forward' });
      expect(forwarded.status).toBe(200);
      const after = await tracking.eventually(
        () => tracking.track(reg, pin),
        (r) => steps(r) > steps(seen),
        10_000,
      );
      expect(steps(after)).toBeGreaterThan(steps(seen));
      // The public process has no officer routes at all.
      expect((await tracking.request('POST', '/api/auth/login', { username: 'loket', password: 'demo123' })).status).toBe(404);
      expect((await tracking.request('GET', `/api/dossiers/${receipt.body.dossierId as string}`)).status).toBe(404);
      // And the desk API does not serve public lookups.
      expect((await desk.track(reg, pin)).status).toBe(404);
    } finally {
      await tracking.close();
      await desk.close();
      await projector.close();
      await drop();
    }
  });
});
