import type { PublicSignature } from '#berkas/read-models';
import { ConflictException, HttpStatus, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import type { ComplaintCategory, Label, ServiceCatalogue } from '#berkas/domain';
import { TooManyAttempts } from '#berkas/platform';
import { draftPin, draftPinMatches, pinEquals, receiptPin } from '#berkas/documents';
import { renderTracking, type PublicTrackingView, type TrackingRecord } from '#berkas/read-models';
import {
  COMPLAINT_LIMITS,
  CORRECTION_LIMITS,
  DRAFT_LIMITS,
  type CorrectionFile,
  type Draft,
  type FiledComplaint,
} from '#berkas/public-inbox';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { documentFacts, type DocumentFacts } from '#berkas/documents';
import type { PinAttempts } from './pin-attempts.js';
import { PublicProblem } from './public-problem.js';
import type { PublicReads } from './public-reads.js';

/** How long a complaint's confirmation link shows the complaint (then it says to track the dossier instead). */
export const RECEIPT_HOURS = 24;

/** How long an application's confirmation link shows its number and PIN (the applicant writes them down meanwhile). */
export const DRAFT_RECEIPT_HOURS = 2;

/** What a complaint's confirmation page shows. */
export interface ComplaintReceipt {
  registrationNumber: string;
  complaintNumber: string;
  /** The same complaint was sent again: the first one's number, nothing new filed. */
  repeated: boolean;
  filedAt: string;
}

/** A dossier id no dossier has, so an unknown number costs the same keyed hash as a known one. */
const UNKNOWN = '00000000-0000-0000-0000-000000000000';
const NOT_FOUND = 'Nomor registrasi atau PIN tidak cocok / Registration number or PIN does not match';
const CODE = /^[A-Z0-9]{6,32}$/;

export interface PermitVerification {
  /** Genuine and in force: issued here and not revoked. */
  valid: boolean;
  status: 'valid' | 'revoked';
  permitNumber: string;
  service: Label;
  holder: string;
  issuedAt: string;
  revoked: { at: string; reason: string } | null;
  signature: PublicSignature | null;
}

/** A wrong PIN with one try left before this client is locked out of the number: 404 as any wrong PIN, with a warning. */
export class LastPinTry extends NotFoundException {
  constructor(readonly lockoutSeconds: number) {
    super(NOT_FOUND);
  }
}

/** The dossier has as many complaints waiting, or filed today, as it may (COMPLAINT_LIMITS): 429, said in both languages. */
export class ComplaintLimitReached extends PublicProblem {
  constructor() {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      {
        id: `Berkas ini sudah mencapai batas pengaduan (${COMPLAINT_LIMITS.open} yang menunggu jawaban, atau ${COMPLAINT_LIMITS.perDay} sehari). Pengaduan yang sudah masuk akan dijawab; hubungi MPP bila mendesak.`,
        en: `This dossier has reached its complaint limit (${COMPLAINT_LIMITS.open} awaiting an answer, or ${COMPLAINT_LIMITS.perDay} a day). Those received will be answered; contact the MPP if it is urgent.`,
      },
      'Batas pengaduan tercapai / Complaint limit reached',
    );
  }
}

/** Corrections are handed in only while the dossier is back with the applicant. */
export class NotReturned extends PublicProblem {
  constructor() {
    super(
      HttpStatus.CONFLICT,
      {
        id: 'Berkas ini sedang tidak menunggu perbaikan dari Anda, jadi tidak ada yang perlu dikirim. Lihat statusnya di halaman berkas.',
        en: 'This dossier is not waiting for corrections from you, so there is nothing to send. See its status on its page.',
      },
      'Berkas tidak menunggu perbaikan / The dossier is not waiting for corrections',
    );
  }
}

/** A correction of the dossier is already waiting to be taken in, or it sent CORRECTION_LIMITS.perDay today. */
export class CorrectionLimitReached extends PublicProblem {
  constructor() {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      {
        id: `Perbaikan berkas ini sudah kami terima dan sedang dicatat, atau sudah dikirim ${CORRECTION_LIMITS.perDay} kali hari ini. Tunggu sebentar lalu muat ulang halaman berkas.`,
        en: `This dossier's corrections have been received and are being recorded, or were sent ${CORRECTION_LIMITS.perDay} times today. Wait a moment, then reload the dossier's page.`,
      },
      'Batas pengiriman perbaikan tercapai / Correction limit reached',
    );
  }
}

