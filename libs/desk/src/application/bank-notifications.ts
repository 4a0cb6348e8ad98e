import { createHash, timingSafeEqual } from 'node:crypto';
import { snapSignature } from './snap-signature.js';
import { DomainError, type Actor } from '#berkas/domain';
import { CommandIdReusedError } from '#berkas/event-store';
import type { Queryable } from '#berkas/sql';
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

  async record(notice: SnapPaymentNotice, externalId: string, at: string): Promise<SnapAnswer> {
    const skrdNumber = this.skrdOf(notice.virtualAccountNo);
    const value = /^(\d{1,12})(?:\.00)?$/.exec(notice.paidAmount?.value ?? '');
    if (notice.paidAmount?.currency !== 'IDR' || !value) return answer(400, '01', 'Invalid Field Format paidAmount');
    const { rows } = skrdNumber
      ? await this.db.query<{ dossier_id: string }>(`SELECT dossier_id FROM rm_dossiers WHERE summary->'fee'->>'skrdNumber' = $1`, [
          skrdNumber,
        ])
      : { rows: [] };
    if (!rows[0]) return answer(404, '12', 'Invalid Bill/Virtual Account');
    const data = { virtualAccountNo: notice.virtualAccountNo, paymentRequestId: notice.paymentRequestId };
    try {
      await this.commands.execute(
        rows[0].dossier_id,
        {
          type: 'RecordPayment',
          data: { reference: notice.paymentRequestId, amount: Number(value[1]), channel: 'bank' },
          metadata: { commandId: `snap:${externalId}`, actor: BANK, at },
        },
        { fingerprint: createHash('sha256').update(JSON.stringify(notice)).digest('hex') },
      );
      return answer(200, '00', 'Successful', data);
    } catch (e) {
      if (e instanceof CommandIdReusedError) return answer(409, '01', 'Conflict: X-EXTERNAL-ID reused for another request');
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'FEE.DUPLICATE_PAYMENT' || e.code === 'FEE.REFERENCE_USED_ELSEWHERE') return answer(404, '14', 'Paid Bill');
      if (e.code === 'FEE.OVERPAYMENT') return answer(404, '13', 'Invalid Amount');
      return answer(404, '19', `Invalid Bill: ${e.message}`);
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
