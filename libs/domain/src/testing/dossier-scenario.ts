import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  decide,
  evolve,
  feeInputsOf,
  initialState,
  NUMBERED_COMMANDS,
  CALENDAR_YEAR_FILE,
  parseYearCalendars,
  ServiceCatalogue,
  Tariffs,
  WorkingCalendar,
  type Actor,
  type DossierCommand,
  type DossierEvent,
  type DossierState,
  type ServiceDefinition,
} from '../index.js';

export const DATA_DIR = join(process.cwd(), 'data');
/** A data folder's files as the domain's parsers take them (the domain itself reads no files). */
export const readDataFolder = (dir: string, names: RegExp = /\.json$/): { path: string; text: string }[] =>
  readdirSync(dir)
    .filter((f) => names.test(f))
    .sort()
    .map((f) => ({ path: join(dir, f), text: readFileSync(join(dir, f), 'utf8') }));
export const catalogue = (dir = join(DATA_DIR, 'catalogue')): ServiceCatalogue => ServiceCatalogue.parse(readDataFolder(dir));
export const calendar2026 = (saturdayOpen = false): WorkingCalendar =>
  new WorkingCalendar({
    zone: 'WIB',
    saturdayOpen,
    regionalHolidays: [],
    years: parseYearCalendars(readDataFolder(join(DATA_DIR, 'calendar'), CALENDAR_YEAR_FILE)),
  });

/** The demo region's tariffs (data/tariffs): PBG's SHST and Ilo, the billboard tax. */
export const tariffs = (): Tariffs => Tariffs.parse(readDataFolder(join(DATA_DIR, 'tariffs'), /^\d{4}\.json$/));

/** Demo officers for decider tests, one per desk of the demo catalogue. */
export const officers = {
  frontDesk: { officerId: 'fo-1', role: 'front-desk', desks: ['front-office'] },
  backOffice: { officerId: 'bo-1', role: 'processor', desks: ['back-office'] },
  backOffice2: { officerId: 'bo-2', role: 'processor', desks: ['back-office'] },
  tpa: { officerId: 'tpa-1', role: 'processor', desks: ['tpa'] },
  pupr: { officerId: 'pupr-1', role: 'processor', desks: ['dinas-pupr'] },
  damkar: { officerId: 'damkar-1', role: 'processor', desks: ['damkar'] },
  reklame: { officerId: 'rek-1', role: 'processor', desks: ['tim-reklame'] },
  dinkes: { officerId: 'dinkes-1', role: 'processor', desks: ['dinkes'] },
  cashier: { officerId: 'kasir-1', role: 'processor', desks: ['retribusi'] },
  kabid: { officerId: 'kabid-1', role: 'processor', desks: ['kabid'] },
  kadis: { officerId: 'kadis-1', role: 'processor', desks: ['kepala-dinas'] },
  records: { officerId: 'tu-1', role: 'processor', desks: ['tata-usaha'] },
  supervisor: { officerId: 'spv-1', role: 'supervisor', desks: [] },
  // What acts for the public side and the law: complaint intake, the SLA sweep.
  system: { officerId: 'system-test', role: 'system', desks: [] },
} satisfies Record<string, Actor>;

/** A command as a test gives it: for a numbered command, `number` is what the store would draw (a default otherwise). */
type Cmd = Pick<DossierCommand, 'type' | 'data'> & { number?: string };

/**
 * Given-when-then for the dossier decider: every command goes through decide
 * and evolve as the command handler would, with time passed in.
 */
export class DossierScenario {
  state: DossierState = initialState();
  readonly history: DossierEvent[] = [];
  private seq = 0;
  /** The published versions a migration may move the dossier to (issue 23); see `withVersions`. */
  private versions: ServiceCatalogue | undefined;

  constructor(
    readonly definition: ServiceDefinition,
    readonly calendar: WorkingCalendar = calendar2026(),
    public now = '2026-03-02T02:00:00.000Z',
    readonly tariffTable: Tariffs = tariffs(),
  ) {}

  /** Lets the dossier move between the catalogue's versions of its service: each command is decided with the version it follows. */
  withVersions(catalogue: ServiceCatalogue): this {
    this.versions = catalogue;
    return this;
  }

  /** The definition the dossier follows now (after a migration: the version it was moved to). */
  get current(): ServiceDefinition {
    return (this.state.status !== 'none' && this.versions?.get(this.definition.code, this.state.service.version)) || this.definition;
  }

