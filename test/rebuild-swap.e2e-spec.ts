import { e2eEngines, Harness, PBG_REQUEST } from './support/http-harness.js';
import { rebuildProcess } from './support/rebuild-process.js';

/**
 * `npm run rebuild-projections` on PostgreSQL while the all-in-one serves (D40):
 * the read models are rebuilt beside the live ones and swapped in, so no
 * existing dossier is ever missing from the officers' API or public tracking,
 * and dossiers registered meanwhile are there afterwards.
 */
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');

(postgres ? describe : describe.skip)('rebuild without downtime (PostgreSQL)', () => {
  it('keeps answering every existing dossier while the read models are rebuilt and swapped in', async () => {
    const { env, drop } = await postgres![1]();
    // No public cache: every lookup reads the tables being rebuilt.
    const h = await Harness.start({ ...env, TRACKING_CACHE_SECONDS: '0' });
    try {
      const dossiers: { id: string; number: string; pin: string }[] = [];
      for (let i = 0; i < 150; i++) {
        const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
        expect(r.status).toBe(201);
        dossiers.push({ id: r.body.dossierId as string, number: r.body.registrationNumber as string, pin: r.body.pin as string });
      }
      for (const d of dossiers.slice(0, 50))
        expect((await h.as('verifikator', 'POST', `/api/dossiers/${d.id}/claim`, {})).status).toBe(200);
      const last = dossiers[dossiers.length - 1];
      expect(
        (
          await h.eventually(
            () => h.track(last.number, last.pin),
            (r) => r.status === 200,
            15_000,
          )
        ).status,
      ).toBe(200);
      const token = await h.login('supervisor');

      const rebuild = rebuildProcess(env);
      let done = false;
      void rebuild.then(() => (done = true));
      const answers = new Map<number, number>();
      let rounds = 0;
      const during: { id: string; number: string; pin: string }[] = [];
      while (!done) {
        rounds++;
        const d = dossiers[rounds % dossiers.length];
        const [officer, applicant] = await Promise.all([
          fetch(`${h.url}/api/dossiers/${d.id}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status),
          h.track(d.number, d.pin).then((r) => r.status),
        ]);
        answers.set(officer, (answers.get(officer) ?? 0) + 1);
        answers.set(applicant, (answers.get(applicant) ?? 0) + 1);
        if (rounds % 20 === 0) {
          const r = await h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
          during.push({ id: r.body.dossierId as string, number: r.body.registrationNumber as string, pin: r.body.pin as string });
        }
      }
      const { status, out } = await rebuild;
      expect(out).toContain('swapping them in');
      // On failure, the rebuild's own words say why.
      expect([status, status === 0 ? '' : out]).toEqual([0, '']);
      // Every answer during the rebuild and the swap was the dossier itself: no 404, no 500.
      expect([...answers.keys()]).toEqual([200]);
      expect(rounds).toBeGreaterThan(5);
      // Afterwards: every dossier, those registered during the rebuild included, at its last state.
      for (const d of [...dossiers, ...during])
        expect(
          (
            await h.eventually(
              () => h.track(d.number, d.pin),
              (r) => r.status === 200,
              15_000,
            )
          ).status,
        ).toBe(200);
      const claimed = await h.as('supervisor', 'GET', `/api/dossiers/${dossiers[0].id}`);
      expect(JSON.stringify(claimed.body)).toContain('officer-verifikator');
    } finally {
      await h.close();
      await drop();
    }
  }, 240_000);
});
