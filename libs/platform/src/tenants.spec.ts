import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadMppProfile } from './mpp-profile.js';
import { parseConfig } from './config.js';
import { loadTenants, tenantsFromConfig } from './tenants.js';

describe('the MPPs one deployment serves', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-tenants-'));
    copyFileSync(resolve('data/mpp-profile.json'), join(dir, 'bandung.json'));
    copyFileSync(resolve('data/mpp-profile.json'), join(dir, 'denpasar.json'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const profile = loadMppProfile(resolve('data/mpp-profile.json'));
  const single = { code: 'kota-contoh', profile, timeZone: 'WIB' as const, saturdayOpen: false, regionalHolidays: [] };
  const write = (tenants: unknown) => {
    writeFileSync(join(dir, 'tenants.json'), JSON.stringify(tenants));
    return join(dir, 'tenants.json');
  };

  it('is one MPP from the MPP_* settings when no tenants file is given: the home tenant, numbers without a prefix', () => {
    const t = loadTenants(undefined, single, []);
    expect(t.all().map((x) => x.code)).toEqual(['kota-contoh']);
    expect(t.home.prefix).toBeUndefined();
    expect(t.many).toBe(false);
    expect(t.of(undefined).code).toBe('kota-contoh');
  });

  it('counts each MPP’s days in its own zone, with its own regional holidays', () => {
    const t = loadTenants(
      write([
        { code: 'kota-bandung', prefix: 'BDG', profile: 'bandung.json', timeZone: 'WIB' },
        {
          code: 'kota-denpasar',
          prefix: 'DPS',
          profile: 'denpasar.json',
          timeZone: 'WITA',
          regionalHolidays: [{ date: '2026-03-20', name: 'Hari Raya Nyepi (daerah)' }],
        },
      ]),
      single,
      [],
    );
    expect(t.many).toBe(true);
    expect(t.home.code).toBe('kota-bandung');
    const [bdg, dps] = [t.get('kota-bandung')!, t.get('kota-denpasar')!];
    // 23:30 in Bandung is already the next day in Denpasar.
    expect(bdg.calendar.localDate('2026-03-10T16:30:00Z')).toBe('2026-03-10');
    expect(dps.calendar.localDate('2026-03-10T16:30:00Z')).toBe('2026-03-11');
    expect(dps.calendar.isWorkingDay('2026-03-20')).toBe(false);
    expect(bdg.calendar.isWorkingDay('2026-03-20')).toBe(true);
    // What names no tenant (written before tenants existed) belongs to the home tenant.
    expect(t.of(null).code).toBe('kota-bandung');
    expect(loadTenants(join(dir, 'tenants.json'), single, [], 'kota-denpasar').home.code).toBe('kota-denpasar');
  });

  it('serves the MPPs its configuration names, each reachable on the host names TENANT_HOSTS gives it', () => {
    const file = write([
      { code: 'kota-bandung', prefix: 'BDG', profile: 'bandung.json', timeZone: 'WIB' },
      {
        code: 'kota-denpasar',
        prefix: 'DPS',
        profile: 'denpasar.json',
        timeZone: 'WITA',
        signing: { p12: 'secrets/denpasar.p12', passphraseEnv: 'DPS_SIGNING_PASSPHRASE' },
        escalationEmails: ['kepala@dpmptsp.denpasarkota.go.id'],
      },
    ]);
    const env = { BERKAS_DATA_DIR: dir, TENANTS_FILE: file };
    const tenants = tenantsFromConfig(parseConfig(env), []);
    expect(tenants.all().map((t) => [t.code, tenants.publicPath(t)])).toEqual([
      ['kota-bandung', ''],
      ['kota-denpasar', '/kota-denpasar'],
    ]);
    // The certificate is found beside the tenants file; its passphrase stays in the environment.
    expect(tenants.get('kota-denpasar')?.signing).toEqual({
      p12: join(dir, 'secrets/denpasar.p12'),
      passphraseEnv: 'DPS_SIGNING_PASSPHRASE',
    });
    expect(tenants.get('kota-denpasar')?.escalationEmails).toEqual(['kepala@dpmptsp.denpasarkota.go.id']);
    expect(parseConfig({ ...env, TENANT_HOSTS: 'mpp.denpasarkota.go.id=kota-denpasar' }).TENANT_HOSTS.get('mpp.denpasarkota.go.id')).toBe(
      'kota-denpasar',
    );
    expect(() => tenantsFromConfig(parseConfig({ ...env, TENANT_HOSTS: 'mpp.example.go.id=kota-lain' }), [])).toThrow(
      /TENANT_HOSTS: mpp.example.go.id=kota-lain: no such tenant/,
    );
    expect(() => parseConfig({ ...env, TENANT_HOSTS: 'not a host' })).toThrow(/"not a host" is not host=tenant-code/);
    expect(tenantsFromConfig(parseConfig({ BERKAS_DATA_DIR: dir }), []).home.code).toBe('kota-contoh');
  });

  it('stops the boot with the entry, the field and the reason', () => {
    const bad = (tenants: unknown, home?: string) => () => loadTenants(write(tenants), single, [], home);
    expect(bad([{ code: 'Kota Bandung', profile: 'bandung.json', timeZone: 'WIB' }])).toThrow(/0\.code: kebab-case/);
    // A code the public site uses as a path would hide its pages.
    expect(bad([{ code: 'konsol', profile: 'bandung.json', timeZone: 'WIB' }])).toThrow(/0\.code: a path of the public site/);
    expect(
      bad([{ code: 'kota-bandung', profile: 'bandung.json', timeZone: 'WIB', signing: { p12: 'a.p12', passphraseEnv: 'lower' } }]),
    ).toThrow(/0\.signing/);
    expect(
      bad([
        { code: 'a-kota', prefix: 'BDG', profile: 'bandung.json', timeZone: 'WIB' },
        { code: 'b-kota', prefix: 'BDG', profile: 'denpasar.json', timeZone: 'WITA' },
      ]),
    ).toThrow(/prefix used twice: BDG/);
    expect(bad([{ code: 'kota-bandung', profile: 'nowhere.json', timeZone: 'WIB' }])).toThrow(/MPP_PROFILE: no file/);
    expect(bad([{ code: 'kota-bandung', profile: 'bandung.json', timeZone: 'WIB' }], 'kota-lain')).toThrow(/HOME_TENANT: "kota-lain"/);
    // Only the home MPP may print numbers without a prefix: two bare MPPs would draw the same SKRD and permit numbers.
    const twoBare = [
      { code: 'kota-bandung', profile: 'bandung.json', timeZone: 'WIB' },
      { code: 'kota-denpasar', profile: 'denpasar.json', timeZone: 'WITA' },
    ];
    expect(bad(twoBare)).toThrow(/kota-denpasar: prefix is required for every MPP but the home one \(kota-bandung\)/);
    expect(bad(twoBare, 'kota-denpasar')).toThrow(/kota-bandung: prefix is required/);
  });
});
