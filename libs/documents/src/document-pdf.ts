import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { MppProfile } from '#berkas/platform';
import type { DocumentFacts } from './document-facts.js';
import type { Label } from '#berkas/domain';
import { DocumentFonts, type FontStyle } from './fonts.js';

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

// Said only when the file carries a PAdES signature (issue 20: the permit said so of a button).
const ESIGN: Text = {
  id: 'Dokumen ini ditandatangani secara elektronik dengan sertifikat elektronik yang tersemat di dalam berkas PDF ini; setiap perubahan pada berkas membatalkan tanda tangannya.',
  en: 'This document is signed electronically with a certificate embedded in this PDF file; any change to the file invalidates the signature.',
};
const DEMO_SIGNATURE: Text = {
  id: 'SERTIFIKAT DEMO: tanda tangan ini dibuat dengan sertifikat percobaan, bukan sertifikat elektronik resmi (BSrE/PSrE). Dokumen ini tidak sah.',
  en: 'Demo certificate: this signature was made with a test certificate, not an official electronic certificate. This document is not valid.',
};
const DRAFT: Text = {
  id: 'DRAF UNTUK DIPERIKSA PEJABAT PENANDATANGAN: BELUM DITANDATANGANI DAN BELUM BERLAKU',
  en: 'Draft for the signing official to read: not signed, not valid',
};
// Without a signature the permit claims none; its QR code and verification page say whether it is genuine.
const GENUINE: Text = {
  id: 'Keaslian dokumen ini dapat diperiksa dengan memindai kode QR atau membuka alamat verifikasi di bawahnya.',
  en: 'Check that this document is genuine by scanning the QR code or opening the verification address below it.',
};
// A rejection has an applicant, never a holder (issue 21: its copy said "pemegang").
const PUBLIC_COPY: Record<DocumentFacts['kind'], Text> = {
  permit: {
    id: 'SALINAN ELEKTRONIK UNTUK PEMOHON. Nama pemegang disamarkan; dokumen asli diserahkan di loket MPP.',
    en: "Electronic copy for the applicant. The holder's name is masked; the original is handed over at the MPP counter.",
  },
  rejection: {
    id: 'SALINAN ELEKTRONIK UNTUK PEMOHON. Nama pemohon disamarkan; surat asli diserahkan di loket MPP.',
    en: "Electronic copy for the applicant. The applicant's name is masked; the original letter is handed over at the MPP counter.",
  },
};

/** Text in the document's faces: each stretch in the face that covers it (a Chinese or Arabic name in a Latin line). */
export class Pen {
  private readonly fonts = DocumentFonts.get();

  constructor(readonly doc: PDFKit.PDFDocument) {
    this.fonts.register(doc);
  }

  /** Writes `text` at (x, y) or where the last text ended, in `style` at `size` points. */
  write(style: FontStyle, size: number, text: string, at?: { x: number; y: number }, options: PDFKit.Mixins.TextOptions = {}): this {
    const runs = this.fonts.runs(text, style);
    const ascii = /^[\x20-\x7e]*$/.test(text);
    this.doc.fontSize(size);
    runs.forEach((run, i) => {
      this.doc.font(run.face);
      if (run.rtl) this.mapLigaturesRightToLeft(run.text);
      else this.mapCharacters(run.text);
      // Precomposed letters (ị, ọ) as the font has them, not a base and a combining mark: fontkit caches glyphs per
      // font and would give every later plain i the ị it was decomposed from, which a reader then reads back.
      // Every run of a line the same: pdfkit lays a continued line out with the options of its first run. Plain
      // ASCII has nothing to decompose and keeps pdfkit's layout cache.
      const o = { ...options, continued: i < runs.length - 1, ...(ascii ? {} : { features: NO_DECOMPOSITION }) };
      if (i === 0 && at) this.doc.text(run.text, at.x, at.y, o);
      else this.doc.text(run.text, o);
    });
    return this;
  }

