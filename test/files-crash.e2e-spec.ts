import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, PBG_REQUEST } from './support/http-harness.js';
import { samplePdf } from './support/sample-files.js';

/**
 * The kill -9 drill for files (issue 22): the server is killed while a dozen
 * uploads are on the wire. After the restart no event names a file that is
 * not there whole, and the sweep removes what no event names (an upload
 * stored when the process died, before its event), then nothing else.
 */
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const objects = (dir: string) =>
  readdirSync(join(dir, 'files', 'objects'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(dir, 'files', 'objects', d.name)))
    .sort();

describe('a server killed during uploads (kill -9)', () => {
  let dir: string;
  let h: Harness | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-files-crash-'));
  });
  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no event without its file, and the sweep then removes only the files no event names', async () => {
    const env = { BERKAS_DATA_DIR: dir, DATABASE_URL: '', DEMO_DATA: 'true', DEMO_DOSSIERS: 'false', FILE_SWEEP_SECONDS: '0' };
    h = await Harness.start(env);
    const dossiers: string[] = [];
    for (let i = 0; i < 3; i++) dossiers.push((await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST)).body.dossierId as string);
    const token = await h.login('loket');
    // A dozen 1.5 MB scans at once, each its own bytes; the server dies once the first has been answered.
    const scans = Array.from({ length: 12 }, (_, i) => samplePdf(`Pindaian ${i} ${'#'.repeat(1_500_000)}`));
    const sent = scans.map((body, i) =>
      fetch(`${h!.url}/api/dossiers/${dossiers[i % 3]}/files?requirement=gambar-arsitektur&name=scan-${i}.pdf`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
        body: new Uint8Array(body),
      }).then(
        (r) => r.status,
        () => 'cut',
      ),
    );
    await Promise.race(sent);
    await h.kill();
    const outcomes = await Promise.all(sent);
    expect(outcomes).toContain(200);

    // An upload's leftover from long ago in the folder where uploads are checked: cleared as the server starts.
    const stale = join(dir, 'uploads', 'cut-off-upload');
    writeFileSync(stale, 'half a scan');
    utimesSync(stale, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));

    // Restarted with a sweep every second and a grace period of about a second (only for the drill).
    h = await Harness.start({ ...env, FILE_SWEEP_SECONDS: '1', FILE_SWEEP_GRACE_HOURS: '0.0003' });
    expect(readdirSync(join(dir, 'uploads'))).not.toContain('cut-off-upload');
    const named: string[] = [];
    for (const id of dossiers) {
      const docs = (await h.as('supervisor', 'GET', `/api/dossiers/${id}`)).body.documents as
        { sha256: string; size: number }[] | undefined;
      for (const d of docs ?? []) {
        // Every file an event names is there, whole.
        const res = await fetch(`${h.url}/api/dossiers/${id}/files/${d.sha256}`, {
          headers: { authorization: `Bearer ${await h.login('supervisor')}` },
        });
        expect(res.status).toBe(200);
        const bytes = Buffer.from(await res.arrayBuffer());
        expect([bytes.length, sha(bytes)]).toEqual([d.size, d.sha256]);
        expect(scans.some((s) => sha(s) === d.sha256)).toBe(true);
        named.push(d.sha256);
      }
    }
    expect(named.length).toBeGreaterThanOrEqual(outcomes.filter((o) => o === 200).length);
    // The sweep leaves exactly the named files, and nothing half-written.
    await h.eventually(
      async () => objects(dir),
      (o) => o.length === named.length,
      20_000,
    );
    expect(objects(dir)).toEqual([...named].sort());
    // A file half-written into the store when the process died goes once it is older than the grace period.
    await h.eventually(
      async () => readdirSync(join(dir, 'files', 'incoming')),
      (i) => i.length === 0,
      10_000,
    );
    // The uploads cut off by the kill, held while checked, go with the sweep too.
    await h.eventually(
      async () => readdirSync(join(dir, 'uploads')),
      (u) => u.length === 0,
      10_000,
    );
  }, 180_000);
});
