import PDFDocument from 'pdfkit';

/**
 * A page standing in for a scan in the demo's online application: A4, marked
 * as a sample in both languages, with what it stands for. Made with the same
 * PDF library as the permits, so it previews like a real scan.
 */
export function demoScan(title: string, lines: string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title, Producer: 'Berkas demo' } });
    const parts: Buffer[] = [];
    doc.on('data', (b: Buffer) => parts.push(b));
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
    doc.fontSize(10).fillColor('#9b1c1c').text('CONTOH UNTUK DEMO / DEMO SAMPLE', { align: 'right' });
    doc.moveDown(2).fontSize(18).fillColor('#000000').text(title);
    doc.moveDown().fontSize(12);
    for (const line of lines) doc.text(line).moveDown(0.4);
    doc.end();
  });
}
