import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { MPP_TIME_ZONES, WorkingCalendar, type MppZoneCode, type YearCalendar } from '#berkas/domain';
import type { BerkasConfig } from './config.js';
import { loadMppProfile, readSettingFile, type MppProfile } from './mpp-profile.js';

/**
 * The MPPs one deployment serves (issue 23): each a regency's or a city's,
 * with its own profile, time zone, Saturday opening and regional holidays, and
 * the code its numbers carry. One deployment file (`TENANTS_FILE`) lists
 * them; without it the deployment serves one MPP from the `MPP_*` settings, as
 * before. The first tenant listed (or `HOME_TENANT`) is the home tenant: data
 * written before tenants existed belongs to it.
 */
export interface Tenant {
  /** In URLs and in the data: kota-bandung. */
  code: string;
  /** Printed before registration and permit numbers (BDG-PBG-2026-000001); none for a deployment that had no tenants. */
  prefix?: string;
  profile: MppProfile;
  timeZone: MppZoneCode;
  /** The IANA zone of `timeZone`. */
  zone: string;
  saturdayOpen: boolean;
  regionalHolidays: { date: string; name: string }[];
  /** Working days as this MPP counts them: the national calendar, its Saturdays and its regional holidays. */
  calendar: WorkingCalendar;
  /**
   * How its signing official (its profile's `signingOfficial`) signs permits: a PKCS#12 file, or the NIK at the
   * remote signing service (SIGNING_REMOTE_URL), each with the environment variable holding the passphrase. Absent:
   * the home tenant signs as SIGNING_* says; another MPP with a demo certificate of its own, named as a demo.
   */
  signing?: { p12: string; passphraseEnv: string } | { remoteNik: string; passphraseEnv: string };
  /** Who is told of its deadlines by e-mail (absent: the home tenant's are ESCALATION_EMAILS, another MPP's none). */
  escalationEmails?: string[];
  /** The province it is in (Jawa Barat, Bali): a provincial overseer reads the figures of its province's MPPs. */
  province?: string;
}

const CODE = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

/** First path segments the public site and the console use: no tenant may be called so. */
export const RESERVED_TENANT_CODES = ['api', 'konsol', 'assets', 'daftar', 'survei', 'pengaduan', 'perbaikan', 'dokumen', 'verifikasi'];

const TenantEntry = z
  .object({
    code: z
      .string()
      .max(40)
      .regex(CODE, 'kebab-case, such as kota-bandung')
      .refine((c) => !RESERVED_TENANT_CODES.includes(c), 'a path of the public site: choose another code'),
    prefix: z
      .string()
      .regex(/^[A-Z]{2,6}$/, '2 to 6 capital letters, such as BDG')
      .optional(),
    /** The profile file (data/mpp-profile.json's shape), relative to the tenants file. */
    profile: z.string().min(1),
    timeZone: z.enum(['WIB', 'WITA', 'WIT']),
    saturdayOpen: z.boolean().default(false),
    regionalHolidays: z
      .array(z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'yyyy-mm-dd'), name: z.string().min(2).max(120) }).strict())
      .default([]),
    /** Its signing official's certificate (relative to the tenants file) or remote NIK; the passphrase stays in the environment. */
    signing: z
      .union([
        z
          .object({ p12: z.string().min(1), passphraseEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name') })
          .strict(),
        z
          .object({
            remoteNik: z.string().regex(/^\d{16}$/, '16 digits'),
            passphraseEnv: z.string().regex(/^[A-Z_][A-Z0-9_]*$/, 'an environment variable name'),
          })
          .strict(),
      ])
      .optional(),
    escalationEmails: z.array(z.string().email()).max(50).optional(),
    province: z.string().min(3).max(60).optional(),
  })
  .strict();

const TenantsFile = z
  .array(TenantEntry)
  .min(1)
  .superRefine((ts, ctx) => {
    const seen = (key: 'code' | 'prefix') => {
      const values = ts.map((t) => t[key]).filter((v): v is string => v !== undefined);
      const twice = values.filter((v, i) => values.indexOf(v) !== i);
      if (twice.length) ctx.addIssue({ code: 'custom', message: `${key} used twice: ${[...new Set(twice)].join(', ')}` });
    };
    seen('code');
    seen('prefix');
  });

export class Tenants {
  private readonly byCode: Map<string, Tenant>;