/** This address handed in DRAFT_LIMITS.perClientPerDay applications today, or has DRAFT_LIMITS.waitingPerClient waiting. */
export class DraftLimitReached extends PublicProblem {
  constructor() {
    super(
      HttpStatus.TOO_MANY_REQUESTS,
      {
        id: `Dari jaringan Anda sudah masuk ${DRAFT_LIMITS.perClientPerDay} permohonan hari ini, atau ${DRAFT_LIMITS.waitingPerClient} permohonan masih menunggu diperiksa. Coba lagi besok, atau datang ke loket MPP.`,
        en: `Your network has handed in ${DRAFT_LIMITS.perClientPerDay} applications today, or ${DRAFT_LIMITS.waitingPerClient} are still waiting to be checked. Try again tomorrow, or come to the MPP's counter.`,
      },
      'Batas permohonan daring tercapai / Online application limit reached',
    );
  }
}

/** What the two public lookups answer, whichever HTTP path serves them (the controller, or the fast path). */
export class TrackingLookups {
  constructor(
    private readonly reads: PublicReads,
    private readonly attempts: PinAttempts,
    private readonly catalogue: ServiceCatalogue,
    /** The MPP whose public page this is (issue 23): another MPP's receipts and permits are unknown here. */
    private readonly tenant: string,
    private readonly pinSecret: string,
    private readonly onLockout: () => void = () => undefined,
  ) {}

  /**
   * Each dossier's receipt PIN, made once per record the cache holds (a record projected anew is a new object, and the
   * old one's PIN goes with it): a lookup then costs a comparison, not three keyed hashes (issue 24).
   */
  private readonly pins = new WeakMap<TrackingRecord, string>();
  private unknownPin: string | undefined;

  private pinOf(found: TrackingRecord | undefined): string {
    if (!found) return (this.unknownPin ??= receiptPin(this.pinSecret, UNKNOWN));
    let pin = this.pins.get(found);
    if (pin === undefined) this.pins.set(found, (pin = receiptPin(this.pinSecret, found.dossierId)));
    return pin;
  }

  /** @throws NotFoundException (unknown number or wrong PIN, alike), TooManyAttempts (the number is locked) */
  async track(registrationNumber: string, pin: string, client: string): Promise<PublicTrackingView> {
    return renderTracking(this.catalogue, await this.open(registrationNumber, pin, client), new Date().toISOString());
  }

  /**
   * The applicant's copy of the permit, or the rejection letter, as facts for
   * the PDF: the same PIN check as tracking, and only what the public side
   * holds (the name masked). Undefined while the dossier has neither.
   */
  async document(registrationNumber: string, pin: string, client: string): Promise<DocumentFacts | undefined> {
    const { state } = await this.open(registrationNumber, pin, client);
    return documentFacts(state, this.catalogue, state.permit?.number ? 'permit' : 'rejection', 'public-copy');
  }

  /** Whether this dossier has answered the SKM survey (the page offers it once, after handover or rejection). */
  async surveyAnswered(registrationNumber: string): Promise<boolean> {
    const found = await this.reads.findTracking(this.tenant, registrationNumber);
    return found ? this.reads.surveyAnswered(found.dossierId) : false;
  }

  /**
   * The SKM answer for a dossier that is handed over or rejected: the same PIN
   * check as tracking; one answer per dossier.
   * @throws ConflictException (already answered), UnprocessableEntityException (the dossier is not finished)
   */
  async answerSurvey(
    registrationNumber: string,
    pin: string,
    client: string,
    scores: number[],
    comment: string | undefined,
  ): Promise<void> {
    const { dossierId, state } = await this.open(registrationNumber, pin, client);
    if (state.lifecycle !== 'handed-over' && state.lifecycle !== 'rejected' && state.lifecycle !== 'revoked')
      throw new UnprocessableEntityException('The survey opens once the dossier is handed over or rejected');
    const saved = await this.reads.saveSurvey({
      tenant: this.tenant,
      dossierId,
      serviceCode: state.service.code,
      scores,
      comment,
      at: new Date().toISOString(),
    });
    if (!saved) throw new ConflictException('This dossier has already answered the survey');
  }

  /**
   * A complaint about the dossier, after the same PIN check as tracking;
   * answers the complaint's number (the first one's when the same complaint
   * was sent again: nothing new is filed).
   */
  async complain(
    registrationNumber: string,
    pin: string,
    client: string,
    category: ComplaintCategory,
    text: string,
  ): Promise<FiledComplaint> {
    const { dossierId, state } = await this.open(registrationNumber, pin, client);
    const answered = (state.complaints ?? []).filter((c) => c.answer).length;
    const filed = await this.reads.fileComplaint({
      tenant: this.tenant,
      dossierId,
      category,
      text,
      at: new Date().toISOString(),
      answered,
    });
    if (!filed) throw new ComplaintLimitReached();
    return filed;
  }

