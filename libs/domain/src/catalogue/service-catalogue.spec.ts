import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogueError, validateDraft } from './service-catalogue.js';
import { catalogue, DossierScenario } from '#berkas/domain/testing';

const source = join(process.cwd(), 'data', 'catalogue');
const copy = () => {
  const dir = mkdtempSync(join(tmpdir(), 'catalogue-'));
  cpSync(source, dir, { recursive: true });
  return dir;
};

describe('service catalogue', () => {
  it('loads the ten demo services with their steps and desks', () => {
    const cat = catalogue(source);
    expect(cat.services().map((s) => s.code)).toEqual([
      'izin-penelitian',
      'pbg',
      'pkkpr-nonberusaha',
      'reklame',
      'sip-apoteker',
      'sip-bidan',
      'sip-dokter',
      'sip-dokter-gigi',
      'sip-perawat',
      'slf',
    ]);
    const pbg = cat.latest('pbg')!;
    expect(pbg.steps.find((s) => s.kind === 'parallel-review')?.desks).toEqual(['tpa', 'dinas-pupr']);
    expect(cat.deskName('kabid').id).toBe('Kepala Bidang Perizinan');
  });

  it('makes every definition cite its law, and reads SIP Dokter as UU 17/2023 has it (no professional-organisation recommendation)', () => {
    const cat = catalogue(source);
    for (const def of cat.services()) expect(def.legalBasis.length).toBeGreaterThan(0);
    const sip = cat.latest('sip-dokter')!;
    expect(sip.version).toBe(3);
    // The place of practice is taken down and printed; a renewal starts from the permit it renews.
    expect(sip.particulars.map((p) => p.code)).toEqual(['alamat-praktik', 'nama-fasyankes', 'nomor-str']);
    expect(sip.variants.map((v) => [v.code, v.previousPermit])).toEqual([
      ['baru', false],
      ['perpanjangan', true],
    ]);
    expect(sip.legalBasis.map((l) => `${l.kind} ${l.number}/${l.year}`)).toEqual(['UU 17/2023', 'PP 28/2024']);
    expect(sip.requirements.map((r) => r.code)).not.toContain('rekomendasi-idi');
    expect(sip.requirements.filter((r) => r.mandatory).map((r) => r.code)).toEqual(['ktp', 'str', 'surat-tempat-praktik']);
    expect(sip.validity).toEqual({ kind: 'years', years: 5 });
    // Dossiers registered under version 1 keep it, with the law it followed.
    expect(cat.get('sip-dokter', 1)!.legalBasis[0]).toMatchObject({ kind: 'UU', number: '29', year: 2004 });
    // A definition without its sources does not load.
    const dir = copy();
    const file = join(dir, 'reklame.v1.json');
    const def = JSON.parse(readFileSync(file, 'utf8'));
    delete def.legalBasis;
    writeFileSync(file, JSON.stringify(def));
    expect(() => catalogue(dir)).toThrow(/legalBasis/);
  });

  it('names the file, the field and the reason of a broken definition', () => {
    const dir = copy();
    const file = join(dir, 'pbg.v1.json');
    const def = JSON.parse(readFileSync(file, 'utf8'));
    def.steps[0].slaDays = -2;
    def.steps[1].desks = ['tpa', 'no-such-desk'];
    writeFileSync(file, JSON.stringify(def));
    try {
      catalogue(dir);
      throw new Error('should fail');
    } catch (e) {
      expect(e).toBeInstanceOf(CatalogueError);
      expect((e as CatalogueError).file).toBe(file);
      expect((e as Error).message).toContain('steps.0.slaDays');
    }
    def.steps[0].slaDays = 2;
    writeFileSync(file, JSON.stringify(def));
    expect(() => catalogue(dir)).toThrow(/unknown desk "no-such-desk"/);
  });

  it('refuses invalid JSON and step totals above the published SLA', () => {
    const dir = copy();
    writeFileSync(join(dir, 'reklame.v1.json'), '{ nope');
    expect(() => catalogue(dir)).toThrow(/reklame\.v1\.json: \(root\): not valid JSON/);
    const dir2 = copy();
    const f = join(dir2, 'sip-dokter.v1.json');
    const def = JSON.parse(readFileSync(f, 'utf8'));
    def.slaDays = 5;
    writeFileSync(f, JSON.stringify(def));
    expect(() => catalogue(dir2)).toThrow(/slaDays: the steps add up to 9 working days, more than the total 5/);
  });

  it('a new version changes only new dossiers', () => {
    const dir = copy();
    const def = JSON.parse(readFileSync(join(dir, 'sip-dokter.v3.json'), 'utf8'));
    def.version = 4;
    def.slaDays = 12;
    def.steps[1].slaDays = 6;
    writeFileSync(join(dir, 'sip-dokter.v4.json'), JSON.stringify(def));
    const cat = catalogue(dir);
    expect(cat.latest('sip-dokter')!.version).toBe(4);
    // A dossier registered under v3 keeps deciding with v3.
    const old = new DossierScenario(cat.get('sip-dokter', 3)!);
    old.register();
    expect(old.state.service.version).toBe(3);
    const fresh = new DossierScenario(cat.latest('sip-dokter')!);
    fresh.register();
    expect(fresh.state.service.version).toBe(4);
    expect(fresh.state.due.dueAt > old.state.due.dueAt).toBe(true);
  });
});