  /**
   * Each character's own glyph read back as that character. pdfkit maps a
   * glyph to the code points fontkit's cached glyph object carries the first
   * time a document uses it; once a name with a letter the face composes from
   * a base and a mark (ọ in Ngọc) has passed through a face, fontkit's cached
   * o carries none, and every later document's o in that face was read back
   * as nothing (issue 21: "pemhn" for "pemohon" in pdf.js, Firefox's reader).
   * Set before pdfkit's first-seen mapping, from the face's own character map.
   * Left-to-right runs only: an Arabic letter is drawn in a contextual form,
   * and mapping its isolated form as well made poppler misorder the name.
   */
  private mapCharacters(text: string): void {
    const font = (this.doc as unknown as { _font: EmbeddedFontInternals })._font;
    for (const ch of new Set(text)) {
      const cp = ch.codePointAt(0)!;
      const glyph = font.font.glyphForCodePoint(cp);
      if (!glyph.id) continue;
      const gid = font.subset.includeGlyph(glyph.id);
      if (!font.unicode[gid]?.length) font.unicode[gid] = [cp];
    }
  }

  /**
   * A ligature (lam-alef, noon-yeh) stands for several letters; a reader
   * turns right-to-left text from drawn order back into written order, so the
   * letters behind one glyph must be listed in drawn order too, or they come
   * back swapped (الحسيين for الحسيني). Set before pdfkit's first-seen mapping.
   */
  private mapLigaturesRightToLeft(text: string): void {
    const font = (this.doc as unknown as { _font: EmbeddedFontInternals })._font;
    for (const glyph of font.layout(text, NO_DECOMPOSITION).glyphs)
      if (glyph.codePoints.length > 1) {
        const gid = font.subset.includeGlyph(glyph.id);
        font.unicode[gid] ??= [...glyph.codePoints].reverse();
      }
  }
}

/** fontkit takes a feature map with features turned off; pdfkit's typings know only the list form. */
const NO_DECOMPOSITION = { ccmp: false } as unknown as PDFKit.Mixins.TextOptions['features'];

/**
 * A pdfkit document on `size` paper with the file's dates set to the
 * document's own (the same facts give the same bytes), the pen that writes in
 * its faces, and the bytes once it ends.
 */
