import type { Label } from '#berkas/domain';
import type { MppProfile } from '#berkas/platform';
import { pdfPaper } from '../document-pdf.js';
import { terbilang } from './terbilang.js';

/** What an SKRD (the levy bill) or a payment receipt says, from the dossier's events. */
export interface BillFacts {
  kind: 'skrd' | 'payment-receipt';
  registrationNumber: string;
  skrdNumber: string;
  /** SKRD for a levy (retribusi), SKPD for a tax (pajak daerah). */
  document: 'SKRD' | 'SKPD';
  service: Label;
  payer: string;
  /** Each line with how it was reached; a refundable deposit (removal bond) is listed apart from the levy or tax. */
  lines: { label: Label; amount: number; detail?: string; refundable?: boolean }[];
  /** The region's tariff regulations the bill read (SHST, Ilo, tax rate). */
  tariffBasis?: string[];
  total: number;
  paid: number;
  outstanding: number;
  /** When the SKRD was issued. */
  assessedAt: string;
  /** Pay by: the fee step's due date (SKRD only, while unpaid). */
  payBy?: string;
  /** Where to pay with, from the MPP profile. */
  paymentCode?: string;
  payments: { reference: string; channel: string; amount: number; at: string }[];
  /** The refundable deposit paid back, once a supervisor recorded it. */
  depositRefund?: { amount: number; reference: string; at: string };
}

const CHANNEL: Record<string, string> = { cashier: 'Kasir MPP', bank: 'Bank / transfer', qris: 'QRIS' };
const rupiah = (n: number) => `Rp ${n.toLocaleString('id-ID')}`;
const dateOf = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone: zone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(iso));
const dateTimeOf = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('id-ID', {
    timeZone: zone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));

/** The payment code printed on an SKRD: the profile's prefix and the SKRD's year and number (7001 2026 000002). */
export function paymentCodeOf(prefix: string | undefined, skrdNumber: string): string | undefined {
  const digits = skrdNumber.replace(/\D/g, '');
  return prefix && digits ? `${prefix}${digits}` : undefined;
}

/**
 * The SKRD (Surat Ketetapan Retribusi Daerah) handed to the applicant, or the
 * payment receipt (bukti pembayaran): A5, the MPP's letterhead, the lines and
 * the total in figures and in words, what is paid and what is left; the SKRD
 * says by when and how to pay, with the payment code. Same facts, same bytes.
 */
