import { createHash, timingSafeEqual } from 'node:crypto';
import { snapSignature } from './snap-signature.js';
import { DomainError, type Actor } from '#berkas/domain';
import { CommandIdReusedError } from '#berkas/event-store';
import type { ModuleTables, Queryable } from '#berkas/sql';

export const BANK_NOTIFICATIONS_SCHEMA = `
CREATE TABLE IF NOT EXISTS bank_notifications (
  id bigserial PRIMARY KEY,
  received_at timestamptz NOT NULL DEFAULT now(),
  external_id text NOT NULL,
  virtual_account text NOT NULL,
  payment_request_id text NOT NULL,
  amount bigint,
  response_code text NOT NULL,
  dossier_id text
);
CREATE INDEX IF NOT EXISTS bank_notifications_received ON bank_notifications (received_at);`;

/** What the bank said, as it said it: the other half of the daily reconciliation. */
export const BANK_TABLES: ModuleTables = { owner: 'desk (bank payment notifications)', ddl: [BANK_NOTIFICATIONS_SCHEMA] };

/** A day's reconciliation: what the bank notified against what was recorded on bank and QRIS channels. */
export interface Reconciliation {
  date: string;
  matched: { reference: string; amount: number; registrationNumber: string; notifiedAt: string }[];
  /** Notified but not recorded: refused (unknown code, wrong amount) or failed. */
  notifiedNotRecorded: { paymentRequestId: string; virtualAccount: string; amount: number | null; responseCode: string; at: string }[];
  /** Recorded on a bank or QRIS channel without a notification: keyed in at the desk. */
  recordedNotNotified: { reference: string; channel: string; amount: number; registrationNumber: string; at: string }[];
  totals: { notified: number; recorded: number; matched: number };
}
import type { DossierCommandService } from './dossier-command.service.js';

/** The bank, acting for the law's payment: records what it notifies, never anything else. */
export const BANK: Actor = { officerId: 'system-bank', role: 'system', desks: [] };

/** What a SNAP virtual-account payment notification carries that Berkas reads. */
export interface SnapPaymentNotice {
  partnerServiceId?: string;
  customerNo?: string;
  virtualAccountNo: string;
  paymentRequestId: string;
  paidAmount: { value: string; currency: string };
  trxDateTime?: string;
}

/** SNAP's answer: a 7-digit response code (HTTP status, service code 25, case) and a message. */
export interface SnapAnswer {
  status: number;
  body: { responseCode: string; responseMessage: string; virtualAccountData?: Record<string, unknown> };
}

/** A SNAP amount in whole Rupiah ("2250000.00", IDR), or undefined when it is not one. */
const wholeRupiah = (paid: SnapPaymentNotice['paidAmount'] | undefined): number | undefined => {
  const m = paid?.currency === 'IDR' ? /^(\d{1,12})(?:\.00)?$/.exec(paid.value ?? '') : null;
  return m ? Number(m[1]) : undefined;
};

const answer = (status: number, caseCode: string, message: string, data?: Record<string, unknown>): SnapAnswer => ({
  status,
  body: { responseCode: `${status}25${caseCode}`, responseMessage: message, ...(data ? { virtualAccountData: data } : {}) },
});

/**
 * Payments that arrive by themselves (D47): the bank's SNAP notification for a
 * virtual-account payment, signed with the shared secret, recorded against the
 * SKRD whose payment code it names, once whatever the retries (the command id
 * is the bank's X-EXTERNAL-ID; the reference is claimed register-wide, D42).
 */
export class BankNotifications {
  constructor(
    private readonly db: Queryable,
    private readonly commands: DossierCommandService,
    private readonly o: { secret: string; accessToken: string; paymentCodePrefix: string | undefined; maxSkewMs?: number },
  ) {}

  /** Checks the call's token, timestamp and signature; undefined when they hold, else the answer to give. */
  authenticate(
    h: { authorization?: string; timestamp?: string; signature?: string },
    method: string,
    path: string,
    body: unknown,
    now: number,
  ): SnapAnswer | undefined {
    if (h.authorization !== `Bearer ${this.o.accessToken}`) return answer(401, '01', 'Invalid Token (B2B)');
    const at = Date.parse(h.timestamp ?? '');
    if (!Number.isFinite(at) || Math.abs(now - at) > (this.o.maxSkewMs ?? 5 * 60_000))
      return answer(400, '01', 'Invalid Field Format X-TIMESTAMP');
    const expected = Buffer.from(snapSignature(this.o.secret, method, path, this.o.accessToken, body, h.timestamp!));
    const given = Buffer.from(h.signature ?? '');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return answer(401, '00', 'Unauthorized. Signature');
    return undefined;
  }

