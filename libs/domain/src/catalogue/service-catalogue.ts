import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { crossCheck, LabelSchema, ServiceDefinitionSchema, type Label, type ServiceDefinition } from './service-definition.js';

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

  static load(dir: string): ServiceCatalogue {
    const desksFile = join(dir, 'desks.json');
    const rawDesks = z.array(DeskSchema).safeParse(parseJson(desksFile, readFileSync(desksFile, 'utf8')));
    if (!rawDesks.success)
      throw new CatalogueError(
        desksFile,
        rawDesks.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      );
    const deskIds = new Set(rawDesks.data.map((d) => d.id));
    const defs = readdirSync(dir)
      .filter((f) => /\.v\d+\.json$/.test(f))
      .sort()
      .map((f) => {
        const file = join(dir, f);
        return parseServiceDefinition(file, parseJson(file, readFileSync(file, 'utf8')), deskIds);
      });
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
