import { lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Harness, PBG_REQUEST } from './support/http-harness.js';

/** Every folder and file below `root` with its permission bits. */
function modes(root: string): { path: string; dir: boolean; mode: number }[] {
  const out: { path: string; dir: boolean; mode: number }[] = [];
  const stack = [root];
  while (stack.length) {
    const p = stack.pop()!;
    const st = lstatSync(p);
    out.push({ path: p, dir: st.isDirectory(), mode: st.mode & 0o777 });
    if (st.isDirectory()) for (const name of readdirSync(p)) stack.push(join(p, name));
  }
  return out;
}

describe('the embedded data directory', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'berkas-lock-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is held by one process: a second is refused by name, and nothing acknowledged is lost, even across kill -9', async () => {
    // A permissive umask, as on a shared machine: the store must still be private.
    const umask = process.umask(0);
    let first: Harness;
    try {
      first = await Harness.start({ BERKAS_DATA_DIR: dataDir });
    } finally {
      process.umask(umask);
    }
    // A failed expectation must not leave the process running (Jest would wait for it).
    const stray = setTimeout(() => void first.kill(), 120_000);
    stray.unref();
    const receipt = await first.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    expect(receipt.status).toBe(201);

    await expect(Harness.start({ BERKAS_DATA_DIR: dataDir })).rejects.toThrow(
      new RegExp(`in use by process ${first.pid} on .*stop that process first`, 's'),
    );
    // The refused process changed nothing: the first one still has the acknowledged dossier.
    expect((await first.as('supervisor', 'GET', `/api/dossiers/${receipt.body.dossierId as string}`)).status).toBe(200);

    const files = modes(join(dataDir, 'pglite'));
    expect(files.length).toBeGreaterThan(100);
    expect(files.filter((f) => f.mode !== (f.dir ? 0o700 : 0o600)).map((f) => `${f.path} ${f.mode.toString(8)}`)).toEqual([]);
    expect(lstatSync(dataDir).mode & 0o777).toBe(0o700);

    await first.kill();
    clearTimeout(stray);
    // After a crash the next start waits for the dead holder's lock to expire, then serves everything acknowledged.
    const next = await Harness.start({ BERKAS_DATA_DIR: dataDir }, undefined, undefined, 120_000);
    try {
      const detail = await next.as('supervisor', 'GET', `/api/dossiers/${receipt.body.dossierId as string}`);
      expect(detail.status).toBe(200);
      expect(detail.body.registrationNumber).toBe(receipt.body.registrationNumber);
      const again = await next.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      expect(again.body.registrationNumber).not.toBe(receipt.body.registrationNumber);
    } finally {
      await next.close();
    }
  });

  it('keeps every acknowledged command when killed with kill -9 in the middle of a burst', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'berkas-burst-'));
    const first = await Harness.start({ BERKAS_DATA_DIR: dir, DEMO_DOSSIERS: 'false' });
    const acknowledged: { dossierId: string; registrationNumber: string }[] = [];
    let killed = false;
    // Four counter clerks registering as fast as they can; the process dies under them.
    const clerk = async () => {
      while (!killed) {
        const r = await first.as('loket', 'POST', '/api/dossiers', PBG_REQUEST).catch(() => undefined);
        if (r?.status === 201) acknowledged.push(r.body as { dossierId: string; registrationNumber: string });
      }
    };
    const clerks = Array.from({ length: 4 }, clerk);
    while (acknowledged.length < 20) await new Promise((r) => setTimeout(r, 5));
    await first.kill();
    killed = true;
    await Promise.all(clerks);
    const next = await Harness.start({ BERKAS_DATA_DIR: dir, DEMO_DOSSIERS: 'false' }, undefined, undefined, 120_000);
    try {
      for (const a of acknowledged) {
        const detail = await next.as('supervisor', 'GET', `/api/dossiers/${a.dossierId}`);
        expect([detail.status, detail.body.registrationNumber]).toEqual([200, a.registrationNumber]);
      }
      // Numbers stay unique across the crash: the next registration gets a new one.
      const after = await next.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
      expect(after.status).toBe(201);
      expect(acknowledged.map((a) => a.registrationNumber)).not.toContain(after.body.registrationNumber);
    } finally {
      await next.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