  /** Records the answer given to an authenticated notification, for the reconciliation; a retry is one more row. */
  async record(notice: SnapPaymentNotice, externalId: string, at: string): Promise<SnapAnswer> {
    const amount = wholeRupiah(notice.paidAmount);
    const { outcome, dossierId } = await this.apply(notice, amount, externalId, at);
    await this.db.query(
      `INSERT INTO bank_notifications (received_at, external_id, virtual_account, payment_request_id, amount, response_code, dossier_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        at,
        externalId,
        String(notice.virtualAccountNo ?? ''),
        String(notice.paymentRequestId ?? ''),
        amount ?? null,
        outcome.body.responseCode,
        dossierId ?? null,
      ],
    );
    return outcome;
  }

  /** The day's reconciliation, `date` a local date in the MPP's zone. */
  async reconcile(date: string, zone: string): Promise<Reconciliation> {
    const notified = await this.db.query<{
      payment_request_id: string;
      virtual_account: string;
      amount: string | null;
      response_code: string;
      received_at: Date | string;
    }>(
      `SELECT payment_request_id, virtual_account, amount::text, response_code, received_at FROM bank_notifications
        WHERE (received_at AT TIME ZONE $2)::date = $1::date ORDER BY received_at`,
      [date, zone],
    );
    const recorded = await this.db.query<{ registration_number: string; reference: string; channel: string; amount: string; at: string }>(
      `SELECT d.registration_number, p->>'reference' AS reference, p->>'channel' AS channel, p->>'amount' AS amount, p->>'at' AS at
         FROM rm_dossiers d, jsonb_array_elements(coalesce(d.summary->'fee'->'payments', '[]'::jsonb)) AS p
        WHERE p->>'channel' IN ('bank', 'qris') AND ((p->>'at')::timestamptz AT TIME ZONE $2)::date = $1::date
        -- tenant: the bank reconciles every MPP it collects for`,
      [date, zone],
    );
    const norm = (r: string) => r.replace(/\s+/g, '').toUpperCase();
    const accepted = new Map<string, (typeof notified.rows)[number]>();
    for (const n of notified.rows) if (n.response_code === '2002500') accepted.set(norm(n.payment_request_id), n);
    const matched: Reconciliation['matched'] = [];
    const recordedNotNotified: Reconciliation['recordedNotNotified'] = [];
    for (const r of recorded.rows) {
      const n = accepted.get(norm(r.reference));
      if (n) {
        matched.push({
          reference: r.reference,
          amount: Number(r.amount),
          registrationNumber: r.registration_number,
          notifiedAt: new Date(n.received_at).toISOString(),
        });
        accepted.delete(norm(r.reference));
      } else
        recordedNotNotified.push({
          reference: r.reference,
          channel: r.channel,
          amount: Number(r.amount),
          registrationNumber: r.registration_number,
          at: r.at,
        });
    }
    const notifiedNotRecorded = notified.rows
      .filter((n) => n.response_code !== '2002500' || accepted.has(norm(n.payment_request_id)))
      .map((n) => ({
        paymentRequestId: n.payment_request_id,
        virtualAccount: n.virtual_account,
        amount: n.amount === null ? null : Number(n.amount),
        responseCode: n.response_code,
        at: new Date(n.received_at).toISOString(),
      }));
    return {
      date,
      matched,
      notifiedNotRecorded,
      recordedNotNotified,
      totals: { notified: notified.rows.length, recorded: recorded.rows.length, matched: matched.length },
    };
  }

  private async apply(
    notice: SnapPaymentNotice,
    amount: number | undefined,
    externalId: string,
    at: string,
  ): Promise<{ outcome: SnapAnswer; dossierId?: string }> {
    const skrdNumber = this.skrdOf(notice.virtualAccountNo);
    if (amount === undefined) return { outcome: answer(400, '01', 'Invalid Field Format paidAmount') };
    const { rows } = skrdNumber
      ? await this.db.query<{ dossier_id: string }>(
          `SELECT dossier_id FROM rm_dossiers WHERE summary->'fee'->>'skrdNumber' = $1 -- tenant: an SKRD number carries its MPP's prefix`,
          [skrdNumber],
        )
      : { rows: [] };
    if (!rows[0]) return { outcome: answer(404, '12', 'Invalid Bill/Virtual Account') };
    const dossierId = rows[0].dossier_id;
    const data = { virtualAccountNo: notice.virtualAccountNo, paymentRequestId: notice.paymentRequestId };
    try {
      await this.commands.execute(
        rows[0].dossier_id,
        {
          type: 'RecordPayment',
          data: { reference: notice.paymentRequestId, amount, channel: 'bank' },
          metadata: { commandId: `snap:${externalId}`, actor: BANK, at },
        },
        { fingerprint: createHash('sha256').update(JSON.stringify(notice)).digest('hex') },
      );
      return { outcome: answer(200, '00', 'Successful', data), dossierId };
    } catch (e) {
      if (e instanceof CommandIdReusedError)
        return { outcome: answer(409, '01', 'Conflict: X-EXTERNAL-ID reused for another request'), dossierId };
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'FEE.DUPLICATE_PAYMENT' || e.code === 'FEE.REFERENCE_USED_ELSEWHERE')
        return { outcome: answer(404, '14', 'Paid Bill'), dossierId };
      if (e.code === 'FEE.OVERPAYMENT') return { outcome: answer(404, '13', 'Invalid Amount'), dossierId };
      return { outcome: answer(404, '19', `Invalid Bill: ${e.message}`), dossierId };
    }
  }

  /** The SKRD a payment code names: the profile's prefix, then the SKRD's year and 6-digit number. */
  private skrdOf(code: string): string | undefined {
    const digits = code.replace(/\s+/g, '');
    const prefix = this.o.paymentCodePrefix;
    if (!prefix || !digits.startsWith(prefix)) return undefined;
    const m = /^(\d{4})(\d{6})$/.exec(digits.slice(prefix.length));
    return m ? `SKRD/${m[1]}/${m[2]}` : undefined;
  }
}
