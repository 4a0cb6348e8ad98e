import { HttpStatus } from '@nestjs/common';
import {
  checkFeeInputs,
  checkParticulars,
  DomainError,
  feeInputsOf,
  NIB_PATTERN,
  nikProblem,
  PHONE_PATTERN,
  type Label,
  type ServiceDefinition,
} from '#berkas/domain';
import type { CorrectionFile, DraftApplication } from '#berkas/public-inbox';
import { PublicProblem } from './public-problem.js';

/**
 * The online application form (issue 22): what the public page asks for a
 * service, named as the form posts it, and the check of what came back. The
 * same rules as the counter, said to the applicant field by field, before a
 * draft is filed; the desk's registration decides again when it accepts.
 */

/** The form's field names: the applicant's, then `p-<particular>`, `i-<fee input>`, and a file input `berkas-<requirement>` each. */
export const APPLICANT_FIELDS = ['nama', 'nik', 'telepon', 'email', 'nib', 'bahasa', 'pemberitahuan', 'persetujuan', 'catatan'] as const;

/** One thing wrong with the form: the field (its input's name) and what to do, in both languages. */
export interface FieldProblem {
  field: string;
  text: Label;
}

/** A form that cannot be filed as it is: the page shows it again, filled in as sent, each problem beside its field. */
export class ApplicationRefused extends PublicProblem {
  constructor(
    readonly problems: FieldProblem[],
    readonly values: Record<string, string>,
  ) {
    super(HttpStatus.BAD_REQUEST, {
      id: 'Permohonan belum dapat dikirim. Perbaiki isian yang ditandai, pilih lagi berkasnya, lalu kirim.',
      en: 'The application cannot be sent yet. Correct the marked fields, choose the files again, then send.',
    });
  }
}