export async function billPdf(f: BillFacts, mpp: MppProfile, zone: string): Promise<Buffer> {
  const date = new Date(f.kind === 'skrd' ? f.assessedAt : (f.payments.at(-1)?.at ?? f.assessedAt));
  const tax = f.document === 'SKPD';
  const what = tax ? 'pajak' : 'retribusi';
  const title =
    f.kind === 'skrd'
      ? tax
        ? { id: 'SURAT KETETAPAN PAJAK DAERAH (SKPD)', en: 'Regional tax assessment' }
        : { id: 'SURAT KETETAPAN RETRIBUSI DAERAH (SKRD)', en: 'Regional levy assessment' }
      : { id: `BUKTI PEMBAYARAN ${what.toUpperCase()}`, en: tax ? 'Tax payment receipt' : 'Levy payment receipt' };
  const { doc, pen, width, done } = pdfPaper({
    size: 'A5',
    margin: 40,
    title: `${title.id} ${f.skrdNumber}`,
    author: mpp.name,
    subject: f.service.id,
    date,
  });
  const center = { align: 'center' } as const;
  pen.write('bold', 9, mpp.government.toUpperCase(), undefined, center);
  pen.write('regular', 8, `${mpp.name} · ${mpp.address}`, undefined, center);
  const rule = doc.y + 4;
  doc
    .moveTo(40, rule)
    .lineTo(40 + width, rule)
    .lineWidth(1)
    .stroke();
  doc.y = rule + 10;
  pen.write('bold', 11, title.id, { x: 40, y: doc.y }, { width, align: 'center' });
  pen.write('italic', 8, title.en, undefined, { width, align: 'center' });
  pen.write('regular', 9, `Nomor ${f.document}: ${f.skrdNumber}`, undefined, { width, align: 'center' });
  doc.moveDown(0.8);
  const row = (label: string, value: string, style: 'regular' | 'bold' = 'regular') => {
    const y = doc.y;
    pen.write('regular', 9, label, { x: 40, y }, { width: 130 });
    pen.write(style, 9, value, { x: 175, y }, { width: width - 135 });
    doc.moveDown(0.2);
  };
  row('Nomor registrasi', f.registrationNumber);
  row(tax ? 'Wajib pajak' : 'Wajib retribusi', f.payer, 'bold');
  row('Layanan', f.service.id);
  row('Tanggal ketetapan', dateOf(f.assessedAt, zone));
  doc.moveDown(0.5);
  const amountRow = (label: string, amount: number, style: 'regular' | 'bold' = 'regular') => {
    const y = doc.y;
    pen.write(style, 9, label, { x: 40, y }, { width: width - 110 });
    pen.write(style, 9, rupiah(amount), { x: 40 + width - 105, y }, { width: 105, align: 'right' });
    doc.moveDown(0.2);
  };
  const line = (l: BillFacts['lines'][number]) => {
    amountRow(l.label.id, l.amount);
    // How the figure was reached, so the applicant can check it (PBG: LLt x It x Ilo x SHST; a tax: the rental value).
    if (l.detail) pen.write('italic', 7.5, l.detail, { x: 48, y: doc.y }, { width: width - 120 });
  };
  for (const l of f.lines.filter((x) => !x.refundable)) line(l);
  const deposits = f.lines.filter((x) => x.refundable);
  if (deposits.length) {
    // A removal bond is not a tax or a levy: it is paid with the bill and returned once the object is removed.
    pen.write('bold', 8, 'Uang jaminan (dikembalikan, bukan pajak/retribusi):', { x: 40, y: doc.y + 2 }, { width });
    for (const l of deposits) line(l);
  }
  doc
    .moveTo(40, doc.y)
    .lineTo(40 + width, doc.y)
    .lineWidth(0.5)
    .stroke();
  doc.moveDown(0.2);
  amountRow(deposits.length ? 'Jumlah yang harus dibayar' : 'Jumlah ketetapan', f.total, 'bold');
  pen.write('italic', 9, `Terbilang: ${terbilang(f.total)} rupiah`, { x: 40, y: doc.y }, { width });
  doc.moveDown(0.5);
  if (f.payments.length) {
    pen.write('bold', 9, 'Pembayaran diterima / Payments received', { x: 40, y: doc.y }, { width });
    for (const p of f.payments) amountRow(`${dateTimeOf(p.at, zone)} · ${CHANNEL[p.channel] ?? p.channel} · ${p.reference}`, p.amount);
    amountRow('Jumlah dibayar', f.paid, 'bold');
    if (f.kind === 'payment-receipt') pen.write('italic', 9, `Terbilang: ${terbilang(f.paid)} rupiah`, { x: 40, y: doc.y }, { width });
  }
  amountRow(f.outstanding > 0 ? 'Sisa yang harus dibayar' : 'Sisa', f.outstanding, 'bold');
  if (f.depositRefund)
    amountRow(`Uang jaminan dikembalikan · ${dateTimeOf(f.depositRefund.at, zone)} · ${f.depositRefund.reference}`, f.depositRefund.amount);
  if (f.tariffBasis?.length && f.kind === 'skrd')
    pen.write('regular', 7, `Dasar tarif: ${f.tariffBasis.join('; ')}`, { x: 40, y: doc.y + 2 }, { width });
  doc.moveDown(0.5);
  if (f.kind === 'skrd' && f.outstanding > 0) {
    if (f.payBy) pen.write('bold', 9, `Bayar paling lambat ${dateOf(f.payBy, zone)}.`, { x: 40, y: doc.y }, { width });
    if (f.paymentCode) pen.write('bold', 10, `Kode bayar: ${f.paymentCode}`, { x: 40, y: doc.y }, { width });
    pen.write('regular', 8, 'Cara membayar / How to pay:', { x: 40, y: doc.y + 2 }, { width });
    for (const c of mpp.paymentChannels) pen.write('regular', 8, `• ${c.name.id}: ${c.how.id}`, { x: 48, y: doc.y }, { width: width - 8 });
    pen.write(
      'regular',
      8,
      'Bayar hanya melalui saluran di atas; petugas tidak menerima uang di luar kasir.',
      { x: 40, y: doc.y + 2 },
      { width },
    );
  }
  if (f.kind === 'payment-receipt')
    pen.write(
      'regular',
      8,
      f.outstanding > 0
        ? `${tax ? 'Pajak' : 'Retribusi'} belum lunas.`
        : `${tax ? 'Pajak' : 'Retribusi'} telah LUNAS. Simpan bukti ini bersama tanda terima berkas Anda.`,
      { x: 40, y: doc.y },
      { width },
    );
  doc.end();
  return done;
}
