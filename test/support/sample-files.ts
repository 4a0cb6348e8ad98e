import sharp from 'sharp';

/**
 * Files as applicants hand them in, made here so each test has its own bytes:
 * a one-page PDF that says `words` (a real PDF: qpdf checks it whole), and a
 * camera photo with the metadata a phone writes (make, model, position).
 */
export function samplePdf(words: string, extra: { catalog?: string; objects?: string[] } = {}): Buffer {
  const text = words.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = `BT /F1 14 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    `<< /Type /Catalog /Pages 2 0 R ${extra.catalog ?? ''} >>`,
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    ...(extra.objects ?? []),
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  out += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A PDF that runs JavaScript when opened (an OpenAction), as in a booby-trapped "form". */
export const pdfWithJavaScript = (words: string): Buffer =>
  samplePdf(words, { catalog: '/OpenAction 6 0 R', objects: ["<< /S /JavaScript /JS (app.alert\\('hai'\\)) >>"] });

/**
 * A phone photo: `width`×`height` pixels stored sideways (EXIF orientation 6, so it shows upright turned a quarter),
 * with the camera's make and model and where it was taken.
 */
export function phonePhoto(width = 64, height = 48, seed = 1): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: (seed * 37) % 256, g: 120, b: 80 } } })
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'Samsung', Model: 'Galaxy A15' },
      IFD3: { GPSLatitudeRef: 'S', GPSLatitude: '6/1 10/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '106/1 49/1 0/1' },
    })
    .jpeg({ quality: 92 })
    .toBuffer();
}