const NAME = /^[\p{L}][\p{L} .,'-]*$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const must = (label: Label): Label => ({ id: `${label.id} wajib diisi.`, en: `${label.en} is required.` });

export const FIELD_LABELS: Record<(typeof APPLICANT_FIELDS)[number], Label> = {
  nama: { id: 'Nama lengkap (sesuai KTP)', en: 'Full name (as on the ID card)' },
  nik: { id: 'NIK (16 angka)', en: 'NIK (16 digits)' },
  telepon: { id: 'Nomor ponsel (atau isi e-mail)', en: 'Mobile number (or give an e-mail)' },
  email: { id: 'E-mail', en: 'E-mail' },
  nib: { id: 'NIB (13 angka, dari OSS)', en: 'NIB (13 digits, from OSS)' },
  bahasa: { id: 'Bahasa pemberitahuan', en: 'Language of notices' },
  pemberitahuan: {
    id: 'Kirimi saya pemberitahuan tentang berkas ini ke ponsel/e-mail di atas',
    en: 'Send me notices about this dossier at the phone/e-mail above',
  },
  persetujuan: {
    id: 'Saya menyatakan data dan berkas ini benar, dan menyetujui pengolahannya oleh MPP untuk permohonan ini (UU 27/2022 tentang Pelindungan Data Pribadi).',
    en: 'I declare these particulars and files true, and agree to their processing by the MPP for this application (Law 27/2022 on Personal Data Protection).',
  },
  catatan: { id: 'Catatan untuk petugas (boleh kosong)', en: 'A note for the officers (optional)' },
};

/**
 * Checks the form against the service: the applicant (name, NIK, a phone or
 * e-mail to reach them, the NIB a business service needs, consent), each
 * particular and fee input within its range, and a file for every mandatory
 * requirement. Every problem at once, so the applicant corrects them in one go.
 */
export function checkApplication(
  def: ServiceDefinition,
  fields: Record<string, string>,
  files: CorrectionFile[],
): { application: DraftApplication; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const v = (k: string) => (fields[k] ?? '').trim();
  const name = v('nama').replace(/\s+/g, ' ');
  if (!name) problems.push({ field: 'nama', text: must(FIELD_LABELS.nama) });
  else if (name.length < 2 || name.length > 120 || !NAME.test(name))
    problems.push({
      field: 'nama',
      text: { id: "Nama hanya berisi huruf, spasi dan . , ' - (2–120 huruf).", en: "A name has letters, spaces and . , ' - only (2–120)." },
    });
  const nik = v('nik');
  if (!nik) problems.push({ field: 'nik', text: must(FIELD_LABELS.nik) });
  else if (nikProblem(nik))
    problems.push({
      field: 'nik',
      text: { id: 'NIK tidak sah: 16 angka seperti tertulis di KTP.', en: 'Not a valid NIK: the 16 digits on the ID card.' },
    });
  const phone = v('telepon').replace(/[\s-]/g, '');
  if (phone && !PHONE_PATTERN.test(phone))
    problems.push({
      field: 'telepon',
      text: { id: 'Nomor ponsel seperti 081234567890 atau +6281234567890.', en: 'A mobile number like 081234567890 or +6281234567890.' },
    });
  const email = v('email');
  if (email && (email.length > 254 || !EMAIL.test(email)))
    problems.push({ field: 'email', text: { id: 'Alamat e-mail tidak sah.', en: 'Not an e-mail address.' } });
  if (!phone && !email)
    problems.push({
      field: 'telepon',
      text: {
        id: 'Isi nomor ponsel atau e-mail: petugas menghubungi Anda lewat salah satunya.',
        en: 'Give a mobile number or an e-mail: the officers reach you through one of them.',
      },
    });
  const nib = v('nib');
  if (nib && !NIB_PATTERN.test(nib))
    problems.push({ field: 'nib', text: { id: 'NIB terdiri dari 13 angka.', en: 'An NIB has 13 digits.' } });
  else if (!nib && def.applicant.nib === 'required') problems.push({ field: 'nib', text: must(FIELD_LABELS.nib) });
  if (v('persetujuan') !== 'ya')
    problems.push({
      field: 'persetujuan',
      text: { id: 'Permohonan hanya dapat dikirim dengan persetujuan ini.', en: 'The application can only be sent with this consent.' },
    });

  const particulars: Record<string, string | number> = {};
  for (const p of def.particulars) {
    const raw = v(`p-${p.code}`);
    if (!raw) {
      if (p.required) problems.push({ field: `p-${p.code}`, text: must(p.label) });
      continue;
    }
    const value = p.kind === 'number' ? Number(raw.replace(',', '.')) : raw;
    try {
      Object.assign(particulars, checkParticulars({ ...def, particulars: [{ ...p, required: true }] }, { [p.code]: value }));
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      problems.push({ field: `p-${p.code}`, text: particularProblem(p, e) });
    }
  }

  const inputs: Record<string, number> = {};
  for (const i of feeInputsOf(def.fee)) {
    const raw = v(`i-${i.code}`);
    if (!raw) {
      problems.push({ field: `i-${i.code}`, text: must(i.label) });
      continue;
    }
    const value = Number(raw.replace(',', '.'));
    try {
      // The counter's own check of the input's range, one input at a time so each problem stands beside its field.
      checkFeeInputs(def.fee, { [i.code]: value }, false);
      inputs[i.code] = value;
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      problems.push({ field: `i-${i.code}`, text: range(i.label, i.min, i.max, i.unit) });
    }
  }

  const waived = new Set(def.variants.find((x) => x.code === 'baru')?.waives ?? []);
  for (const r of def.requirements)
    if (r.mandatory && !waived.has(r.code) && !files.some((f) => f.requirement === r.code))
      problems.push({
        field: `berkas-${r.code}`,
        text: { id: `Lampirkan berkas "${r.label.id}".`, en: `Attach the file "${r.label.en}".` },
      });

  const language = v('bahasa') === 'en' ? 'en' : 'id';
  const notices = v('pemberitahuan') === 'ya';
  const note = v('catatan').slice(0, 1000);
  return {
    problems,
    application: {
      applicant: {
        name,
        nik,
        ...(phone ? { phone } : {}),
        ...(email ? { email } : {}),
        ...(nib ? { nib } : {}),
        language,
        notices,
      },
      particulars,
      inputs,
      ...(note ? { note } : {}),
    },
  };
}

const range = (label: Label, min: number, max: number, unit: string): Label => ({
  id: `${label.id} antara ${min.toLocaleString('id-ID')} dan ${max.toLocaleString('id-ID')} ${unit}.`,
  en: `${label.en} between ${min.toLocaleString('en-GB')} and ${max.toLocaleString('en-GB')} ${unit}.`,
});

function particularProblem(p: ServiceDefinition['particulars'][number], e: DomainError): Label {
  switch (p.kind) {
    case 'number':
      if (typeof e.details?.min === 'number') return range(p.label, p.min, p.max, p.unit);
      return p.integer && /whole/.test(e.message)
        ? { id: `${p.label.id}: isi bilangan bulat.`, en: `${p.label.en}: a whole number.` }
        : { id: `${p.label.id}: isi angka.`, en: `${p.label.en}: a number.` };
    case 'choice':
      return { id: `${p.label.id}: pilih salah satu pilihan.`, en: `${p.label.en}: choose one of the options.` };
    case 'text':
      return {
        id: `${p.label.id}: paling banyak ${p.maxLength} huruf, tanpa karakter khusus.`,
        en: `${p.label.en}: at most ${p.maxLength} characters, none of them special.`,
      };
  }
}

/** A service the form names that the catalogue does not have. */
export class ServiceNotFound extends PublicProblem {
  constructor() {
    super(HttpStatus.NOT_FOUND, {
      id: 'Layanan ini tidak ada atau tidak dapat diajukan daring. Pilih dari daftar layanan.',
      en: 'There is no such service, or it cannot be applied for online. Choose from the list of services.',
    });
  }
}
