import { request } from 'node:http';
import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';
import { samplePdf } from './support/sample-files.js';

/**
 * How long an upload may take to arrive (UPLOAD_TIMEOUT_SECONDS): Node's own
 * limit of 5 minutes would cut a 20 MB scan off a slow phone line, so the
 * server sets its own (30 minutes by default). Here it is set to 30 s and a
 * body trickled for longer is cut, proving the setting reaches the server.
 */
const [[, pglite]] = await e2eEngines();

describe('a request that takes longer than UPLOAD_TIMEOUT_SECONDS to arrive', () => {
  let h: Harness;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await pglite();
    drop = db.drop;
    h = await Harness.start({ ...db.env, UPLOAD_TIMEOUT_SECONDS: '30' });
  }, 90_000);
  afterAll(async () => {
    await h?.close();
    await drop?.();
  });

  it('is cut once the configured time has passed, while the headers were on time', async () => {
    const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const token = await h.login('loket');
    const body = samplePdf(`Pindaian lambat ${'-'.repeat(100_000)}`);
    const url = new URL(`${h.url}/api/dossiers/${r.body.dossierId as string}/files?requirement=ktp&name=ktp.pdf`);
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const req = request(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf', 'content-length': body.length },
      });
      req.on('response', (res) => resolve(`status ${res.statusCode}`));
      req.on('error', () => resolve('cut'));
      // 1 kB a second: the 100 kB would take over a minute and a half.
      let sent = 0;
      const drip = setInterval(() => {
        if (req.destroyed || sent >= body.length) return clearInterval(drip);
        req.write(body.subarray(sent, sent + 1024));
        sent += 1024;
      }, 1000);
    });
    const seconds = (Date.now() - started) / 1000;
    expect(['cut', 'status 408']).toContain(outcome);
    expect(seconds).toBeGreaterThanOrEqual(29);
    expect(seconds).toBeLessThan(95);
  }, 120_000);
});
