import { LRUCache } from 'lru-cache';
import type { SqlDatabase } from '#berkas/sql';
import { loadTracking, verifyPermit, type TrackingRecord } from '#berkas/read-models';
import {
  correctionWaiting,
  draftAllowed,
  draftByNumber,
  fileComplaint,
  fileDraft,
  fileCorrection,
  inboxOf,
  saveSurvey,
  surveyAnswered,
  type Draft,
  type FiledComplaint,
} from '#berkas/public-inbox';

type Permit = NonNullable<Awaited<ReturnType<typeof verifyPermit>>>;

export interface PublicReadsOptions {
  /** How long an entry may answer; 0 turns the cache off. */
  ttlMs: number;
  maxEntries: number;
}

/**
 * The public read models, answered from memory: a phone refreshing its
 * dossier, or a guard scanning permit QR codes, costs no query while the
 * entry is fresh. An entry lives at most `ttlMs` (what a tracking process of
 * its own may lag behind the projector when a signal is lost) and is dropped
 * at once when a projector commits events of its dossier: the in-process one
 * directly, one in another process by its signal (D57). A load that overlaps
 * such a commit is answered but not kept, so the cache never holds a state
 * older than the last commit it was told about. A permit's entry is dropped
 * the same way (a revocation shows at once). Misses are not cached: a new
 * dossier or permit can be looked up the moment it is projected.
 */
export class PublicReads {
  private readonly tracking: LRUCache<string, TrackingRecord> | undefined;
  private readonly permits: LRUCache<string, Permit> | undefined;
  /** Registration numbers by dossier id, to drop a dossier's entry on commit. */
  private readonly numberOf = new Map<string, string>();
  /** Permit codes by dossier id, likewise. */
  private readonly codeOf = new Map<string, string>();
  private generation = 0;

  constructor(
    private readonly db: SqlDatabase,
    options: PublicReadsOptions,
  ) {
    if (options.ttlMs <= 0) return;
    const common = { max: options.maxEntries, ttl: options.ttlMs, ttlAutopurge: false, updateAgeOnGet: false };
    this.tracking = new LRUCache<string, TrackingRecord>({ ...common, dispose: (v) => this.numberOf.delete(v.dossierId) });
    this.permits = new LRUCache<string, Permit>({ ...common, dispose: (v) => v.dossierId && this.codeOf.delete(v.dossierId) });
  }

  /** A dossier of one MPP by its number (entries are kept per MPP: a receipt of one is unknown at another). */
  async findTracking(tenant: string, registrationNumber: string): Promise<TrackingRecord | undefined> {
    const key = `${tenant}/${registrationNumber}`;
    const hit = this.tracking?.get(key);
    if (hit) return hit;
    const started = this.generation;
    const record = await loadTracking(this.db, tenant, registrationNumber);
    if (record && this.tracking && started === this.generation) {
      this.tracking.set(key, record);
      this.numberOf.set(record.dossierId, key);
    }
    return record;
  }

  async findPermit(tenant: string, code: string): Promise<Permit | undefined> {
    const key = `${tenant}/${code}`;
    const hit = this.permits?.get(key);
    if (hit) return hit;
    const started = this.generation;
    const permit = await verifyPermit(this.db, tenant, code);
    if (permit && this.permits && started === this.generation) {
      this.permits.set(key, permit);
      if (permit.dossierId) this.codeOf.set(permit.dossierId, key);
    }
    return permit;
  }

  /** The survey is the public side's own table (its answers are never cached). */
  surveyAnswered(dossierId: string): Promise<boolean> {
    return surveyAnswered(this.db, dossierId);
  }

  saveSurvey(r: Parameters<typeof saveSurvey>[1]): Promise<boolean> {
    return saveSurvey(this.db, r);
  }

  fileComplaint(c: Parameters<typeof fileComplaint>[1]): Promise<FiledComplaint | undefined> {
    return fileComplaint(this.db, c);
  }

  fileCorrection(c: Parameters<typeof fileCorrection>[1]): ReturnType<typeof fileCorrection> {
    return fileCorrection(this.db, c);
  }

  fileDraft(d: Parameters<typeof fileDraft>[1]): ReturnType<typeof fileDraft> {
    return fileDraft(this.db, d);
  }

  draftAllowed(client: string, at: string): Promise<boolean> {
    return draftAllowed(this.db, client, at);
  }

  /** Never cached: the applicant sees an officer's decision the moment it is made. */
  draftByNumber(tenant: string, number: string): Promise<Draft | undefined> {
    return draftByNumber(this.db, tenant, number);
  }

  correctionWaiting(dossierId: string): Promise<boolean> {
    return correctionWaiting(this.db, dossierId);
  }

  complaintsWaiting(dossierId: string): ReturnType<typeof inboxOf> {
    return inboxOf(this.db, dossierId);
  }

  /** The projector committed events of these dossiers: their entries are out of date. */
  invalidate(dossierIds: Iterable<string>): void {
    this.generation++;
    if (!this.tracking) return;
    for (const id of dossierIds) {
      const number = this.numberOf.get(id);
      if (number !== undefined) this.tracking.delete(number);
      const code = this.codeOf.get(id);
      if (code !== undefined) this.permits?.delete(code);
    }
  }

  /** Anything may have changed (a signal too large to name the dossiers, or signals lost): every entry goes. */
  invalidateAll(): void {
    this.generation++;
    this.tracking?.clear();
    this.permits?.clear();
  }

  /** Entries held (tests, metrics). */
  get size(): number {
    return (this.tracking?.size ?? 0) + (this.permits?.size ?? 0);
  }
}
