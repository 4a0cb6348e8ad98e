import type { Readable } from 'node:stream';
import { HttpStatus } from '@nestjs/common';
import busboy from 'busboy';
import type { Request } from 'express';
import type { Label } from '#berkas/domain';
import {
  FileTooLarge,
  isUploadType,
  REFUSAL_STATUS,
  UploadRefused,
  type FileStore,
  type RefusalReason,
  type UploadChecks,
} from '#berkas/files';
import { CORRECTION_LIMITS, type CorrectionFile } from '#berkas/public-inbox';
import { formCredentials } from './credentials.js';
import { PublicProblem } from './public-problem.js';

export const NO_FILES: Label = {
  id: 'Pilih paling sedikit satu berkas perbaikan sebelum mengirim.',
  en: 'Choose at least one corrected file before sending.',
};

/** Why a file was not taken, in words the applicant can act on (the counter's console says the same, ERROR_TEXT). */
const REFUSED: Record<RefusalReason | 'TOO_LARGE' | 'TOO_MANY' | 'UNKNOWN_REQUIREMENT', (name: string) => Label> = {
  UNSUPPORTED_TYPE: (n) => ({
    id: `"${n}" bukan PDF, JPEG atau PNG. Simpan sebagai salah satunya lalu kirim lagi.`,
    en: `"${n}" is not a PDF, JPEG or PNG. Save it as one of them and send it again.`,
  }),
  BROKEN: (n) => ({
    id: `"${n}" rusak atau terpotong sehingga tidak dapat dibaca utuh. Pindai atau simpan ulang, lalu kirim lagi.`,
    en: `"${n}" is damaged or cut off and cannot be read whole. Scan or save it again, then send it again.`,
  }),
  ENCRYPTED: (n) => ({
    id: `"${n}" dikunci dengan kata sandi atau proteksi. Simpan ulang tanpa proteksi, lalu kirim lagi.`,
    en: `"${n}" is locked with a password or protection. Save it again without protection, then send it again.`,
  }),
  ACTIVE_CONTENT: (n) => ({
    id: `"${n}" berisi JavaScript atau perintah menjalankan program. Cetak ulang ke PDF baru, lalu kirim hasilnya.`,
    en: `"${n}" carries JavaScript or a launch action. Print it to a new PDF and send that.`,
  }),
  INFECTED: (n) => ({
    id: `Pemindai virus menemukan ancaman dalam "${n}"; berkas tidak disimpan. Periksa perangkat Anda dan kirim berkas lain.`,
    en: `The virus scanner found a threat in "${n}"; it was not kept. Check your device and send another file.`,
  }),
  CHECK_UNAVAILABLE: () => ({
    id: 'Pemeriksaan berkas sedang tidak dapat dijalankan, jadi perbaikan belum diterima. Coba lagi sebentar lagi.',
    en: 'The file checks cannot run right now, so the corrections were not accepted. Try again shortly.',
  }),
  TOO_LARGE: (n) => ({
    id: `"${n}" terlalu besar. Pindai dengan resolusi lebih rendah (150–200 dpi cukup), lalu kirim lagi.`,
    en: `"${n}" is too large. Scan at a lower resolution (150–200 dpi is enough), then send it again.`,
  }),
  TOO_MANY: () => ({
    id: 'Terlalu banyak berkas, atau terlalu besar seluruhnya, untuk sekali kirim. Kirim berkas yang diminta saja, dipindai 150–200 dpi.',
    en: 'Too many files, or too large altogether, for one sending. Send only the files asked for, scanned at 150–200 dpi.',
  }),
  UNKNOWN_REQUIREMENT: () => ({
    id: 'Formulir ini sudah tidak sesuai dengan layanannya. Muat ulang halamannya, lalu kirim lagi.',
    en: 'This form no longer matches its service. Reload the page and send again.',
  }),
};

/** The checks' refusals answer as at the counter (REFUSAL_STATUS); the form's own refusals have theirs. */
const STATUS: Record<keyof typeof REFUSED, number> = {
  ...REFUSAL_STATUS,
  TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  TOO_MANY: HttpStatus.PAYLOAD_TOO_LARGE,
  UNKNOWN_REQUIREMENT: HttpStatus.BAD_REQUEST,
};
export const refused = (reason: keyof typeof REFUSED, name: string) =>
  new PublicProblem(STATUS[reason], REFUSED[reason](name.slice(0, 80)));