  /**
   * The confirmation a complaint's form redirects to (post, redirect, get): the
   * registration and complaint numbers, signed with the server's key so that
   * nobody makes one up, and good for RECEIPT_HOURS. It holds no PIN and no
   * words of the complaint: a reload shows the same number and files nothing.
   */
  complaintReceipt(registrationNumber: string, filed: FiledComplaint): string {
    return this.sign('complaint-receipt', { r: registrationNumber, c: filed.number, s: filed.repeated, t: filed.filedAt });
  }

  /** The confirmation's facts, or undefined for a link that is not ours or has expired. */
  readComplaintReceipt(token: string): ComplaintReceipt | undefined {
    const v = this.verifySigned<{ r: string; c: string; s: boolean; t: string }>('complaint-receipt', token, RECEIPT_HOURS);
    return v && { registrationNumber: v.r, complaintNumber: v.c, repeated: v.s, filedAt: v.t };
  }

  /** A confirmation link's token: the facts, and their MAC under the server's key for this kind of link. */
  private sign(kind: string, facts: { t: string } & Record<string, unknown>): string {
    const payload = Buffer.from(JSON.stringify(facts)).toString('base64url');
    return `${payload}.${this.mac(kind, payload)}`;
  }

  /** The facts of a token `sign` made for `kind`, while younger than `hours`; undefined for anything else. */
  private verifySigned<T extends { t: string }>(kind: string, token: string, hours: number): T | undefined {
    const [payload, mac] = token.split('.');
    if (!payload || !mac || mac.length !== 43) return undefined;
    if (!timingSafeEqual(Buffer.from(this.mac(kind, payload)), Buffer.from(mac))) return undefined;
    try {
      const v = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as T;
      if (Date.now() - Date.parse(v.t) > hours * 3_600_000) return undefined;
      return v;
    } catch {
      return undefined;
    }
  }

  private mac(kind: string, payload: string): string {
    return createHmac('sha256', this.pinSecret).update(`${kind}:${payload}`).digest('base64url');
  }

  /**
   * The dossier a correction is handed in for, behind the same PIN check as tracking: its id and service, only while
   * it is back with the applicant (409 otherwise, said in both languages).
   */
  async correctionTarget(
    registrationNumber: string,
    pin: string,
    client: string,
  ): Promise<{ dossierId: string; requirements: { code: string; label: Label }[] }> {
    const { dossierId, state } = await this.open(registrationNumber, pin, client);
    if (state.lifecycle !== 'returned') throw new NotReturned();
    if (await this.reads.correctionWaiting(dossierId)) throw new CorrectionLimitReached();
    return { dossierId, requirements: this.requirementsOf(state.service) };
  }

  /** The requirements of the definition the dossier lives under, which its files are handed in for. */
  requirementsOf(service: { code: string; version: number }): { code: string; label: Label }[] {
    return (this.catalogue.get(service.code, service.version)?.requirements ?? []).map((r) => ({ code: r.code, label: r.label }));
  }

  /** What the result page's corrections form needs: the requirements, and whether a correction is being taken in. */
  async correctionForm(registrationNumber: string): Promise<{ requirements: { code: string; label: Label }[]; waiting: boolean }> {
    const found = await this.reads.findTracking(this.tenant, registrationNumber);
    if (!found) return { requirements: [], waiting: false };
    return { requirements: this.requirementsOf(found.state.service), waiting: await this.reads.correctionWaiting(found.dossierId) };
  }

  /** Files the correction's stored files and note for the officers' side to take in. */
  async fileCorrection(dossierId: string, files: CorrectionFile[], note: string): Promise<void> {
    if (!(await this.reads.fileCorrection({ tenant: this.tenant, dossierId, files, note, at: new Date().toISOString() })))
      throw new CorrectionLimitReached();
  }

  /** Complaints filed but not yet in the dossier's history: the page lists them as received. */
  async complaintsWaiting(registrationNumber: string): Promise<{ number: string; category: string; filedAt: string }[]> {
    const found = await this.reads.findTracking(this.tenant, registrationNumber);
    return found ? this.reads.complaintsWaiting(found.dossierId) : [];
  }

