import { particularText, type ServiceCatalogue } from '#berkas/domain';
import type { MppProfile } from '#berkas/platform';
import type { DossierDetail } from '#berkas/read-models';
import { pdfPaper } from '../document-pdf.js';

/** What a site inspection report (Berita Acara Pemeriksaan, BAP) says, from the dossier's events. */
export interface BapFacts {
  reportNumber: string;
  registrationNumber: string;
  service: string;
  applicant: string;
  /** The object inspected, as the counter took it down (address, function, floors...). */
  particulars: { label: string; value: string }[];
  step: string;
  desk: string;
  scheduledFor?: string;
  inspector?: string;
  /** When the result was recorded, and by which officer. */
  recordedAt: string;
  recordedBy: string;
  result: 'passed' | 'failed';
  findings: string;
}

/**
 * The last recorded inspection of a dossier as a BAP's facts, with the
 * schedule that came before it (date, inspector); undefined when none was
 * recorded. `officerName` turns an officer id into the name on the paper.
 */
export function bapFacts(d: DossierDetail, catalogue: ServiceCatalogue, officerName: (id: string) => string): BapFacts | undefined {
  const recorded = d.history.findLast((h) => h.type === 'InspectionRecorded');
  if (!recorded) return undefined;
  const scheduled = d.history.findLast((h) => h.type === 'InspectionScheduled' && h.version < recorded.version);
  const def = catalogue.get(d.service.code, d.service.version);
  const data = recorded.data as { stepId: string; desk: string; result: 'passed' | 'failed'; reportNumber: string; findings: string };
  const plan = scheduled?.data as { scheduledFor?: string; inspector?: string } | undefined;
  return {
    reportNumber: data.reportNumber,
    registrationNumber: d.registrationNumber,
    service: d.service.name.id,
    applicant: d.applicant.name,
    particulars: (def?.particulars ?? [])
      .filter((p) => d.particulars?.[p.code] !== undefined)
      .map((p) => ({ label: p.label.id, value: particularText(p, d.particulars![p.code], 'id') })),
    step: def?.steps.find((s) => s.id === data.stepId)?.label.id ?? data.stepId,
    desk: catalogue.deskName(data.desk).id,
    ...(plan?.scheduledFor ? { scheduledFor: plan.scheduledFor } : {}),
    ...(plan?.inspector ? { inspector: plan.inspector } : {}),
    recordedAt: recorded.at,
    recordedBy: recorded.officerId ? officerName(recorded.officerId) : '-',
    result: data.result,
    findings: data.findings,
  };
}

const tanggal = (iso: string, zone: string) =>
  new Intl.DateTimeFormat('id-ID', { timeZone: zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso),
  );

/**
 * The BAP on A4 as the inspection team prints it: the office, the number,
 * the dossier and the object inspected, when and by whom, the result and the
 * findings, and places for the inspectors' and the applicant's signatures
 * (a BAP is signed on site, by hand). Same facts, same bytes.
 */
export async function bapPdf(f: BapFacts, mpp: MppProfile, zone: string): Promise<Buffer> {
  const { doc, pen, width, done } = pdfPaper({
    size: 'A4',
    margin: 56,
    title: `Berita Acara Pemeriksaan Lapangan ${f.reportNumber}`,
    author: mpp.name,
    subject: f.service,
    date: new Date(f.recordedAt),
  });
  const left = 56;
  const center = { width, align: 'center' } as const;
  pen.write('bold', 11, mpp.government.toUpperCase(), { x: left, y: doc.y }, center);
  pen.write('regular', 9, `${mpp.name} · ${mpp.address}`, undefined, center);
  const rule = doc.y + 4;
  doc
    .moveTo(left, rule)
    .lineTo(left + width, rule)
    .lineWidth(1)
    .stroke();
  doc.y = rule + 14;
  pen.write('bold', 13, 'BERITA ACARA PEMERIKSAAN LAPANGAN', { x: left, y: doc.y }, center);
  pen.write('italic', 9, 'Site inspection report', undefined, center);
  pen.write('regular', 10, `Nomor: ${f.reportNumber}`, undefined, center);
  doc.moveDown(1);
  pen.write(
    'regular',
    10,
    `Pada hari ${tanggal(f.recordedAt, zone)} telah dilakukan pemeriksaan lapangan atas permohonan berikut, dalam tahap ${f.step} (${f.desk}):`,
    { x: left, y: doc.y },
    { width, align: 'justify' },
  );
  doc.moveDown(0.6);
  const row = (label: string, value: string) => {
    const y = doc.y;
    pen.write('regular', 10, label, { x: left, y }, { width: 170 });
    pen.write('regular', 10, `: ${value}`, { x: left + 175, y }, { width: width - 175 });
    doc.moveDown(0.25);
  };
  row('Nomor registrasi', f.registrationNumber);
  row('Layanan', f.service);
  row('Pemohon', f.applicant);
  for (const p of f.particulars) row(p.label, p.value);
  if (f.scheduledFor) row('Jadwal pemeriksaan', tanggal(f.scheduledFor, zone));
  row('Petugas pemeriksa', f.inspector ?? f.recordedBy);
  row('Dicatat oleh', f.recordedBy);
  row('Hasil pemeriksaan', f.result === 'passed' ? 'MEMENUHI / passed' : 'TIDAK MEMENUHI / failed');
  doc.moveDown(0.6);
  pen.write('bold', 10, 'Temuan di lapangan / Findings:', { x: left, y: doc.y });
  pen.write('regular', 10, f.findings, { x: left, y: doc.y }, { width, align: 'justify' });
  doc.moveDown(1.5);
  pen.write(
    'regular',
    10,
    'Demikian berita acara ini dibuat dengan sebenarnya untuk dipergunakan sebagaimana mestinya.',
    { x: left, y: doc.y },
    { width },
  );
  doc.moveDown(2);
  const y = doc.y;
  const half = width / 2;
  pen.write('regular', 10, 'Petugas pemeriksa,', { x: left, y }, { width: half - 10, align: 'center' });
  pen.write('regular', 10, 'Pemohon / kuasa,', { x: left + half, y }, { width: half - 10, align: 'center' });
  const names = y + 70;
  pen.write('regular', 10, `( ${f.inspector ?? f.recordedBy} )`, { x: left, y: names }, { width: half - 10, align: 'center' });
  pen.write('regular', 10, `( ${f.applicant} )`, { x: left + half, y: names }, { width: half - 10, align: 'center' });
  doc.end();
  return done;
}
