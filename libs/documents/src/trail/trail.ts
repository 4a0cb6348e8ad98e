import { EVENT_TEXT, type DossierEventType } from '#berkas/domain';
import type { MppProfile } from '#berkas/platform';
import type { DossierDetail } from '#berkas/read-models';
import { pdfPaper } from '../document-pdf.js';

/** The dossier's event trail as the records office files it: every event, when, by whom, and what it said. */
export interface TrailFacts {
  registrationNumber: string;
  service: string;
  applicant: string;
  /** When the trail was taken out (the archive's date). */
  exportedAt: string;
  entries: { version: number; at: string; what: string; by: string; details: string[] }[];
}

/** The fields of an event's data the trail prints, in this order, with their Indonesian names. */
const DETAIL_FIELDS: [string, string][] = [
  ['registrationNumber', 'Nomor registrasi'],
  ['skrdNumber', 'Nomor SKRD/SKPD'],
  ['permitNumber', 'Nomor izin'],
  ['letterNumber', 'Nomor surat'],
  ['reportNumber', 'Nomor BAP'],
  ['requirement', 'Persyaratan'],
  ['name', 'Nama berkas'],
  ['sha256', 'SHA-256'],
  ['replaces', 'Menggantikan'],
  ['amount', 'Jumlah (Rp)'],
  ['reference', 'Referensi'],
  ['result', 'Hasil'],
  ['reasons', 'Alasan'],
  ['note', 'Catatan'],
  ['findings', 'Temuan'],
  ['reason', 'Alasan'],
];

/** `officerName`: the name on paper for an officer id (system actors by their role's words). */
export function trailFacts(d: DossierDetail, officerName: (id: string) => string, exportedAt: string): TrailFacts {
  return {
    registrationNumber: d.registrationNumber,
    service: d.service.name.id,
    applicant: d.applicant.name,
    exportedAt,
    entries: d.history.map((h) => ({
      version: h.version,
      at: h.at,
      what: EVENT_TEXT[h.type as DossierEventType]?.id ?? h.type,
      by: h.officerId ? officerName(h.officerId) : '-',
      details: DETAIL_FIELDS.flatMap(([key, label]) => {
        const v = h.data[key];
        if (v === undefined || v === null || v === '') return [];
        return [`${label}: ${Array.isArray(v) ? v.join('; ') : String(v)}`];
      }),
    })),
  };
}

/**
 * The trail on A4: the dossier on top, then one entry per event (its number
 * in the stream, the time in the MPP's zone, what happened, who, the facts it
 * recorded), page after page. Same facts, same bytes.
 */
export async function trailPdf(f: TrailFacts, mpp: MppProfile, zone: string): Promise<Buffer> {
  const { doc, pen, width, done } = pdfPaper({
    size: 'A4',
    margin: 50,
    title: `Jejak peristiwa berkas ${f.registrationNumber}`,
    author: mpp.name,
    subject: f.service,
    date: new Date(f.exportedAt),
  });
  const left = 50;
  const time = new Intl.DateTimeFormat('id-ID', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' });
  pen.write('bold', 11, mpp.government.toUpperCase(), { x: left, y: doc.y }, { width, align: 'center' });
  pen.write('regular', 9, mpp.name, undefined, { width, align: 'center' });
  doc.moveDown(0.8);
  pen.write('bold', 13, 'JEJAK PERISTIWA BERKAS', { x: left, y: doc.y }, { width, align: 'center' });
  pen.write('italic', 9, 'Event trail of the dossier', undefined, { width, align: 'center' });
  doc.moveDown(0.8);
  for (const [label, value] of [
    ['Nomor registrasi', f.registrationNumber],
    ['Layanan', f.service],
    ['Pemohon', f.applicant],
    ['Diekspor', time.format(new Date(f.exportedAt))],
    ['Jumlah peristiwa', String(f.entries.length)],
  ]) {
    const y = doc.y;
    pen.write('regular', 10, label, { x: left, y }, { width: 130 });
    pen.write('regular', 10, `: ${value}`, { x: left + 135, y }, { width: width - 135 });
  }
  doc.moveDown(0.8);
  const bottom = doc.page.height - 60;
  for (const e of f.entries) {
    if (doc.y > bottom - 40) doc.addPage();
    const y = doc.y;
    pen.write('bold', 9, `#${e.version}`, { x: left, y }, { width: 34 });
    pen.write('regular', 9, time.format(new Date(e.at)), { x: left + 36, y }, { width: 110 });
    pen.write('bold', 9, e.what, { x: left + 150, y }, { width: width - 150 });
    pen.write('regular', 9, `Oleh: ${e.by}`, { x: left + 150, y: doc.y }, { width: width - 150 });
    for (const line of e.details) {
      if (doc.y > bottom) doc.addPage();
      pen.write('regular', 8, line, { x: left + 150, y: doc.y }, { width: width - 150 });
    }
    doc.moveDown(0.5);
  }
  doc.end();
  return done;
}
