import { e2eEngines, Harness, PBG_REQUEST, harnessPerSuite, registerDossier } from './support/http-harness.js';
import { describeEngines } from '#berkas/testing';

const engines = await e2eEngines();

describeEngines(engines)('desk lists over HTTP on %s: queues, search, returned dossiers, history', (_engine, factory) => {
  let h!: Harness;
  harnessPerSuite(factory, (started) => (h = started));

  const register = (body: object = PBG_REQUEST) => registerDossier(h, body);

  it('pages a desk queue with a total: pages neither overlap nor skip, and together hold the whole queue', async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) mine.push((await register()).id);
    const all = await h.eventually(
      () => h.as('verifikator', 'GET', '/api/queues/back-office?limit=200'),
      (r) => mine.every((id) => (r.body.items as { dossierId: string }[]).some((i) => i.dossierId === id)),
    );
    const total = all.body.total as number;
    expect((all.body.items as unknown[]).length).toBe(total);
    const ids: string[] = [];
    for (let offset = 0; offset < total; offset += 2) {
      const page = await h.as('verifikator', 'GET', `/api/queues/back-office?limit=2&offset=${offset}`);
      expect(page.body).toMatchObject({ total, limit: 2, offset });
      ids.push(...(page.body.items as { dossierId: string }[]).map((i) => i.dossierId));
    }
    expect(ids).toEqual((all.body.items as { dossierId: string }[]).map((i) => i.dossierId));
    expect((await h.as('verifikator', 'GET', '/api/queues/back-office?overdue=true')).body).toMatchObject({ items: [], total: 0 });
    expect((await h.as('verifikator', 'GET', '/api/queues/back-office?overdue=maybe')).status).toBe(400);
    const bad = await h.as('verifikator', 'GET', '/api/queues/back-office?limit=5000');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('limit');
  });

  it('filters a desk queue to the dossiers I hold over the whole queue, and lists what my desk returned to applicants', async () => {
    const held = (await register()).id;
    const other = (await register()).id;
    const sentBack = (await register()).id;
    expect((await h.as('verifikator', 'POST', `/api/dossiers/${held}/claim`, {})).status).toBe(200);
    expect((await h.act('verifikator', sentBack, 'return', { reasons: ['Foto KTP buram'] })).status).toBe(200);
    type Items = { items: { dossierId: string; heldBy: string | null }[]; total: number };
    type Returned = { items: { dossierId: string; desk: string; reasons: string[] }[]; total: number };
    // The read side follows the log in order: once the return shows, the claims before it do too.
    const back = await h.eventually(
      () => h.as('verifikator', 'GET', '/api/returned?desk=back-office'),
      (r) => (r.body as unknown as Returned).items.some((i) => i.dossierId === sentBack),
    );
    const page = (await h.as('verifikator', 'GET', '/api/queues/back-office?mine=true&limit=1')).body as unknown as Items;
    expect(page.items).toHaveLength(1);
    // The filter is the server's: the total counts every dossier held, not just this page's.
    const all = (await h.as('verifikator', 'GET', '/api/queues/back-office?limit=200')).body as unknown as Items;
    expect(page.total).toBe(all.items.filter((i) => i.heldBy === 'officer-verifikator').length);
    expect(all.items.some((i) => i.dossierId === other)).toBe(true);
    const full = (await h.as('verifikator', 'GET', '/api/queues/back-office?mine=true&limit=200')).body as unknown as Items;
    expect(full.items.map((i) => i.dossierId)).not.toContain(other);
    expect(full.items.map((i) => i.dossierId)).toContain(held);
    expect(full.items.every((i) => i.heldBy === 'officer-verifikator')).toBe(true);

    const returned = back.body as unknown as Returned;
    expect(returned.items.every((i) => i.desk === 'back-office')).toBe(true);
    expect(returned.items.find((i) => i.dossierId === sentBack)?.reasons).toEqual(['Foto KTP buram']);
    // A processor sees only their own desk's, and must name it; the front desk sees every one.
    expect((await h.as('verifikator', 'GET', '/api/returned')).status).toBe(403);
    expect((await h.as('verifikator', 'GET', '/api/returned?desk=kabid')).status).toBe(403);
    expect((await h.as('pupr', 'GET', '/api/returned?desk=dinas-pupr')).body).toMatchObject({ total: expect.any(Number) });
    const front = (await h.as('loket', 'GET', '/api/returned?limit=200')).body as unknown as Returned;
    expect(front.total).toBeGreaterThanOrEqual(returned.total);
    expect((await h.as('verifikator', 'GET', '/api/queues/back-office?mine=perhaps')).status).toBe(400);
  });

  it('shows a dossier as it was after any of its events, from the event log, on the need to know', async () => {
    const { id } = await register();
    expect((await h.act('verifikator', id, 'complete', { outcome: 'forward' })).status).toBe(200);
    const first = await h.as('loket', 'GET', `/api/dossiers/${id}/versions/1`);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ version: 1, event: 'DossierRegistered', lifecycle: 'in-process' });
    expect(first.body.step).toBeNull();
    const now = await h.as('loket', 'GET', `/api/dossiers/${id}/versions/${first.body.latestVersion as number}`);
    expect((now.body.step as { id: string }).id).toBe('konsultasi-teknis');
    const claimed = await h.as('loket', 'GET', `/api/dossiers/${id}/versions/3`);
    expect(claimed.body).toMatchObject({ event: 'DossierClaimed', holders: { 'back-office': expect.any(String) } });
    expect((await h.as('loket', 'GET', `/api/dossiers/${id}/versions/99`)).status).toBe(404);
    expect((await h.as('loket', 'GET', `/api/dossiers/${id}/versions/x`)).status).toBe(400);
    // The cashier's desk was never reached: refused, and the refusal is in the access log.
    expect((await h.as('kasir', 'GET', `/api/dossiers/${id}/versions/1`)).status).toBe(403);
    const log = await h.as('supervisor', 'GET', `/api/access-log?dossierId=${id}`);
    expect((log.body.items as { what: string; allowed: boolean }[]).some((e) => e.what === 'as-of' && !e.allowed)).toBe(true);
  });
});
