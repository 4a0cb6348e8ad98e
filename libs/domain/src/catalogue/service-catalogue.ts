import { z } from 'zod';
import { crossCheck, LabelSchema, ServiceDefinitionSchema, type Label, type ServiceDefinition } from './service-definition.js';

/** One file of a catalogue folder: where it was read from (for errors) and its text. */
export interface CatalogueFile {
  readonly path: string;
  readonly text: string;
}

/** The files a catalogue folder holds besides desks.json: `<code>.v<version>.json`. */
export const CATALOGUE_DEFINITION_FILE = /\.v\d+\.json$/;

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export const DeskSchema = z
  .object({
    id: z.string().min(1),
    name: LabelSchema,
    /** The unit (unit kerja, the agency) whose officers work the desk, when it says one: Dinas PUPR, DPMPTSP... */
    unit: LabelSchema.optional(),
  })
  .strict();
export type Desk = z.infer<typeof DeskSchema>;

/** A service definition file that failed validation, naming file, field and reason. */
export class CatalogueError extends Error {
  constructor(
    readonly file: string,
    readonly problems: { path: string; message: string }[],
  ) {
    super(`${file}: ${problems.map((p) => `${p.path || '(root)'}: ${p.message}`).join('; ')}`);
    this.name = 'CatalogueError';
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CatalogueError(file, [{ path: '', message: `not valid JSON (${(e as Error).message})` }]);
  }
}

/** Validates one definition; throws CatalogueError naming the file, field and reason. */
export function parseServiceDefinition(file: string, raw: unknown, desks: ReadonlySet<string>): ServiceDefinition {
  const parsed = ServiceDefinitionSchema.safeParse(raw);
  if (!parsed.success) {
    throw new CatalogueError(
      file,
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    );
  }
  const problems = crossCheck(parsed.data, desks);
  if (problems.length) throw new CatalogueError(file, problems);
  const expected = `${parsed.data.code}.v${parsed.data.version}.json`;
  if (!file.endsWith(expected)) throw new CatalogueError(file, [{ path: 'version', message: `file must be named ${expected}` }]);
  return parsed.data;
}

/**
 * Who a version published in the console is for, and from when (issue 23). The catalogue folder's versions are the
 * national template: every MPP's until it publishes its own version of the service.
 */
export interface Publication {
  /** The MPP that published it (its dossiers alone are registered under it). */
  tenant: string;
  /** The first day (the MPP's local date, yyyy-mm-dd) new dossiers are registered under it. */
  effectiveFrom: string;
  publishedAt: string;
  publishedBy: string;
  reason: string;
  /** The version it was adapted from (the template's or the MPP's own), if any. */
  basedOn?: number;
}

/**
 * Every published version of every service. A dossier keeps the version it was
 * registered under, so old versions stay loadable for as long as dossiers use them.
 * Version numbers are unique per service across the deployment (an MPP's own versions
 * are numbered after every other), so a dossier's `{ code, version }` names one definition
 * everywhere: in its trail, in every read model and in every process.
 */
export class ServiceCatalogue {
  private readonly byKey = new Map<string, ServiceDefinition>();
  private readonly deskById: Map<string, Desk>;
  /** The desks each MPP added to the template's (issue 23), by MPP. */
  private readonly ownDesks = new Map<string, Desk[]>();
  private readonly published = new Map<string, Publication>();

  constructor(definitions: ServiceDefinition[], desks: Desk[]) {
    this.deskById = new Map(desks.map((d) => [d.id, d]));
    for (const d of definitions) this.byKey.set(`${d.code}@${d.version}`, d);
  }

  /** Adds a version an MPP published (validated when it was: see validateDraft). Idempotent. */
  publish(definition: ServiceDefinition, publication: Publication): void {
    const key = `${definition.code}@${definition.version}`;
    this.byKey.set(key, definition);
    this.published.set(key, publication);
  }

  /** Who published a version and from when; undefined for the template's (the catalogue folder's) versions. */
  publicationOf(code: string, version: number): Publication | undefined {
    return this.published.get(`${code}@${version}`);
  }

  /** The number the next version of a service gets, whoever publishes it. */
  nextVersion(code: string): number {
    let most = 0;
    for (const d of this.byKey.values()) if (d.code === code) most = Math.max(most, d.version);
    return most + 1;
  }

  /** Whether an MPP's dossiers may follow this version: the template's, or its own. */
  visibleTo(code: string, version: number, tenant: string | undefined): boolean {
    const p = this.published.get(`${code}@${version}`);
    return this.byKey.has(`${code}@${version}`) && (!p || p.tenant === tenant);
  }

  /**
   * The version an MPP registers new dossiers under on `today` (its local date): its own newest in effect, else the
   * template's newest. Without a tenant: the template's.
   */
  current(code: string, tenant: string | undefined, today: string): ServiceDefinition | undefined {
    let own: ServiceDefinition | undefined;
    for (const [key, p] of this.published)
      if (p.tenant === tenant && p.effectiveFrom <= today) {
        const d = this.byKey.get(key)!;
        if (d.code === code && (!own || d.version > own.version)) own = d;
      }
    return own ?? this.latest(code);
  }

  /**
   * Every service an MPP offers on `today`, each in the version it registers under: the template's, and those it
   * created itself (a service of its own, not in the template) once in effect.
   */
  servicesOf(tenant: string | undefined, today: string): ServiceDefinition[] {
    const codes = new Set(this.services().map((d) => d.code));
    for (const code of this.ownCodes(tenant)) codes.add(code);
    return [...codes]
      .sort()
      .map((code) => this.current(code, tenant, today))
      .filter((d): d is ServiceDefinition => d !== undefined);
  }

