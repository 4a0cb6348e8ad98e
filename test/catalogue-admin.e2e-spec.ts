import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eEngines, Harness, PBG_REQUEST, REKLAME_REQUEST } from './support/http-harness.js';
import { writeTwoTenants } from './support/two-tenants.js';

const engines = await e2eEngines();

type Definition = { version: number; slaDays: number; steps: { id: string; slaDays: number }[] } & Record<string, unknown>;

/**
 * Issue 23: an MPP's administrator adapts a service of the national template and publishes it. Saving a draft answers
 * what publishing would refuse; publishing checks it as the boot checks the catalogue folder, numbers it after every
 * version, and records who and why. From its first day the MPP's new dossiers follow it, the other MPP's do not, and
 * it is still there after a restart (read back from the published catalogue).
 */
describe.each(engines)('an MPP publishes its own version of a service on %s', (_engine, factory) => {
  let h: Harness;
  let env: Record<string, string>;
  let dir: string;
  let drop: (() => Promise<void>) | undefined;
  const tokens: Record<string, string> = {};

  const as = (who: string, method: string, path: string, body?: unknown) =>
    h.request(method, path, body, { authorization: `Bearer ${tokens[who]}` });
  const signIn = async () => {
    for (const [tenant, username] of [
      ['kota-denpasar', 'admin'],
      ['kota-denpasar', 'supervisor'],
      ['kota-denpasar', 'loket'],
      ['kota-bandung', 'loket'],
      ['kota-bandung', 'supervisor'],
      ['kota-bandung', 'admin'],
    ]) {
      const r = await h.request('POST', '/api/auth/login', { tenant, username, password: 'demo123' });
      tokens[`${tenant}/${username}`] = r.body.accessToken as string;
    }
  };
  const register = async (who: string) => {
    const r = await as(who, 'POST', '/api/dossiers', PBG_REQUEST);
    expect(r.status).toBe(201);
    return r.body.dossierId as string;
  };
  const versionOf = async (who: string, id: string) =>
    (
      await h.eventually(
        () => as(who, 'GET', `/api/dossiers/${id}`),
        (r) => r.status === 200,
      )
    ).body.service as { version: number };
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Makassar' }).format(new Date());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-catalogue-admin-'));
    const engine = await factory();
    drop = engine.drop;
    env = { DATABASE_URL: '', ...engine.env, DEMO_DATA: 'true', DEMO_DOSSIERS: 'false', TENANTS_FILE: writeTwoTenants(dir) };
    h = await Harness.start(env);
    await signIn();
  }, 120_000);
  afterAll(async () => {
    await h?.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  });

  it('adapts, checks and publishes PBG for Denpasar alone, from its first day', async () => {
    const before = await register('kota-denpasar/loket');
    const listed = await as('kota-denpasar/admin', 'GET', '/api/catalogue');
    expect(listed.status).toBe(200);
    const pbg = (listed.body as unknown as { code: string; template: { version: number }; current: { version: number } }[]).find(
      (s) => s.code === 'pbg',
    );
    expect(pbg).toMatchObject({ template: { version: 3 }, current: { version: 3 } });
    // A supervisor reads the catalogue, but only an administrator changes it.
    expect((await as('kota-denpasar/supervisor', 'POST', '/api/catalogue/pbg/draft', { from: 3 })).status).toBe(403);
    const started = await as('kota-denpasar/admin', 'POST', '/api/catalogue/pbg/draft', { from: 3 });
    expect([started.status, started.body.basedOn, started.body.version, started.body.problems]).toEqual([201, 3, 4, []]);
    expect((await as('kota-denpasar/admin', 'POST', '/api/catalogue/pbg/draft', { from: 3 })).status).toBe(409);

    // Twenty days of consultation: saved, but the problem comes back, and publishing it is refused with the field.
    const draft = started.body.definition as unknown as Definition;
    const withConsultation = (days: number) => ({
      ...draft,
      steps: draft.steps.map((s) => (s.id === 'konsultasi-teknis' ? { ...s, slaDays: days } : s)),
    });
    const tooLong = await as('kota-denpasar/admin', 'PUT', '/api/catalogue/pbg/draft', { definition: withConsultation(20) });
    expect(tooLong.status).toBe(200);
    expect(tooLong.body.problems).toContainEqual({ path: 'slaDays', message: expect.stringContaining('34 working days') });
    const refused = await as('kota-denpasar/admin', 'POST', '/api/catalogue/pbg/publish', {
      effectiveFrom: today(),
      reason: 'Perwali Denpasar: SLA konsultasi teknis',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toContainEqual({ field: 'definition.slaDays', reason: expect.stringContaining('34 working days') });

    // Twelve days: it publishes; a date before today is refused first.
    const saved = await as('kota-denpasar/admin', 'PUT', '/api/catalogue/pbg/draft', { definition: withConsultation(12) });
    expect(saved.body.problems).toEqual([]);
    const past = await as('kota-denpasar/admin', 'POST', '/api/catalogue/pbg/publish', {
      effectiveFrom: '2020-01-01',
      reason: 'Perwali Denpasar: SLA konsultasi teknis',
    });
    expect([past.status, past.body.errors]).toEqual([400, [{ field: 'effectiveFrom', reason: expect.stringContaining('from today') }]]);
    const published = await as('kota-denpasar/admin', 'POST', '/api/catalogue/pbg/publish', {
      effectiveFrom: today(),
      reason: 'Perwali Denpasar: SLA konsultasi teknis 12 hari kerja',
    });
    expect([published.status, published.body.version]).toEqual([201, 4]);
    // The draft is gone; who published it and why is kept with the version.
    expect((await as('kota-denpasar/admin', 'GET', '/api/catalogue/pbg/draft')).status).toBe(404);
    const after = (await as('kota-denpasar/admin', 'GET', '/api/catalogue')).body as unknown as {
      code: string;
      own: { version: number; publishedBy: string; reason: string; basedOn: number }[];
      current: { version: number };
    }[];
    expect(after.find((s) => s.code === 'pbg')).toMatchObject({
      current: { version: 4 },
      own: [{ version: 4, publishedBy: 'officer-kota-denpasar-admin', reason: expect.stringContaining('12 hari'), basedOn: 3 }],
    });

    // Denpasar's new dossiers follow v4; its running one keeps v3; Bandung's follow the template.
    expect((await versionOf('kota-denpasar/loket', await register('kota-denpasar/loket'))).version).toBe(4);
    expect((await versionOf('kota-denpasar/loket', before)).version).toBe(3);
    expect((await versionOf('kota-bandung/loket', await register('kota-bandung/loket'))).version).toBe(3);
    const services = async (tenant: string) =>
      ((await h.request('GET', `/api/services?tenant=${tenant}`)).body as unknown as { code: string; version: number }[]).find(
        (s) => s.code === 'pbg',
      )?.version;
    expect([await services('kota-denpasar'), await services('kota-bandung')]).toEqual([4, 3]);

    // The running one may be moved to it by Denpasar's supervisor; Bandung cannot follow Denpasar's version.
    const moved = await as('kota-denpasar/supervisor', 'POST', `/api/dossiers/${before}/migration/preview`, {
      toVersion: 4,
      reason: 'Ikut Perwali baru',
    });
    expect([moved.status, (moved.body.to as { version: number }).version]).toEqual([200, 4]);
    const bandung = await register('kota-bandung/loket');
    await versionOf('kota-bandung/supervisor', bandung);
    const elsewhere = await as('kota-bandung/supervisor', 'POST', `/api/dossiers/${bandung}/migration/preview`, {
      toVersion: 4,
      reason: 'Ikut Perwali Denpasar',
    });
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'MIGRATION.UNKNOWN_VERSION']);
  }, 120_000);

  /** A dossier's first step's due date, as a local date of its MPP. */
  const stepDue = async (who: string, id: string, zone: string) => {
    const d = await h.eventually(
      () => as(who, 'GET', `/api/dossiers/${id}`),
      (r) => r.status === 200,
    );
    const due = (d.body.step as { due: { dueAt: string } }).due.dueAt;
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date(due));
  };
  let withHoliday = '';

  it('counts the regional holidays Denpasar publishes in Denpasar’s deadlines only', async () => {
    const before = await stepDue('kota-denpasar/loket', await register('kota-denpasar/loket'), 'Asia/Makassar');
    const bandungBefore = await stepDue('kota-bandung/loket', await register('kota-bandung/loket'), 'Asia/Jakarta');
    // The first working day after today: inside the 3 working days of verification.
    const calendarOf = async (year: number) => (await as('kota-denpasar/admin', 'GET', `/api/calendar/${year}`)).body;
    let day = new Date(`${today()}T00:00:00Z`);
    let holiday = '';
    while (!holiday) {
      day = new Date(day.getTime() + 86_400_000);
      const date = day.toISOString().slice(0, 10);
      const national = (await calendarOf(day.getUTCFullYear())).national as {
        holidays: { date: string }[];
        cutiBersama: { date: string }[];
      } | null;
      const off = [...(national?.holidays ?? []), ...(national?.cutiBersama ?? [])].some((d) => d.date === date);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !off) holiday = date;
    }
    const year = Number(holiday.slice(0, 4));
    const put = (who: string, body: object) => as(who, 'PUT', `/api/calendar/${year}/regional`, body);
    const reason = 'Keputusan Wali Kota Denpasar tentang hari libur daerah';
    expect((await put('kota-denpasar/supervisor', { holidays: [{ date: holiday, name: 'Hari libur daerah' }], reason })).status).toBe(403);
    const wrongYear = await put('kota-denpasar/admin', { holidays: [{ date: `${year + 1}-01-05`, name: 'Salah tahun' }], reason });
    expect([wrongYear.status, wrongYear.body.errors]).toEqual([400, [{ field: 'holidays.0.date', reason: `must be a date in ${year}` }]]);
    const published = await put('kota-denpasar/admin', { holidays: [{ date: holiday, name: 'Hari libur daerah' }], reason });
    expect(published.status).toBe(200);
    expect(published.body.regional).toEqual([{ date: holiday, name: 'Hari libur daerah' }]);

    withHoliday = await stepDue('kota-denpasar/loket', await register('kota-denpasar/loket'), 'Asia/Makassar');
    expect(withHoliday > before).toBe(true);
    // Bandung's deadlines are as they were; Denpasar's first one, recorded before, keeps its day.
    expect(await stepDue('kota-bandung/loket', await register('kota-bandung/loket'), 'Asia/Jakarta')).toBe(bandungBefore);
    expect((await as('kota-bandung/supervisor', 'GET', `/api/calendar/${year}`)).body.regional).toEqual([]);
  }, 120_000);

  it('creates a service of Denpasar’s own, not in the template, that only Denpasar offers', async () => {
    const name = { id: 'Izin Reklame Insidentil', en: 'Incidental billboard permit' };
    const start = (body: object, code = 'reklame-insidentil') => as('kota-denpasar/admin', 'POST', `/api/catalogue/${code}/draft`, body);
    // The template's codes are taken; a new service needs a name, and a source the MPP may follow.
    const taken = await start({ from: 3, copyOf: 'reklame', name }, 'pbg');
    expect([taken.status, taken.body.code]).toEqual([409, 'CATALOGUE.CODE_TAKEN']);
    const nameless = await start({ from: 1, copyOf: 'reklame' });
    expect([nameless.status, nameless.body.errors]).toEqual([
      400,
      [{ field: 'name', reason: 'a new service needs its name in Bahasa Indonesia and English' }],
    ]);
    expect((await start({ from: 4, copyOf: 'pbg', name }, 'Reklame Insidentil')).status).toBe(400);
    const reklame = (await as('kota-denpasar/admin', 'GET', '/api/catalogue')).body as unknown as {
      code: string;
      current: { version: number };
    }[];
    const source = reklame.find((s) => s.code === 'reklame')!.current.version;
    const started = await start({ from: source, copyOf: 'reklame', name });
    expect([started.status, started.body.code, started.body.basedOn, started.body.version, started.body.problems]).toEqual([
      201,
      'reklame-insidentil',
      null,
      1,
      [],
    ]);
    expect((started.body.definition as { name: unknown }).name).toEqual(name);
    // Listed as the MPP's own, a draft without a template or a version in effect yet.
    const listed = ((await as('kota-denpasar/admin', 'GET', '/api/catalogue')).body as unknown as Record<string, unknown>[]).find(
      (s) => s.code === 'reklame-insidentil',
    );
    expect(listed).toMatchObject({ name, own: [] });
    expect(listed && ['template' in listed, 'current' in listed, 'draft' in listed]).toEqual([false, false, true]);
    const published = await as('kota-denpasar/admin', 'POST', '/api/catalogue/reklame-insidentil/publish', {
      effectiveFrom: today(),
      reason: 'Perwali Denpasar tentang reklame insidentil',
    });
    expect([published.status, published.body.version]).toEqual([201, 1]);

    // Denpasar's counter offers it and registers under it, in Denpasar's own register; Bandung does not know it.
    const services = async (tenant: string) =>
      ((await h.request('GET', `/api/services?tenant=${tenant}`)).body as unknown as { code: string }[]).map((s) => s.code);
    expect(await services('kota-denpasar')).toContain('reklame-insidentil');
    expect(await services('kota-bandung')).not.toContain('reklame-insidentil');
    const request = { ...REKLAME_REQUEST, service: 'reklame-insidentil' };
    const made = await as('kota-denpasar/loket', 'POST', '/api/dossiers', request);
    expect([made.status, made.body.registrationNumber]).toEqual([201, `DPS-REKLAME-INSIDENTIL-${today().slice(0, 4)}-000001`]);
    expect((await versionOf('kota-denpasar/loket', made.body.dossierId as string)).version).toBe(1);
    const elsewhere = await as('kota-bandung/loket', 'POST', '/api/dossiers', request);
    // Bandung's counter is told the service is unknown, as for any code it does not offer.
    expect([elsewhere.status, elsewhere.body.code]).toEqual([422, 'SERVICE.UNKNOWN']);
  }, 120_000);

  it('adds a desk of Denpasar’s own, with its unit, for its versions and officers alone', async () => {
    const desk = {
      id: 'dinas-pariwisata',
      name: { id: 'Dinas Pariwisata', en: 'Tourism Office' },
      unit: { id: 'Dinas Pariwisata Kota Denpasar', en: 'Denpasar Tourism Office' },
    };
    const reason = 'Dinas Pariwisata bergabung dengan MPP';
    const put = (who: string, desks: object[]) => as(who, 'PUT', '/api/catalogue/desks', { desks, reason });
    const template = await put('kota-denpasar/admin', [{ id: 'tpa', name: { id: 'TPA lain', en: 'Another TPA' } }]);
    expect([template.status, template.body.errors]).toEqual([400, [{ field: 'desks.0.id', reason: 'is a desk of the national template' }]]);
    expect((await put('kota-denpasar/supervisor', [desk])).status).toBe(403);
    const published = await put('kota-denpasar/admin', [desk]);
    expect([published.status, published.body.own]).toEqual([200, [desk]]);
    const desksOf = async (tenant: string) =>
      ((await h.request('GET', `/api/desks?tenant=${tenant}`)).body as unknown as { id: string }[]).map((d) => d.id);
    expect(await desksOf('kota-denpasar')).toContain('dinas-pariwisata');
    expect(await desksOf('kota-bandung')).not.toContain('dinas-pariwisata');

    // Denpasar's officers may work at it; Bandung's administrator cannot give it to anyone.
    const officersOf = async (who: string) =>
      (await as(who, 'GET', '/api/officers')).body as unknown as { officerId: string; username: string; desks: string[] }[];
    const verifier = (await officersOf('kota-denpasar/admin')).find((o) => o.username === 'verifikator')!;
    const assigned = await as('kota-denpasar/admin', 'PATCH', `/api/officers/${verifier.officerId}`, {
      desks: [...verifier.desks, 'dinas-pariwisata'],
    });
    expect(assigned.status).toBe(200);
    const bandungVerifier = (await officersOf('kota-bandung/admin')).find((o) => o.username === 'verifikator')!;
    const elsewhere = await as('kota-bandung/admin', 'PATCH', `/api/officers/${bandungVerifier.officerId}`, {
      desks: ['dinas-pariwisata'],
    });
    expect([elsewhere.status, elsewhere.body.errors]).toEqual([400, [{ field: 'desks', reason: 'unknown desk "dinas-pariwisata"' }]]);
    // A desk with officers stays.
    const removed = await put('kota-denpasar/admin', []);
    expect([removed.status, removed.body.errors]).toEqual([
      400,
      [{ field: 'desks', reason: '"dinas-pariwisata" still has officers: move them to another desk first' }],
    ]);
    // Its queue is Denpasar's to read.
    const queue = await as('kota-denpasar/supervisor', 'GET', '/api/queues/dinas-pariwisata');
    expect([queue.status, queue.body.name]).toEqual([200, desk.name]);
    expect((await as('kota-bandung/supervisor', 'GET', '/api/queues/dinas-pariwisata')).status).toBe(404);
  }, 120_000);

  it('still registers Denpasar’s dossiers under its version, and counts its holidays, after a restart', async () => {
    await h.close();
    h = await Harness.start(env);
    await signIn();
    const id = await register('kota-denpasar/loket');
    expect((await versionOf('kota-denpasar/loket', id)).version).toBe(4);
    expect(await stepDue('kota-denpasar/loket', id, 'Asia/Makassar')).toBe(withHoliday);
    expect((await versionOf('kota-bandung/loket', await register('kota-bandung/loket'))).version).toBe(3);
    // Its own desk is still there.
    expect(((await h.request('GET', '/api/desks?tenant=kota-denpasar')).body as unknown as { id: string }[]).map((d) => d.id)).toContain(
      'dinas-pariwisata',
    );
    // And its own service is still offered.
    const own = ((await h.request('GET', '/api/services?tenant=kota-denpasar')).body as unknown as { code: string }[]).map((s) => s.code);
    expect(own).toContain('reklame-insidentil');
  }, 120_000);

  it('publishes a day of cuti bersama in the national calendar for every MPP, from the home MPP alone', async () => {
    type Day = { date: string; name: string };
    type National = { holidays: Day[]; cutiBersama: Day[]; source: string };
    const calendarOf = async (who: string, year: number) => (await as(who, 'GET', `/api/calendar/${year}`)).body;
    // The first weekday after today that is a working day in both MPPs (Denpasar's regional holidays included).
    const offIn = new Map<number, Set<string>>();
    const offOn = async (date: string) => {
      const y = Number(date.slice(0, 4));
      if (!offIn.has(y)) {
        const c = await calendarOf('kota-denpasar/admin', y);
        const n = c.national as National | null;
        offIn.set(y, new Set([...(n?.holidays ?? []), ...(n?.cutiBersama ?? []), ...(c.regional as Day[])].map((d) => d.date)));
      }
      return offIn.get(y)!.has(date);
    };
    let day = new Date(`${today()}T00:00:00Z`);
    let cuti = '';
    while (!cuti) {
      day = new Date(day.getTime() + 86_400_000);
      const date = day.toISOString().slice(0, 10);
      if (day.getUTCDay() !== 0 && day.getUTCDay() !== 6 && !(await offOn(date))) cuti = date;
    }
    const year = Number(cuti.slice(0, 4));
    const denpasar = await calendarOf('kota-denpasar/admin', year);
    // Only the home MPP's administrators (who run the deployment) may publish it, and the page says so.
    expect([denpasar.nationalEditable, (await calendarOf('kota-bandung/admin', year)).nationalEditable]).toEqual([false, true]);
    const national = (denpasar.national as National | null) ?? { holidays: [], cutiBersama: [], source: `SKB 3 Menteri ${year}` };
    const body = {
      source: `${national.source}, diubah`,
      holidays: national.holidays,
      cutiBersama: [...national.cutiBersama, { date: cuti, name: 'Cuti bersama tambahan' }],
      reason: 'SKB 3 Menteri tentang perubahan cuti bersama',
    };
    const put = (who: string, b: object) => as(who, 'PUT', `/api/calendar/${year}/national`, b);
    const refused = await put('kota-denpasar/admin', body);
    expect([refused.status, refused.body.code]).toEqual([403, 'CALENDAR.NATIONAL_HOME_ONLY']);
    expect((await put('kota-bandung/supervisor', body)).status).toBe(403);
    const both = { date: cuti, name: 'Dua kali' };
    const twice = await put('kota-bandung/admin', { ...body, holidays: [both], cutiBersama: [both] });
    expect([twice.status, twice.body.errors]).toEqual([400, [{ field: 'cutiBersama.0.date', reason: 'is listed twice' }]]);
    const outside = await put('kota-bandung/admin', { ...body, holidays: [{ date: `${year + 1}-01-01`, name: 'Salah tahun' }] });
    expect([outside.status, outside.body.errors]).toEqual([400, [{ field: 'holidays.0.date', reason: `must be a date in ${year}` }]]);

    const before = {
      bandung: await stepDue('kota-bandung/loket', await register('kota-bandung/loket'), 'Asia/Jakarta'),
      denpasar: await stepDue('kota-denpasar/loket', await register('kota-denpasar/loket'), 'Asia/Makassar'),
    };
    const published = await put('kota-bandung/admin', body);
    expect(published.status).toBe(200);
    // Every MPP's calendar has it, and every MPP's next deadline skips it.
    for (const who of ['kota-bandung/supervisor', 'kota-denpasar/supervisor']) {
      const read = (await calendarOf(who, year)).national as National;
      expect([read.source, read.cutiBersama.some((d) => d.date === cuti)]).toEqual([body.source, true]);
    }
    const after = {
      bandung: await stepDue('kota-bandung/loket', await register('kota-bandung/loket'), 'Asia/Jakarta'),
      denpasar: await stepDue('kota-denpasar/loket', await register('kota-denpasar/loket'), 'Asia/Makassar'),
    };
    expect([after.bandung > before.bandung, after.denpasar > before.denpasar]).toEqual([true, true]);
    // Read back from the event store after a restart.
    await h.close();
    h = await Harness.start(env);
    await signIn();
    expect(((await calendarOf('kota-denpasar/supervisor', year)).national as National).cutiBersama.some((d) => d.date === cuti)).toBe(true);
    expect(await stepDue('kota-denpasar/loket', await register('kota-denpasar/loket'), 'Asia/Makassar')).toBe(after.denpasar);
  }, 180_000);
});