  constructor(
    tenants: Tenant[],
    /** The tenant that owns what was written before tenants existed. */
    readonly home: Tenant,
  ) {
    this.byCode = new Map(tenants.map((t) => [t.code, t]));
  }

  get(code: string): Tenant | undefined {
    return this.byCode.get(code);
  }

  /** The tenant a stored row or event names, the home tenant when it names none (written before tenants existed). */
  of(code: string | undefined | null): Tenant {
    return (code ? this.byCode.get(code) : undefined) ?? this.home;
  }

  all(): Tenant[] {
    return [...this.byCode.values()];
  }

  /** More than one MPP: the pages and the console ask which one. */
  get many(): boolean {
    return this.byCode.size > 1;
  }

  /**
   * Where an MPP's public pages live under the public site: the home tenant's at its root (as before tenants), every
   * other one's under its code (`/kota-denpasar`). Its receipts' and permits' links are made with it.
   */
  publicPath(t: Tenant): string {
    return t === this.home ? '' : `/${t.code}`;
  }
}

function tenantOf(
  e: {
    code: string;
    prefix?: string;
    profile: MppProfile;
    timeZone: MppZoneCode;
    saturdayOpen: boolean;
    regionalHolidays: Tenant['regionalHolidays'];
    signing?: Tenant['signing'];
    escalationEmails?: string[];
    province?: string;
  },
  years: YearCalendar[],
): Tenant {
  return {
    ...e,
    zone: MPP_TIME_ZONES[e.timeZone],
    calendar: new WorkingCalendar({ zone: e.timeZone, saturdayOpen: e.saturdayOpen, regionalHolidays: e.regionalHolidays, years }),
  };
}

/**
 * The deployment's tenants: from `file` when given (a mistake stops the boot
 * with the entry, the field and the reason), else the one MPP of the `MPP_*`
 * settings under `single.code`.
 */
export function loadTenants(
  file: string | undefined,
  single: { code: string; profile: MppProfile; timeZone: MppZoneCode; saturdayOpen: boolean; regionalHolidays: Tenant['regionalHolidays'] },
  years: YearCalendar[],
  homeCode?: string,
): Tenants {
  if (!file) {
    const only = tenantOf(single, years);
    return new Tenants([only], only);
  }
  const path = resolve(file);
  const parsed = TenantsFile.safeParse(readSettingFile('TENANTS_FILE', path));
  if (!parsed.success)
    throw new Error(
      `Invalid configuration: TENANTS_FILE (${path}): ${parsed.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`,
    );
  const tenants = parsed.data.map((e) =>
    tenantOf(
      {
        ...e,
        profile: loadMppProfile(resolve(dirname(path), e.profile)),
        signing: e.signing && ('p12' in e.signing ? { ...e.signing, p12: resolve(dirname(path), e.signing.p12) } : e.signing),
      },
      years,
    ),
  );
  const home = homeCode ? tenants.find((t) => t.code === homeCode) : tenants[0];
  if (!home) throw new Error(`Invalid configuration: HOME_TENANT: "${homeCode}" is not in ${path}`);
  // Numbers are looked up without the tenant in places the bank and the law reach (an SKRD, a permit's number): every
  // MPP but the home one prints its prefix, so no two MPPs ever draw the same number.
  const bare = tenants.filter((t) => t !== home && !t.prefix).map((t) => t.code);
  if (bare.length)
    throw new Error(
      `Invalid configuration: TENANTS_FILE (${path}): ${bare.join(', ')}: prefix is required for every MPP but the home one (${home.code}), so that their numbers never collide`,
    );
  return new Tenants(tenants, home);
}

/** The deployment's tenants as its configuration names them (TENANTS_FILE, or the MPP_* settings under TENANT_CODE). */
export function tenantsFromConfig(c: BerkasConfig, years: YearCalendar[]): Tenants {
  const tenants = loadTenants(
    c.TENANTS_FILE,
    {
      code: c.TENANT_CODE,
      profile: c.MPP,
      timeZone: c.MPP_TIME_ZONE,
      saturdayOpen: c.MPP_SATURDAY_OPEN,
      regionalHolidays: c.MPP_REGIONAL_HOLIDAYS,
    },
    years,
    c.HOME_TENANT,
  );
  const unknown = [...c.TENANT_HOSTS].filter(([, code]) => !tenants.get(code)).map(([host, code]) => `${host}=${code}`);
  if (unknown.length) throw new Error(`Invalid configuration: TENANT_HOSTS: ${unknown.join(', ')}: no such tenant`);
  return tenants;
}