describe('an MPP’s own versions (issue 23)', () => {
  const desks = () =>
    new Set(
      catalogue(source)
        .desks()
        .map((d) => d.id),
    );
  const adapted = (cat: ReturnType<typeof catalogue>, slaDays: number) => {
    const { version: _v, ...template } = cat.latest('pbg')!;
    const steps = template.steps.map((s) => (s.id === 'konsultasi-teknis' ? { ...s, slaDays } : s));
    return validateDraft({ ...template, steps }, 'pbg', cat.nextVersion('pbg'), desks());
  };
  const publication = (tenant: string, effectiveFrom: string) => ({
    tenant,
    effectiveFrom,
    publishedAt: '2026-12-01T02:00:00.000Z',
    publishedBy: 'officer-admin',
    reason: 'Perwali baru',
  });

  it('registers an MPP’s dossiers under its own version from its first day, and no other MPP’s', () => {
    const cat = catalogue(source);
    const { definition, problems } = adapted(cat, 12);
    expect(problems).toEqual([]);
    expect(definition!.version).toBe(4);
    cat.publish(definition!, publication('kota-denpasar', '2027-01-04'));
    expect(cat.current('pbg', 'kota-denpasar', '2027-01-03')!.version).toBe(3);
    expect(cat.current('pbg', 'kota-denpasar', '2027-01-04')!.version).toBe(4);
    expect(cat.current('pbg', 'kota-bandung', '2027-01-04')!.version).toBe(3);
    // Numbered after every version, whoever published it; another MPP's is not there to follow.
    expect(cat.nextVersion('pbg')).toBe(5);
    expect(cat.visibleTo('pbg', 4, 'kota-bandung')).toBe(false);
    expect(cat.versionsOf('pbg', 'kota-denpasar').map((d) => d.version)).toEqual([1, 2, 3, 4]);
    expect(cat.versionsOf('pbg', 'kota-bandung').map((d) => d.version)).toEqual([1, 2, 3]);
    // The template's list is the template's.
    expect(cat.latest('pbg')!.version).toBe(3);
  });

  it('offers a service an MPP made itself to that MPP alone, once in effect, and names it in reports', () => {
    const cat = catalogue(source);
    const { version: _v, ...reklame } = cat.latest('reklame')!;
    const name = { id: 'Izin Reklame Insidentil', en: 'Incidental billboard permit' };
    const { definition, problems } = validateDraft({ ...reklame, code: 'reklame-insidentil', name }, 'reklame-insidentil', 1, desks());
    expect(problems).toEqual([]);
    expect(cat.nameOf('reklame-insidentil')).toEqual({ id: 'reklame-insidentil', en: 'reklame-insidentil' });
    cat.publish(definition!, publication('kota-denpasar', '2027-01-04'));
    const codes = (tenant: string, today: string) => cat.servicesOf(tenant, today).map((d) => d.code);
    expect(codes('kota-denpasar', '2027-01-03')).not.toContain('reklame-insidentil');
    expect(codes('kota-denpasar', '2027-01-04')).toContain('reklame-insidentil');
    expect(codes('kota-bandung', '2027-01-04')).not.toContain('reklame-insidentil');
    expect(cat.ownCodes('kota-denpasar')).toEqual(['reklame-insidentil']);
    expect(cat.ownCodes('kota-bandung')).toEqual([]);
    // Not the template's: the template's list and its fallback do not have it.
    expect(cat.latest('reklame-insidentil')).toBeUndefined();
    expect(cat.services().map((d) => d.code)).not.toContain('reklame-insidentil');
    expect([cat.newest('reklame-insidentil')?.version, cat.nameOf('reklame-insidentil')]).toEqual([1, name]);
  });

  it('refuses to publish what the boot would refuse, naming the field', () => {
    const cat = catalogue(source);
    // 3 + 20 + 5 + 2 + 2 + 2 = 34 working days, over PBG's 28.
    const { problems, definition } = adapted(cat, 20);
    expect(definition).toBeUndefined();
    expect(problems).toContainEqual({ path: 'slaDays', message: expect.stringContaining('34 working days') });
    const unknownDesk = validateDraft({ ...cat.latest('pbg')!, steps: [] }, 'pbg', 4, desks());
    expect(unknownDesk.problems.map((p) => p.path)).toContain('steps');
    expect(validateDraft('not an object', 'pbg', 4, desks()).problems.length).toBeGreaterThan(0);
  });
});