/** Where a public upload form's files go, and how much it may carry. */
export interface UploadIntake {
  checks: UploadChecks;
  store: FileStore;
  maxBytes: number;
  totalBytes: number;
}

export interface CorrectionIntake extends UploadIntake {
  /** Checks the number and PIN (the lookup's limits): the dossier and the requirements it takes files for. */
  open(number: string, pin: string): Promise<{ dossierId: string; requirements: { code: string }[] }>;
}

/**
 * Reads a public upload form as it streams: its fields, then each file
 * (`berkas-<requirement>`) through the upload checks into the store, one after
 * the other, never held in memory. `open` runs once, with the fields sent
 * before the first file (or at the end when there is none): what it refuses
 * ends the form before any file is read, and it names the requirements files
 * are taken for. The first refusal ends it; the files stored before it are
 * named by nothing and go with the sweep.
 */
export function receiveUploads<T extends { requirements: { code: string }[] }>(
  req: Request,
  o: UploadIntake & { maxFiles: number; maxFields: number; open: (fields: Record<string, string>) => Promise<T> },
): Promise<{ fields: Record<string, string>; target: T; files: CorrectionFile[] }> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, string> = {};
    const files: CorrectionFile[] = [];
    let target: Promise<T> | undefined;
    let failure: unknown;
    let total = 0;
    let chain = Promise.resolve();
    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        limits: { files: o.maxFiles, fields: o.maxFields, fieldSize: 4000, parts: o.maxFiles + o.maxFields },
      });
    } catch {
      return reject(new PublicProblem(HttpStatus.BAD_REQUEST, NO_FILES));
    }
    const opened = () => {
      if (!target) {
        target = o.open(fields);
        target.catch(() => undefined);
      }
      return target;
    };
    parser.on('field', (name, value) => (fields[name] = value));
    parser.on('filesLimit', () => (failure ??= refused('TOO_MANY', '')));
    parser.on('file', (field, stream: Readable, info) => {
      if (failure !== undefined || !info.filename) return void stream.resume();
      const open = opened();
      const name =
        info.filename
          .normalize('NFC')
          .replace(/[\p{Cc}/\\]/gu, '')
          .slice(0, 120) || 'berkas';
      // One file at a time, in the order they arrive: the parser waits on each stream's back-pressure meanwhile.
      chain = chain.then(async () => {
        try {
          if (failure !== undefined) return void stream.resume();
          const { requirements } = await open;
          const requirement = field.replace(/^berkas-/, '');
          if (!requirements.some((r) => r.code === requirement)) throw refused('UNKNOWN_REQUIREMENT', name);
          if (!isUploadType(info.mimeType)) throw refused('UNSUPPORTED_TYPE', name);
          const stored = await o.checks.accept(stream, info.mimeType, o.maxBytes, o.store);
          total += stored.size;
          if (total > o.totalBytes) throw refused('TOO_MANY', name);
          files.push({ requirement, name, contentType: info.mimeType, ...stored });
        } catch (e) {
          failure ??= e instanceof UploadRefused ? refused(e.reason, name) : e instanceof FileTooLarge ? refused('TOO_LARGE', name) : e;
          stream.resume();
        }
      });
    });
    parser.on('error', (e) => {
      failure ??= e;
      reject(failure);
    });
    parser.on('close', () => {
      void chain.then(async () => {
        if (failure !== undefined) return reject(failure);
        try {
          // A form without files is still opened: the first file would have done it.
          resolve({ fields, target: await opened(), files });
        } catch (e) {
          reject(e);
        }
      });
    });
    req.pipe(parser);
  });
}

/**
 * The corrections form: the number and PIN first (checked before any file is
 * read; a form whose first file comes before them is refused), then the files,
 * then a note.
 */
export async function receiveCorrection(
  req: Request,
  o: CorrectionIntake,
): Promise<{ number: string; target: { dossierId: string }; files: CorrectionFile[]; note: string }> {
  let number = '';
  const { fields, target, files } = await receiveUploads(req, {
    ...o,
    maxFiles: CORRECTION_LIMITS.files,
    maxFields: 8,
    open: async (f) => {
      const c = formCredentials(f);
      number = c.number;
      return o.open(c.number, c.pin);
    },
  });
  return { number, target, files, note: (fields.note ?? '').trim().slice(0, 1000) };
}
