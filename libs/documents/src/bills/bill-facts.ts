import type { DossierSummary } from '#berkas/read-models';
import { paymentCodeOf, type BillFacts } from './bill-pdf.js';

/** The SKRD's facts, or the payment receipt's (once something is paid), from the dossier's summary; undefined when there is none. */
export function billFacts(s: DossierSummary, kind: BillFacts['kind'], paymentCodePrefix: string | undefined): BillFacts | undefined {
  const fee = s.fee;
  if (!fee || (kind === 'payment-receipt' && fee.paid <= 0)) return undefined;
  return {
    kind,
    registrationNumber: s.registrationNumber,
    skrdNumber: fee.skrdNumber,
    document: fee.document ?? 'SKRD',
    ...(fee.tariffBasis ? { tariffBasis: fee.tariffBasis } : {}),
    service: s.service.name,
    payer: s.applicant.name,
    lines: fee.lines.map((l) => ({
      label: l.label,
      amount: l.amount,
      ...(l.detail ? { detail: l.detail } : {}),
      ...(l.refundable ? { refundable: true } : {}),
    })),
    total: fee.total,
    paid: fee.paid,
    outstanding: fee.outstanding,
    assessedAt: fee.assessedAt ?? s.registeredAt,
    ...(s.step?.kind === 'fee' && fee.outstanding > 0 ? { payBy: s.step.due.dueAt } : {}),
    ...(paymentCodeOf(paymentCodePrefix, fee.skrdNumber) ? { paymentCode: paymentCodeOf(paymentCodePrefix, fee.skrdNumber) } : {}),
    payments: (fee.payments ?? []).map((p) => ({ reference: p.reference, channel: p.channel, amount: p.amount, at: p.at })),
    ...(fee.depositRefund
      ? { depositRefund: { amount: fee.depositRefund.amount, reference: fee.depositRefund.reference, at: fee.depositRefund.at } }
      : {}),
  };
}