  /** `client`: who asks, as `clientGroup` names it (an address, an IPv6 /64): wrong PINs lock out the client that sent them (D39). */
  private open(registrationNumber: string, pin: string, client: string): Promise<TrackingRecord> {
    return this.unlock(registrationNumber, client, this.reads.findTracking(this.tenant, registrationNumber), (found) =>
      pinEquals(this.pinOf(found), pin),
    );
  }

  /** What `number` finds, once `matches` says the PIN is right; the attempt limits of D39 either way. */
  private async unlock<T>(
    number: string,
    client: string,
    find: Promise<T | undefined>,
    matches: (found: T | undefined) => boolean,
  ): Promise<T> {
    // Too many wrong PINs from this client, or from everyone this minute: refused whether the number exists or not, even
    // with the right PIN.
    const [attempts, found] = await Promise.all([this.attempts.status(number, client), find]);
    if (attempts.lockedFor > 0) throw new TooManyAttempts(attempts.lockedFor);
    // Unknown number and wrong PIN look the same, and both are checked as a right one is: no probing for valid numbers.
    const ok = matches(found);
    if (!found || !ok) {
      const locked = await this.attempts.fail(number, client);
      if (locked > 0) {
        this.onLockout();
        throw new TooManyAttempts(locked);
      }
      // Told before the last try, not after it (issue 20: the page first spoke of a wait once it was locked).
      const { left, lockoutSeconds } = await this.attempts.triesLeft(number, client);
      if (left === 1) throw new LastPinTry(lockoutSeconds);
      throw new NotFoundException(NOT_FOUND);
    }
    if (attempts.failures) await this.attempts.clear(number, client);
    return found;
  }

  /**
   * An application handed in online, by its draft number and PIN (the
   * lookup's limits): its state, and once it is accepted the registration
   * number and the receipt's PIN, which the applicant tracks from then on.
   */
  async draft(number: string, pin: string, client: string): Promise<{ draft: Draft; receiptPin?: string }> {
    const draft = await this.unlock(number, client, this.reads.draftByNumber(this.tenant, number), (found) =>
      draftPinMatches(this.pinSecret, found?.id ?? UNKNOWN, pin),
    );
    return { draft, ...(draft.dossierId ? { receiptPin: receiptPin(this.pinSecret, draft.dossierId) } : {}) };
  }

  /** Whether this client may hand in another application now (checked before any file is stored, and again on filing). */
  draftAllowed(client: string): Promise<boolean> {
    return this.reads.draftAllowed(client, new Date().toISOString());
  }

  /** Files an application; its number, and the signed link to the page that shows the number and PIN. */
  async fileDraft(d: Omit<Parameters<PublicReads['fileDraft']>[0], 'at' | 'tenant'>): Promise<{ number: string; receipt: string }> {
    const at = new Date().toISOString();
    const filed = await this.reads.fileDraft({ ...d, tenant: this.tenant, at });
    if (!filed) throw new DraftLimitReached();
    return { number: filed.number, receipt: this.sign('draft-receipt', { n: filed.number, i: filed.id, t: at }) };
  }

  /**
   * The confirmation page's facts (post, redirect, get): the draft's number and
   * PIN, from a link signed with the server's key and good for DRAFT_RECEIPT_HOURS,
   * so that a reload shows them again and nobody makes one up.
   */
  readDraftReceipt(token: string): { number: string; pin: string; filedAt: string } | undefined {
    const v = this.verifySigned<{ n: string; i: string; t: string }>('draft-receipt', token, DRAFT_RECEIPT_HOURS);
    return v && { number: v.n, pin: draftPin(this.pinSecret, v.i), filedAt: v.t };
  }

  /** @throws NotFoundException */
  async verify(code: string): Promise<PermitVerification> {
    const permit = CODE.test(code) ? await this.reads.findPermit(this.tenant, code) : undefined;
    if (!permit) throw new NotFoundException('Izin tidak ditemukan / No permit with this code');
    const { dossierId: _internal, ...shown } = permit;
    return { valid: !permit.revoked, status: permit.revoked ? 'revoked' : 'valid', ...shown };
  }
}

/** The lookups of each MPP's public pages (issue 23): one set per tenant, sharing the reads, limits and secret. */
export class PublicLookups {
  private readonly byTenant = new Map<string, TrackingLookups>();

  constructor(private readonly make: (tenant: string) => TrackingLookups) {}

  of(tenant: string): TrackingLookups {
    let lookups = this.byTenant.get(tenant);
    if (!lookups) this.byTenant.set(tenant, (lookups = this.make(tenant)));
    return lookups;
  }
}