  /** The services an MPP created itself: codes of its own published versions that are not in the template. */
  ownCodes(tenant: string | undefined): string[] {
    // One pass over the versions (this is read per request: the counter's and the public site's service lists).
    const template = new Set<string>();
    const own = new Set<string>();
    for (const [key, d] of this.byKey) {
      const p = this.published.get(key);
      if (!p) template.add(d.code);
      else if (p.tenant === tenant) own.add(d.code);
    }
    return [...own].filter((code) => !template.has(code)).sort();
  }

  /**
   * For reports that know a service by its code alone: the template's newest version, else (a service an MPP made
   * itself) the newest of any.
   */
  newest(code: string): ServiceDefinition | undefined {
    let best = this.latest(code);
    if (!best) for (const d of this.byKey.values()) if (d.code === code && (!best || d.version > best.version)) best = d;
    return best;
  }

  /** A service's name for reports (`newest`), or its code when no version is known. */
  nameOf(code: string): Label {
    return this.newest(code)?.name ?? { id: code, en: code };
  }

  /** Every version of a service an MPP may see (the template's and its own), oldest first. */
  versionsOf(code: string, tenant: string | undefined): ServiceDefinition[] {
    return this.definitions()
      .filter((d) => d.code === code && this.visibleTo(code, d.version, tenant))
      .sort((a, b) => a.version - b.version);
  }

  /**
   * Validates a catalogue folder's files, given as name and text (the reading is
   * the caller's: the domain does no I/O): `desks.json` and one
   * `<code>.v<version>.json` per published version.
   */
  static parse(files: readonly CatalogueFile[]): ServiceCatalogue {
    const desksFile = files.find((f) => baseName(f.path) === 'desks.json');
    if (!desksFile) throw new CatalogueError('desks.json', [{ path: '', message: 'the catalogue has no desks.json' }]);
    const rawDesks = z.array(DeskSchema).safeParse(parseJson(desksFile.path, desksFile.text));
    if (!rawDesks.success)
      throw new CatalogueError(
        desksFile.path,
        rawDesks.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    const deskIds = new Set(rawDesks.data.map((d) => d.id));
    const defs = files
      .filter((f) => CATALOGUE_DEFINITION_FILE.test(baseName(f.path)))
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((f) => parseServiceDefinition(f.path, parseJson(f.path, f.text), deskIds));
    return new ServiceCatalogue(defs, rawDesks.data);
  }

  get(code: string, version: number): ServiceDefinition | undefined {
    return this.byKey.get(`${code}@${version}`);
  }

  /** The template's newest version (the catalogue folder's): what an MPP without its own registers under. */
  latest(code: string): ServiceDefinition | undefined {
    let best: ServiceDefinition | undefined;
    for (const [key, d] of this.byKey) if (d.code === code && !this.published.has(key) && (!best || d.version > best.version)) best = d;
    return best;
  }

  /** Every published version of every service (old versions still decide their dossiers). */
  definitions(): ServiceDefinition[] {
    return [...this.byKey.values()];
  }

  /** The template's services, each in its newest version. */
  services(): ServiceDefinition[] {
    const codes = new Set([...this.byKey.entries()].filter(([key]) => !this.published.has(key)).map(([, d]) => d.code));
    return [...codes].sort().map((c) => this.latest(c)!);
  }

  /**
   * The template's desks (desks.json) and, for an MPP, the desks it added beside them, never under their ids (its steps
   * and officers may name either). Without a tenant: the template's alone.
   */
  desks(tenant?: string): Desk[] {
    return [...this.deskById.values(), ...((tenant && this.ownDesks.get(tenant)) || [])];
  }

  /** The desks an MPP added (issue 23), as it last published them. */
  ownDesksOf(tenant: string): Desk[] {
    return this.ownDesks.get(tenant) ?? [];
  }

  /** Replaces the desks an MPP added with those it published. */
  setOwnDesks(tenant: string, desks: Desk[]): void {
    this.ownDesks.set(tenant, desks);
  }

  /** A desk's name: the template's, else the MPP's own (`tenant`'s first, then any MPP's), else its id. */
  deskName(id: string, tenant?: string): Label {
    const own = (t: string) => this.ownDesks.get(t)?.find((d) => d.id === id);
    const found =
      this.deskById.get(id) ?? (tenant ? own(tenant) : undefined) ?? [...this.ownDesks.keys()].map(own).find((d) => d !== undefined);
    return found?.name ?? { id, en: id };
  }
}

/**
 * Checks a definition an MPP wants to publish exactly as the boot checks the catalogue folder's (schema, the rules
 * across fields, known desks), as the version it will get. Answers the problems (path and reason), none if it may be
 * published, and the definition with its defaults filled.
 */
export function validateDraft(
  raw: unknown,
  code: string,
  version: number,
  desks: ReadonlySet<string>,
): { problems: { path: string; message: string }[]; definition?: ServiceDefinition } {
  const withVersion = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? { ...raw, code, version } : raw;
  try {
    return { problems: [], definition: parseServiceDefinition(`${code}.v${version}.json`, withVersion, desks) };
  } catch (e) {
    if (e instanceof CatalogueError) return { problems: e.problems };
    throw e;
  }
}