export function pdfPaper(o: { size: 'A4' | 'A5'; margin: number; title: string; author: string; subject: string; date: Date }): {
  doc: PDFKit.PDFDocument;
  pen: Pen;
  width: number;
  done: Promise<Buffer>;
} {
  const doc = new PDFDocument({
    size: o.size,
    margins: { top: Math.round(o.margin * 0.875), bottom: Math.round(o.margin * 0.875), left: o.margin, right: o.margin },
    info: { Title: o.title, Author: o.author, Subject: o.subject, CreationDate: o.date, ModDate: o.date },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  return { doc, pen: new Pen(doc), width: doc.page.width - 2 * o.margin, done };
}

/** What of pdfkit's embedded font `mapLigaturesRightToLeft` reaches into (not in its typings; the font test guards it). */
interface EmbeddedFontInternals {
  font: { glyphForCodePoint(cp: number): { id: number } };
  layout(text: string, features: unknown): { glyphs: { id: number; codePoints: number[] }[] };
  subset: { includeGlyph(id: number): number };
  unicode: (number[] | undefined)[];
}
/**
 * The permit (A4) or the rejection letter as a PDF: the MPP's letterhead, the
 * number, the holder, the service's particulars, the date, the signing office,
 * and for a permit the QR code of its verification page. Every input comes
 * from `facts`; the dates in the file's metadata are the document's own, so
 * the same facts give the same bytes. Set in embedded Noto faces, so a name in
 * any script the counter accepts prints as written (fonts.ts).
 */
export async function documentPdf(facts: DocumentFacts, mpp: MppProfile, o: { zone: string; verifyUrl?: string }): Promise<Buffer> {
  const date = new Date(facts.date);
  const title: Text =
    facts.kind === 'permit'
      ? { id: facts.product.id.toUpperCase(), en: facts.product.en }
      : { id: 'SURAT PENOLAKAN PERMOHONAN', en: 'Letter of rejection' };
  const { doc, pen, width, done } = pdfPaper({
    size: 'A4',
    margin: 64,
    title: `${title.id} ${facts.number}`,
    author: mpp.name,
    subject: facts.service.id,
    date,
  });
  const center = { align: 'center' } as const;

  // Letterhead.
  pen.write('bold', 12, mpp.government.toUpperCase(), undefined, center);
  pen.write('regular', 11, mpp.name, undefined, center);
  pen.write('regular', 9, `${mpp.address} · ${mpp.phone} · ${mpp.email}`, undefined, center);
  const rule = doc.y + 6;
  doc
    .moveTo(64, rule)
    .lineTo(64 + width, rule)
    .lineWidth(1.5)
    .stroke();
  doc.y = rule + 18;

  if (facts.draft) {
    doc.fillColor('#8a1c14');
    pen.write('bold', 11, DRAFT.id, undefined, center);
    pen.write('regular', 8, DRAFT.en, undefined, center);
    doc.fillColor('black').moveDown(0.8);
  }
  if (facts.copy === 'public-copy') {
    doc.fillColor('#8a1c14');
    pen.write('bold', 9, PUBLIC_COPY[facts.kind].id, undefined, center);
    pen.write('regular', 8, PUBLIC_COPY[facts.kind].en, undefined, center);
    doc.fillColor('black').moveDown(0.8);
  }
  if (facts.revoked) {
    doc.fillColor('#8a1c14');
    pen.write(
      'bold',
      11,
      `IZIN INI TELAH DICABUT PADA ${tanggal(facts.revoked.at, o.zone).toUpperCase()}: ${facts.revoked.reason}`,
      undefined,
      center,
    );
    pen.write('regular', 9, 'This permit has been revoked.', undefined, center);
    doc.fillColor('black').moveDown(0.8);
  }
  pen.write('bold', 14, title.id, undefined, center);
  pen.write('italic', 9, title.en, undefined, center);
  pen.write('regular', 11, `Nomor: ${facts.number}`, undefined, center);
  doc.moveDown(1.2);

  const row = (label: string, value: string) => {
    const y = doc.y;
    pen.write('regular', 10, label, { x: 64, y }, { width: 150 });
    pen.write('regular', 10, ':', { x: 214, y });
    pen.write('bold', 10, value, { x: 224, y }, { width: width - 160 });
    doc.moveDown(0.3);
  };
  if (facts.legalBasis?.length) {
    pen.write('bold', 9, 'Dasar hukum / Legal basis:', { x: 64, y: doc.y }, { width });
    facts.legalBasis.forEach((l, i) => pen.write('regular', 9, `${i + 1}. ${l}`, { x: 76, y: doc.y }, { width: width - 12 }));
    doc.moveDown(0.6);
  }
  pen.write(
    'regular',
    10,
    facts.kind === 'permit'
      ? `Berdasarkan permohonan dengan nomor registrasi ${facts.registrationNumber} yang telah diperiksa dan memenuhi persyaratan, ` +
          `dengan ini diberikan ${facts.product.id} kepada:`
      : `Berdasarkan pemeriksaan atas permohonan dengan nomor registrasi ${facts.registrationNumber}, dengan ini diberitahukan ` +
          `bahwa permohonan ${facts.service.id} atas nama berikut TIDAK DAPAT DISETUJUI:`,
    undefined,
    { width, align: 'justify' },
  );
  doc.moveDown(0.8);
  row(facts.kind === 'permit' ? 'Nama pemegang / Holder' : 'Nama pemohon / Applicant', facts.holder);
  if (facts.nib) row('NIB', facts.nib);
  row('Jenis layanan / Service', facts.service.id);
  if (facts.variant) row('Jenis permohonan / Application', facts.variant);
  for (const p of facts.particulars) row(`${p.label.id}`, p.value);
  row(facts.kind === 'permit' ? 'Tanggal terbit / Issued' : 'Tanggal keputusan / Decided', tanggal(facts.date, o.zone));
  if (facts.validity)
    row(
      'Masa berlaku / Valid',
      'until' in facts.validity ? `sampai dengan ${tanggal(facts.validity.until, o.zone)}` : facts.validity.while.id,
    );
  doc.moveDown(0.6);

  if (facts.kind === 'rejection') {
    pen.write('bold', 10, 'Alasan penolakan / Reasons:', { x: 64, y: doc.y });
    (facts.reasons ?? []).forEach((r, i) => pen.write('regular', 10, `${i + 1}. ${r}`, { x: 76, y: doc.y }, { width: width - 12 }));
    doc.moveDown(0.6);
    pen.write(
      'regular',
      10,
      `Keberatan atau pengaduan atas keputusan ini dapat disampaikan melalui ${facts.complaints}.`,
      { x: 64, y: doc.y },
      { width },
    );
    doc.moveDown(0.8);
  } else {
    pen.write(
      'regular',
      10,
      'Izin ini berlaku sesuai ketentuan peraturan perundang-undangan dan dapat dicabut apabila pemegang izin melanggar ketentuan yang berlaku.',
      { x: 64, y: doc.y },
      { width, align: 'justify' },
    );
    doc.moveDown(0.8);
  }

  // The signing office, and the official when the file carries their signature.
  const block = { width: width - 256 };
  pen.write('regular', 10, `${mpp.name}, ${tanggal(facts.date, o.zone)}`, { x: 320, y: doc.y }, block);
  pen.write('bold', 10, facts.signature?.title ?? facts.signer.id, { x: 320, y: doc.y }, block);
  const signed = facts.signature && !facts.draft;
  if (facts.signature) {
    const how = signed
      ? 'ditandatangani secara elektronik / signed electronically'
      : 'akan ditandatangani secara elektronik / to be signed';
    pen.write('italic', 8, how, { x: 320, y: doc.y + 4 }, block);
    pen.write('bold', 10, facts.signature.name, { x: 320, y: doc.y + 4 }, block);
    pen.write('regular', 10, `NIP ${facts.signature.nip}`, { x: 320, y: doc.y }, block);
  }
  doc.moveDown(1.5);
  if (facts.signature && signed) {
    pen.write('regular', 8, ESIGN.id, { x: 64, y: doc.y }, { width, align: 'justify' });
    pen.write('italic', 8, ESIGN.en, { x: 64, y: doc.y }, { width, align: 'justify' });
    if (facts.signature.demo) {
      doc.fillColor('#8a1c14');
      pen.write('bold', 8, DEMO_SIGNATURE.id, { x: 64, y: doc.y + 2 }, { width });
      pen.write('regular', 8, DEMO_SIGNATURE.en, { x: 64, y: doc.y }, { width });
      doc.fillColor('black');
    }
    doc.moveDown(0.6);
  }

  if (facts.kind === 'permit' && o.verifyUrl) {
    pen.write('regular', 8, GENUINE.id, { x: 64, y: doc.y }, { width, align: 'justify' });
    pen.write('italic', 8, GENUINE.en, { x: 64, y: doc.y }, { width, align: 'justify' });
    const png = await QRCode.toBuffer(o.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
    const size = 110;
    const top = Math.min(doc.y + 16, doc.page.height - 56 - size - 30);
    doc.image(png, 64, top, { width: size, height: size });
    pen.write('regular', 8, 'Periksa keaslian / Verify:', { x: 64 + size + 12, y: top + 30 }, { width: width - size - 12 });
    pen.write('bold', 8, o.verifyUrl, { x: 64 + size + 12, y: doc.y }, { width: width - size - 12 });
  }
  doc.end();
  return done;
}
