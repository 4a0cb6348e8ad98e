import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

export type FontStyle = 'regular' | 'bold' | 'italic';

/**
 * The faces every document is set in, tried in this order for each character:
 * Noto Sans (Latin with every diacritic Indonesian and Vietnamese names use,
 * Greek, Cyrillic), IBM Plex Sans Arabic, Noto Sans SC (Chinese, Japanese
 * kana), Noto Sans JP (the kanji and extension-B letters SC lacks). From the npm registry (SIL Open Font License), pinned to exact
 * versions: a font change changes the documents' bytes. The Arabic face draws
 * each letter form as a glyph of its own (Noto's Arabic faces share dotless
 * skeletons between letters, so a PDF reader cannot tell ب from ن when it
 * reads the text back). CJK has one weight (10 MB a face).
 */
const FAMILIES: { name: string; rtl?: boolean; faces: Record<FontStyle, string> }[] = [
  {
    name: 'latin',
    faces: {
      regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
      bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
      italic: '@expo-google-fonts/noto-sans/400Regular_Italic/NotoSans_400Regular_Italic.ttf',
    },
  },
  {
    name: 'arabic',
    rtl: true,
    faces: {
      regular: '@expo-google-fonts/ibm-plex-sans-arabic/400Regular/IBMPlexSansArabic_400Regular.ttf',
      bold: '@expo-google-fonts/ibm-plex-sans-arabic/700Bold/IBMPlexSansArabic_700Bold.ttf',
      italic: '@expo-google-fonts/ibm-plex-sans-arabic/400Regular/IBMPlexSansArabic_400Regular.ttf',
    },
  },
  {
    name: 'cjk',
    faces: {
      regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
      bold: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
      italic: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
    },
  },
  {
    // What the Chinese face lacks: Japanese kanji outside it, and the CJK extension B letters Japanese names use (𠮷).
    name: 'cjk-jp',
    faces: {
      regular: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
      bold: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
      italic: '@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf',
    },
  },
];

/** A stretch of text set in one face. */
export interface Run {
  /** The name a document registers the face under: family and style, e.g. `arabic-bold`. */
  face: string;
  text: string;
  /** Right to left: one word, shaped by the font in drawn order. */
  rtl?: boolean;
}

interface Family {
  name: string;
  rtl: boolean;
  /** Parsed once per process: parsing the layout tables per document cost about 200 ms a permit. */
  faces: Record<FontStyle, fontkit.Font>;
  covers: (codePoint: number) => boolean;
}

/** Characters that are never drawn and need no face of their own: spaces, joiners, direction marks. */
const NEUTRAL = /[\s\u200b-\u200f\u2060\ufeff]/u;

/**
 * The fonts documents are set in, read once per process, and the choice of
 * face for each character. A character no face covers is reported by
 * `unprintable`, so the counter can refuse a name the permit would print as
 * empty boxes instead of finding out on paper.
 */
export class DocumentFonts {
  private static loaded: DocumentFonts | undefined;

  private constructor(private readonly families: Family[]) {}

  /** The process's fonts (read from node_modules on first use: about 12 MB). */
  static get(): DocumentFonts {
    if (!DocumentFonts.loaded) {
      const require = createRequire(import.meta.url);
      const read = (spec: string) => readFileSync(require.resolve(spec));
      DocumentFonts.loaded = new DocumentFonts(
        FAMILIES.map(({ name, rtl, faces }) => {
          const parsed = new Map<string, fontkit.Font>();
          const open = (spec: string) => parsed.get(spec) ?? parsed.set(spec, fontkit.create(read(spec)) as fontkit.Font).get(spec)!;
          const opened = { regular: open(faces.regular), bold: open(faces.bold), italic: open(faces.italic) };
          return { name, rtl: !!rtl, faces: opened, covers: (cp: number) => opened.regular.hasGlyphForCodePoint(cp) };
        }),
      );
    }
    return DocumentFonts.loaded;
  }

  /**
   * Registers every face with a pdfkit document, under the names `runs` gives.
   * pdfkit takes a parsed fontkit font as it is, so documents share them; safe
   * because the documents lay text out without decomposition (see Pen), the
   * one layout step that rewrites a shared glyph's text.
   */
  register(doc: PDFKit.PDFDocument): void {
    for (const f of this.families)
      for (const style of ['regular', 'bold', 'italic'] as const)
        doc.registerFont(`${f.name}-${style}`, f.faces[style] as unknown as PDFKit.Mixins.PDFFontSource);
  }

  /**
   * The text cut where the face changes: each character in the first family
   * that covers it, spaces and marks with the run they stand in. Uncovered
   * characters stay in the first family (and print as its empty box).
   */
  runs(text: string, style: FontStyle): Run[] {
    const runs: Run[] = [];
    // Right-to-left words in a row, kept apart so their order can be turned: [start, end) into `runs`.
    let rtl: number | undefined;
    const closeRtl = () => {
      if (rtl === undefined) return;
      // A space after the last word stays where it is.
      let end = runs.length;
      while (end > rtl && NEUTRAL.test(runs[end - 1].text)) end--;
      runs.splice(rtl, end - rtl, ...runs.slice(rtl, end).reverse());
      rtl = undefined;
    };
    for (const ch of text) {
      const last = runs[runs.length - 1];
      if (NEUTRAL.test(ch)) {
        // Between right-to-left words a space is a run of its own, so the words can be turned around it.
        if (rtl !== undefined) runs.push({ face: `${this.families[0].name}-${style}`, text: ch });
        else if (last) last.text += ch;
        else runs.push({ face: `${this.families[0].name}-${style}`, text: ch });
        continue;
      }
      const family = this.familyFor(ch.codePointAt(0)!);
      const face = `${family.name}-${style}`;
      if (family.rtl) {
        if (rtl === undefined) rtl = runs.length;
        if (last?.face === face && !NEUTRAL.test(last.text)) last.text += ch;
        else runs.push({ face, text: ch, rtl: true });
        continue;
      }
      closeRtl();
      const prev = runs[runs.length - 1];
      if (prev?.face === face) prev.text += ch;
      else runs.push({ face, text: ch });
    }
    closeRtl();
    return runs.length ? runs : [{ face: `${this.families[0].name}-${style}`, text }];
  }

  /** The characters of `text` no face can draw, each once. */
  unprintable(text: string): string[] {
    return [...new Set([...text].filter((ch) => !NEUTRAL.test(ch) && !this.families.some((f) => f.covers(ch.codePointAt(0)!))))];
  }

  private familyFor(codePoint: number): Family {
    return this.families.find((f) => f.covers(codePoint)) ?? this.families[0];
  }
}
