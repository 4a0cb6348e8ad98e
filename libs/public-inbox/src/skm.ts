import type { Queryable } from '#berkas/sql';

/**
 * SKM (Survei Kepuasan Masyarakat): the nine elements of Permenpan RB 14/2017,
 * each answered on a scale of 1 to 4. The text is what the applicant reads.
 */
export const SKM_ELEMENTS = [
  { id: 'Persyaratan pelayanan sesuai dengan jenis pelayanannya', en: 'The requirements fit the service' },
  { id: 'Prosedur pelayanan mudah diikuti', en: 'The procedure is easy to follow' },
  { id: 'Waktu penyelesaian sesuai yang dijanjikan', en: 'The time taken is as promised' },
  { id: 'Biaya/tarif sesuai dengan yang ditetapkan', en: 'The fee is as set out' },
  { id: 'Hasil pelayanan sesuai dengan standar pelayanan', en: 'The result matches the service standard' },
  { id: 'Kemampuan (kompetensi) petugas', en: "The officers' competence" },
  { id: 'Kesopanan dan keramahan petugas', en: "The officers' courtesy and friendliness" },
  { id: 'Penanganan pengaduan, saran dan masukan', en: 'How complaints and suggestions are handled' },
  { id: 'Kualitas sarana dan prasarana', en: 'The quality of the facilities' },
] as const;

export const SKM_SCALE = [
  { id: 'Tidak baik', en: 'Poor' },
  { id: 'Kurang baik', en: 'Fair' },
  { id: 'Baik', en: 'Good' },
  { id: 'Sangat baik', en: 'Very good' },
] as const;

export const SKM_SCHEMA = `
CREATE TABLE IF NOT EXISTS skm_responses (
  dossier_id text PRIMARY KEY,
  service_code text NOT NULL,
  submitted_at timestamptz NOT NULL,
  scores smallint[] NOT NULL,
  comment text
);
CREATE INDEX IF NOT EXISTS skm_responses_when ON skm_responses (submitted_at);`;

/** One response per dossier: false when this dossier has already answered. */
export async function saveSurvey(
  db: Queryable,
  r: { tenant: string; dossierId: string; serviceCode: string; scores: number[]; comment?: string; at: string },
): Promise<boolean> {
  if (r.scores.length !== SKM_ELEMENTS.length || r.scores.some((s) => !Number.isInteger(s) || s < 1 || s > 4))
    throw new Error('nine scores of 1 to 4');
  const { rows } = await db.query<{ dossier_id: string }>(
    `INSERT INTO skm_responses (dossier_id, service_code, submitted_at, scores, comment, tenant_id) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT (dossier_id) DO NOTHING RETURNING dossier_id`,
    [r.dossierId, r.serviceCode, r.at, r.scores, r.comment?.trim() || null, r.tenant],
  );
  return rows.length === 1;
}

export async function surveyAnswered(db: Queryable, dossierId: string): Promise<boolean> {
  const { rows } = await db.query("SELECT 1 FROM skm_responses WHERE dossier_id = $1 -- tenant: a dossier id is one MPP's", [dossierId]);
  return rows.length > 0;
}

export interface IkmResult {
  service: string;
  respondents: number;
  /** NRR per element: the average score of each of the nine (1 to 4). */
  elements: number[];
  /** The IKM of the unit: the weighted average of the NRRs times 25 (25 to 100), one decimal. */
  index: number;
  /** Mutu pelayanan: A (sangat baik), B (baik), C (kurang baik), D (tidak baik). */
  grade: 'A' | 'B' | 'C' | 'D';
  /** The population: applicants served in the period (dossiers of the service closed in it, not withdrawn). */
  population?: number;
  /** The least number of respondents the regulation asks for that population; fewer: the index is not conclusive. */
  minimumSample?: number;
}

/**
 * The least sample Permenpan RB 14/2017 asks for a population of N service
 * recipients: the Krejcie and Morgan table, from their formula
 * s = X² N P(1-P) / (d² (N-1) + X² P(1-P)) with X² = 3,841 (95 %), P = 0,5,
 * d = 0,05, rounded as the table rounds (N 50: 44; N 100: 80; N 1.000: 278; N 10.000: 370).
 */
export function minimumSample(population: number): number {
  if (population <= 0) return 0;
  const x2 = 3.841;
  const p = 0.25;
  return Math.round((x2 * population * p) / (0.05 ** 2 * (population - 1) + x2 * p));
}

/**
 * The IKM as Permenpan RB 14/2017 computes it: per element the NRR (the sum of
 * its scores over the respondents), each weighted by 1/9 (one over the number
 * of elements), summed (1 to 4), then times 25. Grades by the converted value:
 * A 88.31-100, B 76.61-88.30, C 65.00-76.60, D 25.00-64.99.
 */
export function ikm(service: string, responses: number[][]): IkmResult | undefined {
  if (!responses.length) return undefined;
  const elements = SKM_ELEMENTS.map((_, i) => responses.reduce((sum, r) => sum + r[i], 0) / responses.length);
  const weighted = elements.reduce((sum, nrr) => sum + nrr / SKM_ELEMENTS.length, 0);
  const index = Math.round(weighted * 25 * 100) / 100;
  const grade = index >= 88.31 ? 'A' : index >= 76.61 ? 'B' : index >= 65 ? 'C' : 'D';
  return { service, respondents: responses.length, elements: elements.map((e) => Math.round(e * 100) / 100), index, grade };
}

/** The IKM per service over a period of local days (the MPP's zone), from the responses given in it. */
export async function ikmByService(
  db: Queryable,
  o: { tenant: string; from: string; to: string; zone: string; service?: string },
): Promise<IkmResult[]> {
  const { rows } = await db.query<{ service_code: string; scores: number[] }>(
    `SELECT service_code, scores FROM skm_responses
      WHERE tenant_id = $5 AND (submitted_at AT TIME ZONE $3)::date BETWEEN $1::date AND $2::date AND ($4::text IS NULL OR service_code = $4)`,
    [o.from, o.to, o.zone, o.service ?? null, o.tenant],
  );
  const byService = new Map<string, number[][]>();
  for (const r of rows) byService.set(r.service_code, [...(byService.get(r.service_code) ?? []), r.scores.map(Number)]);
  return [...byService]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([service, responses]) => ikm(service, responses)!)
    .filter(Boolean);
}
