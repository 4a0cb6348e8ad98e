import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** What a reader gets out of a PDF: its text (pdf.js, as Firefox reads it) and the QR codes printed on it. */
// jsqr is CommonJS: its function is the module itself.
const jsQR = createRequire(import.meta.url)('jsqr') as typeof import('jsqr').default;

async function open(bytes: Uint8Array) {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  // The standard fonts' metrics ship with pdf.js: text comes out the same on any machine, without warnings.
  const standardFontDataUrl = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts/');
  const task = pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false, standardFontDataUrl });
  return { pdfjs, doc: await task.promise };
}

/** Every page's text, in reading order, pages joined by a blank line. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { doc } = await open(bytes);
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : ' ') : '')).join(''));
  }
  await doc.destroy();
  return pages.join('\n\n');
}

/** The QR codes in the PDF's images, decoded from their pixels. */
export async function pdfQrCodes(bytes: Uint8Array): Promise<string[]> {
  const { pdfjs, doc } = await open(bytes);
  const found: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const ops = await page.getOperatorList();
    for (let i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] !== pdfjs.OPS.paintImageXObject) continue;
      const name = ops.argsArray[i][0] as string;
      const img = await new Promise<{ width: number; height: number; data: Uint8ClampedArray; kind: number }>((resolve) =>
        page.objs.get(name, resolve),
      );
      const rgba = new Uint8ClampedArray(img.width * img.height * 4);
      const channels = img.kind === 3 ? 4 : img.kind === 2 ? 3 : 0;
      for (let p = 0; p < img.width * img.height; p++) {
        if (channels) {
          for (let c = 0; c < 3; c++) rgba[p * 4 + c] = img.data[p * channels + c];
        } else {
          // 1 bit per pixel, rows padded to whole bytes.
          const row = Math.floor(p / img.width);
          const col = p % img.width;
          const bit = (img.data[row * Math.ceil(img.width / 8) + (col >> 3)] >> (7 - (col & 7))) & 1;
          rgba[p * 4] = rgba[p * 4 + 1] = rgba[p * 4 + 2] = bit ? 255 : 0;
        }
        rgba[p * 4 + 3] = 255;
      }
      const code = jsQR(rgba, img.width, img.height);
      if (code) found.push(code.data);
    }
  }
  await doc.destroy();
  return found;
}
