import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';

// Production runs desk API, public tracking and projector as separate processes on one PostgreSQL.
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');
const ON = /\son (http:\/\/\S+?)[\s(]/;

(postgres ? describe : describe.skip)('separate processes on PostgreSQL', () => {
  it('registers at the desk API, projects in the projector process, and tracks in the read-only tracking process', async () => {
    const { env, drop } = await postgres![1]();
    const projector = await Harness.start({ ...env, RUN_PROJECTOR: 'true' }, 'dist/apps/projector/src/main.js', /projector (running)/);
    const desk = await Harness.start({ ...env, RUN_PROJECTOR: 'false' }, 'dist/apps/desk-api/src/main.js', ON);
    const tracking = await Harness.start({ ...env, RUN_PROJECTOR: 'false', DEMO_DATA: 'false' }, 'dist/apps/tracking/src/main.js', ON);
    try {
      const receipt = await desk.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      expect(receipt.status).toBe(201);
      const reg = receipt.body.registrationNumber as string;
      const pin = receipt.body.pin as string;
      const seen = await tracking.publicStatus(reg, pin, 'in-process');
      expect(seen.status).toBe(200);
      expect(seen.body.applicant).toBe('B*** S******');
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
