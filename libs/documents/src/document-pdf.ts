import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { MppProfile } from '#berkas/platform';
import type { DocumentFacts } from './document-facts.js';
import type { Label } from '#berkas/domain';

type Text = Label;

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** A date as an Indonesian letter writes it, in the MPP's zone (no locale data needed: the same bytes on every machine). */
function tanggal(iso: string, zone: string): string {
  const [y, m, d] = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(iso))
    .split('-')
    .map(Number);
  return `${d} ${MONTHS[m - 1]} ${y}`;
}

const ESIGN: Text = {
  id: 'Dokumen ini ditandatangani secara elektronik sehingga tidak memerlukan tanda tangan basah dan cap. Keasliannya dapat diperiksa dengan memindai kode QR atau membuka alamat di bawahnya.',
  en: 'This document is signed electronically and needs no wet signature or stamp. Check that it is genuine by scanning the QR code or opening the address below it.',
};
const PUBLIC_COPY: Text = {
  id: 'SALINAN ELEKTRONIK UNTUK PEMOHON. Nama pemegang disamarkan; dokumen asli diserahkan di loket MPP.',
  en: "Electronic copy for the applicant. The holder's name is masked; the original is handed over at the MPP counter.",
};

/**
 * The permit (A4) or the rejection letter as a PDF: the MPP's letterhead, the
 * number, the holder, the service's particulars, the date, the signing office
 * and the electronic-signature statement, and for a permit the QR code of its
 * verification page. Every input comes from `facts`; the dates in the file's
 * metadata are the document's own, so the same facts give the same bytes.
 */