  /** Runs a command; returns the new events (throws the DomainError of a refusal). */
  when(actor: Actor, command: Cmd, at = this.now): DossierEvent[] {
    const { number, ...given } = command;
    const full = { ...given, metadata: { commandId: `c-${++this.seq}`, actor, at } } as DossierCommand;
    const documentNumber = command.type in NUMBERED_COMMANDS ? (number ?? `TEST/${command.type}/${this.seq}`) : undefined;
    const versions = this.versions;
    const events = decide(full, this.state, {
      definition: this.current,
      ...(versions ? { version: (v: number) => versions.get(this.definition.code, v) } : {}),
      calendar: this.calendar,
      tariffs: this.tariffTable,
      documentNumber,
    });
    for (const e of events) this.state = evolve(this.state, e, at, actor.officerId);
    this.history.push(...events);
    return events;
  }

  /** Given: a history of events, folded as if they had been recorded at `at`. */
  given(events: DossierEvent[], at = this.now): this {
    for (const e of events) this.state = evolve(this.state, e, at);
    this.history.push(...events);
    return this;
  }

  register(overrides: Partial<Extract<DossierCommand, { type: 'RegisterDossier' }>['data']> = {}, at = this.now): DossierEvent[] {
    return this.when(
      officers.frontDesk,
      {
        type: 'RegisterDossier',
        data: {
          dossierId: 'd-1',
          applicant: {
            name: 'Budi Santoso',
            nik: '3273011508800001',
            phone: '081234567890',
            // A business service's applicant gives the NIB.
            ...(this.definition.applicant.nib === 'required' ? { nib: '9120001234567' } : {}),
          },
          requirements: this.definition.requirements.filter((r) => r.mandatory).map((r) => r.code),
          ...sampleApplication(this.definition),
          ...overrides,
        },
        number: `${this.definition.code.toUpperCase()}-2026-000001`,
      },
      at,
    );
  }

  /** Claim and act in one go, as an officer at the counter would. */
  act(actor: Actor, command: Cmd, at = this.now): DossierEvent[] {
    this.when(actor, { type: 'ClaimDossier', data: {} }, at);
    return this.when(actor, command, at);
  }

  types(events: DossierEvent[]): string[] {
    return events.map((e) => e.type);
  }

  get currentStep() {
    return this.current.steps[this.state.stepIndex];
  }
}

/** A PIN secret for tests that build the command path by hand. */
export const TEST_PIN_SECRET = 'test-pin-secret-of-at-least-32-characters';

/**
 * A house as the counter takes it down for PBG: Jl. Merdeka, residential,
 * simple, permanent, two floors, privately owned. Under the demo tariff
 * (SHST Rp 5.000.000, Ilo 0,5%) its It is 0,078 and each m2 costs Rp 1.950.
 */
export const PBG_PARTICULARS = {
  'alamat-bangunan': 'Jl. Merdeka No. 10, Bandung',
  fungsi: 'hunian',
  kompleksitas: 'sederhana',
  permanensi: 'permanen',
  'jumlah-lantai': 2,
  kepemilikan: 'perorangan',
};

/** A billboard as the counter takes it down: on a class A road, a board with one face (8 m2 for 12 months in SAMPLE_INPUTS). */
export const REKLAME_PARTICULARS = {
  'lokasi-reklame': 'Jl. Asia Afrika No. 1, Bandung',
  'kelas-lokasi': 'kelas-a',
  'jenis-reklame': 'papan',
};

const SAMPLE_TEXT: Record<string, string> = {
  'alamat-praktik': 'Klinik Sehat, Jl. Dago No. 5, Bandung',
  'nama-fasyankes': 'Klinik Sehat',
  'nomor-str': 'STR-1234567890',
};
const SAMPLE_INPUTS: Record<string, number> = { 'luas-lantai': 120, 'luas-reklame': 8, 'jumlah-muka': 1, durasi: 12 };

/** A complete application for any service of the demo catalogue: its particulars and fee inputs, typical values. */
export function sampleApplication(def: ServiceDefinition): {
  particulars: Record<string, string | number>;
  inputs: Record<string, number>;
} {
  const known: Record<string, string | number> = { ...PBG_PARTICULARS, ...REKLAME_PARTICULARS, ...SAMPLE_TEXT };
  const particulars = Object.fromEntries(
    def.particulars
      .filter((p) => p.required)
      .map((p) => {
        const value = known[p.code];
        if (p.kind === 'choice') return [p.code, p.options.some((o) => o.code === value) ? value : p.options[0].code];
        return [p.code, value ?? (p.kind === 'number' ? Math.max(p.min, 1) : `Contoh ${p.code}`)];
      }),
  );
  const inputs = Object.fromEntries(feeInputsOf(def.fee).map((i) => [i.code, SAMPLE_INPUTS[i.code] ?? i.min]));
  return { particulars, inputs };
}

/** The data of a complete PBG registration (100 m², every requirement, PBG_PARTICULARS), for tests that drive the command path. */
export const pbgRegistrationData = (dossierId: string) => ({
  dossierId,
  applicant: { name: 'Budi Santoso', nik: '3273011508800001' },
  requirements: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
  inputs: { 'luas-lantai': 100 },
  particulars: PBG_PARTICULARS,
});
