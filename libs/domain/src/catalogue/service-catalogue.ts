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

export const DeskSchema = z.object({ id: z.string().min(1), name: LabelSchema }).strict();
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
 * Every published version of every service. A dossier keeps the version it was
 * registered under, so old versions stay loadable for as long as dossiers use them.
 */
export class ServiceCatalogue {
  private readonly byKey = new Map<string, ServiceDefinition>();
  private readonly deskById: Map<string, Desk>;

  constructor(definitions: ServiceDefinition[], desks: Desk[]) {
    this.deskById = new Map(desks.map((d) => [d.id, d]));
    for (const d of definitions) this.byKey.set(`${d.code}@${d.version}`, d);
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

  /** The newest published version: what new dossiers are registered under. */
  latest(code: string): ServiceDefinition | undefined {
    let best: ServiceDefinition | undefined;
    for (const d of this.byKey.values()) if (d.code === code && (!best || d.version > best.version)) best = d;
    return best;
  }

  /** Every published version of every service (old versions still decide their dossiers). */
  definitions(): ServiceDefinition[] {
    return [...this.byKey.values()];
  }

  services(): ServiceDefinition[] {
    const codes = new Set([...this.byKey.values()].map((d) => d.code));
    return [...codes].sort().map((c) => this.latest(c)!);
  }

  desks(): Desk[] {
    return [...this.deskById.values()];
  }

  deskName(id: string): Label {
    return this.deskById.get(id)?.name ?? { id, en: id };
  }
}