export async function documentPdf(facts: DocumentFacts, mpp: MppProfile, o: { zone: string; verifyUrl?: string }): Promise<Buffer> {
  const date = new Date(facts.date);
  const title: Text =
    facts.kind === 'permit'
      ? { id: facts.product.id.toUpperCase(), en: facts.product.en }
      : { id: 'SURAT PENOLAKAN PERMOHONAN', en: 'Letter of rejection' };
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 56, left: 64, right: 64 },
    info: { Title: `${title.id} ${facts.number}`, Author: mpp.name, Subject: facts.service.id, CreationDate: date, ModDate: date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  const width = doc.page.width - 128;

  // Letterhead.
  doc.font('Helvetica-Bold').fontSize(12).text(mpp.government.toUpperCase(), { align: 'center' });
  doc.font('Helvetica').fontSize(11).text(mpp.name, { align: 'center' });
  doc.fontSize(9).text(`${mpp.address} · ${mpp.phone} · ${mpp.email}`, { align: 'center' });
  const rule = doc.y + 6;
  doc
    .moveTo(64, rule)
    .lineTo(64 + width, rule)
    .lineWidth(1.5)
    .stroke();
  doc.y = rule + 18;

  if (facts.copy === 'public-copy') {
    doc.font('Helvetica-Bold').fontSize(9).fillColor('#8a1c14').text(PUBLIC_COPY.id, { align: 'center' });
    doc.font('Helvetica').fontSize(8).text(PUBLIC_COPY.en, { align: 'center' }).fillColor('black');
    doc.moveDown(0.8);
  }
  if (facts.revoked) {
    doc.font('Helvetica-Bold').fontSize(11).fillColor('#8a1c14');
    doc.text(`IZIN INI TELAH DICABUT PADA ${tanggal(facts.revoked.at, o.zone).toUpperCase()}: ${facts.revoked.reason}`, {
      align: 'center',
    });
    doc.font('Helvetica').fontSize(9).text('This permit has been revoked.', { align: 'center' }).fillColor('black');
    doc.moveDown(0.8);
  }
  doc.font('Helvetica-Bold').fontSize(14).text(title.id, { align: 'center' });
  doc.font('Helvetica-Oblique').fontSize(9).text(title.en, { align: 'center' });
  doc.font('Helvetica').fontSize(11).text(`Nomor: ${facts.number}`, { align: 'center' });
  doc.moveDown(1.2);

  const row = (label: string, value: string) => {
    const y = doc.y;
    doc.font('Helvetica').fontSize(10).text(label, 64, y, { width: 150 });
    doc.text(':', 214, y);
    doc.font('Helvetica-Bold').text(value, 224, y, { width: width - 160 });
    doc.moveDown(0.3);
  };
  doc.font('Helvetica').fontSize(10);
  if (facts.kind === 'permit') {
    doc.text(
      `Berdasarkan permohonan dengan nomor registrasi ${facts.registrationNumber} yang telah diperiksa dan memenuhi persyaratan, ` +
        `dengan ini diberikan ${facts.product.id} kepada:`,
      { width, align: 'justify' },
    );
  } else {
    doc.text(
      `Berdasarkan pemeriksaan atas permohonan dengan nomor registrasi ${facts.registrationNumber}, dengan ini diberitahukan ` +
        `bahwa permohonan ${facts.service.id} atas nama berikut TIDAK DAPAT DISETUJUI:`,
      { width, align: 'justify' },
    );
  }
  doc.moveDown(0.8);
  row('Nama pemegang / Holder', facts.holder);
  if (facts.nib) row('NIB', facts.nib);
  row('Jenis layanan / Service', facts.service.id);
  for (const p of facts.particulars) row(`${p.label.id}`, p.value);
  row(facts.kind === 'permit' ? 'Tanggal terbit / Issued' : 'Tanggal keputusan / Decided', tanggal(facts.date, o.zone));
  doc.moveDown(0.6);

  doc.font('Helvetica').fontSize(10);
  if (facts.kind === 'rejection') {
    doc.font('Helvetica-Bold').text('Alasan penolakan / Reasons:', 64);
    doc.font('Helvetica');
    (facts.reasons ?? []).forEach((r, i) => doc.text(`${i + 1}. ${r}`, 76, doc.y, { width: width - 12 }));
    doc.moveDown(0.6);
    doc.text(`Keberatan atau pengaduan atas keputusan ini dapat disampaikan melalui ${facts.complaints}.`, 64, doc.y, { width });
    doc.moveDown(0.8);
  } else {
    doc.text(
      'Izin ini berlaku sesuai ketentuan peraturan perundang-undangan dan dapat dicabut apabila pemegang izin melanggar ketentuan yang berlaku.',
      64,
      doc.y,
      { width, align: 'justify' },
    );
    doc.moveDown(0.8);
  }

  // The signing office, and the electronic-signature statement.
  doc.text(`${mpp.name}, ${tanggal(facts.date, o.zone)}`, 320, doc.y, { width: width - 256 });
  doc.font('Helvetica-Bold').text(facts.signer.id, 320, doc.y, { width: width - 256 });
  doc
    .font('Helvetica-Oblique')
    .fontSize(8)
    .text('ditandatangani secara elektronik / signed electronically', 320, doc.y, { width: width - 256 });
  doc.moveDown(1.5);
  doc.font('Helvetica').fontSize(8).text(ESIGN.id, 64, doc.y, { width, align: 'justify' });
  doc.font('Helvetica-Oblique').text(ESIGN.en, 64, doc.y, { width, align: 'justify' });

  if (facts.kind === 'permit' && o.verifyUrl) {
    const png = await QRCode.toBuffer(o.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
    const size = 110;
    const top = Math.min(doc.y + 16, doc.page.height - 56 - size - 30);
    doc.image(png, 64, top, { width: size, height: size });
    doc
      .font('Helvetica')
      .fontSize(8)
      .text('Periksa keaslian / Verify:', 64 + size + 12, top + 30, { width: width - size - 12 });
    doc.font('Helvetica-Bold').text(o.verifyUrl, 64 + size + 12, doc.y, { width: width - size - 12 });
  }
  doc.end();
  return done;
}
