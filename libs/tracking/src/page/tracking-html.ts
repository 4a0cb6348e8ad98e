import { type PublicTrackingView } from '#berkas/read-models';
import { SKM_ELEMENTS, SKM_SCALE } from '#berkas/public-inbox';
import { bi, biBlock, esc, rupiah, when, type Text } from './html.js';
import { layout, type PageZone, type PublicMpp } from './layout.js';

const T = {
  title: { id: 'Lacak Berkas Permohonan', en: 'Track your application' },
  number: { id: 'Nomor registrasi', en: 'Registration number' },
  pin: { id: 'PIN pada tanda terima (6 angka)', en: 'PIN on your receipt (6 digits)' },
  track: { id: 'Lacak', en: 'Track' },
  again: { id: 'Lacak berkas lain', en: 'Track another dossier' },
  intro: {
    id: 'Masukkan nomor registrasi dan PIN yang tercetak pada tanda terima berkas Anda, atau nomor permohonan daring (DAFTAR-...) dan PIN-nya.',
    en: 'Enter the registration number and the PIN printed on your receipt, or an online application’s number (DAFTAR-...) and its PIN.',
  },
  applyOnline: { id: 'Belum mengajukan? Ajukan permohonan daring', en: 'Not applied yet? Apply online' },
  progress: { id: 'Tahapan berkas', en: 'Stages of your dossier' },
  done: { id: 'selesai', en: 'done' },
  current: { id: 'sedang di sini', en: 'here now' },
  stopped: { id: 'berhenti di sini', en: 'stopped here' },
  todo: { id: 'belum', en: 'to come' },
  nowAt: { id: 'Posisi berkas', en: 'Now at' },
  expected: { id: 'Perkiraan selesai', en: 'Expected completion' },
  overdue: { id: 'Melewati batas waktu layanan', en: 'Past the service deadline' },
  corrections: { id: 'Berkas Anda perlu diperbaiki', en: 'Your dossier needs corrections' },
  whatToFix: { id: 'Yang perlu diperbaiki', en: 'What to correct' },
  whereToBring: { id: 'Ke mana membawanya', en: 'Where to bring them' },
  sendOnline: { id: 'Atau kirim perbaikannya dari sini', en: 'Or send the corrections from here' },
  sendOnlineHow: {
    id: 'Pilih berkas yang sudah diperbaiki untuk persyaratan yang diminta (PDF, JPEG atau PNG, paling besar {mb} MB per berkas). Berkas Anda langsung kembali diproses; tidak perlu datang ke loket.',
    en: 'Choose the corrected files for the requirements asked for (PDF, JPEG or PNG, at most {mb} MB each). Your dossier goes back into process at once; no need to come to the counter.',
  },
  correctionNote: { id: 'Catatan untuk petugas (boleh kosong)', en: 'A note for the officers (optional)' },
  correctionSend: { id: 'Kirim perbaikan', en: 'Send the corrections' },
  correctionWaiting: {
    id: 'Perbaikan Anda sudah kami terima dan sedang dicatat. Muat ulang halaman ini sebentar lagi.',
    en: 'We have received your corrections and are recording them. Reload this page in a moment.',
  },
  correctionTitle: { id: 'Perbaikan diterima', en: 'Corrections received' },
  correctionThanks: {
    id: 'Terima kasih. Berkas perbaikan Anda sudah kami terima dan berkas Anda kembali diproses. Statusnya tampil di halaman berkas.',
    en: 'Thank you. We have received your corrected files and your dossier goes back into process. Its status shows on its page.',
  },
  payTitle: { id: 'Retribusi yang harus dibayar', en: 'Fee to pay' },
  payTitleTax: { id: 'Pajak yang harus dibayar', en: 'Tax to pay' },
  skrd: { id: 'Nomor SKRD', en: 'SKRD number' },
  skpd: { id: 'Nomor SKPD', en: 'SKPD number' },
  deposit: { id: 'Termasuk uang jaminan yang dikembalikan', en: 'Including a refundable deposit' },
  amount: { id: 'Jumlah', en: 'Amount' },
  payBy: { id: 'Bayar sebelum', en: 'Pay by' },
  howToPay: { id: 'Cara membayar', en: 'How to pay' },
  paid: { id: 'Sudah dibayar', en: 'Paid' },
  readyTitle: { id: 'Izin Anda siap diambil', en: 'Your permit is ready for collection' },
  permitNumber: { id: 'Nomor izin', en: 'Permit number' },
  issuedOn: { id: 'Terbit', en: 'Issued' },
  rejectedTitle: { id: 'Permohonan ditolak', en: 'Application rejected' },
  complaintsTitle: { id: 'Pengaduan', en: 'Complaints' },
  complaintNew: { id: 'Ajukan pengaduan tentang berkas ini', en: 'Make a complaint about this dossier' },
  complaintCategory: { id: 'Tentang', en: 'About' },
  complaintText: { id: 'Isi pengaduan (paling sedikit 10 huruf)', en: 'Your complaint (at least 10 characters)' },
  complaintSend: { id: 'Kirim pengaduan', en: 'Send the complaint' },
  complaintReceived: { id: 'Diterima, sedang dicatat', en: 'Received, being recorded' },
  complaintOpen: { id: 'Menunggu jawaban, paling lambat', en: 'Awaiting an answer, due by' },
  complaintAnswer: { id: 'Jawaban', en: 'Answer' },
  complaintFiled: { id: 'Pengaduan diterima', en: 'Complaint received' },
  complaintRepeated: { id: 'Pengaduan ini sudah kami terima', en: 'We already have this complaint' },
  complaintNumber: { id: 'Nomor pengaduan', en: 'Complaint number' },
  complaintAt: { id: 'Diterima', en: 'Received' },
  backToDossier: { id: 'Lihat halaman berkas Anda', en: "See your dossier's page" },
  receiptExpired: {
    id: 'Tautan ini tidak berlaku lagi. Lacak berkas Anda dengan nomor registrasi dan PIN untuk melihat pengaduan dan jawabannya.',
    en: 'This link is no longer valid. Track your dossier with its registration number and PIN to see your complaints and their answers.',
  },
  surveyTitle: { id: 'Survei Kepuasan Masyarakat', en: 'How did we do?' },
  surveyIntro: {
    id: 'Bantu kami memperbaiki layanan: nilai sembilan hal berikut (1 tidak baik, 4 sangat baik). Sekali untuk setiap berkas.',
    en: 'Help us improve: rate these nine things (1 poor, 4 very good). Once per dossier.',
  },
  surveyComment: { id: 'Saran atau komentar (boleh kosong)', en: 'Suggestions or comments (optional)' },
  surveySend: { id: 'Kirim penilaian', en: 'Send my rating' },
  thanks: { id: 'Terima kasih atas penilaian Anda.', en: 'Thank you for your rating.' },
  downloadPermit: { id: 'Unduh salinan izin (PDF)', en: 'Download a copy of the permit (PDF)' },
  downloadLetter: { id: 'Unduh surat penolakan (PDF)', en: 'Download the rejection letter (PDF)' },
  reasons: { id: 'Alasan', en: 'Reasons' },
  timeline: { id: 'Riwayat berkas', en: 'History of your dossier' },
  applicant: { id: 'Pemohon', en: 'Applicant' },
  service: { id: 'Layanan', en: 'Service' },
  fiktif: {
    id: 'Bila batas waktu layanan terlewati tanpa keputusan, permohonan Anda dianggap disetujui menurut undang-undang (fiktif positif).',
    en: 'If the service deadline passes without a decision, the law deems your application approved (fiktif positif).',
  },
} satisfies Record<string, Text>;

/** The applicant's time to collect (D52), and that nothing is lost after it. */
const collectBy = (by: Text): Text => ({
  id: `Mohon diambil paling lambat ${by.id}. Setelah itu petugas loket akan menghubungi Anda; izin tetap tersimpan di loket.`,
  en: `Please collect it by ${by.en}. After that the front desk will contact you; the permit stays at the counter.`,
});

/** The service's clock while the dossier is with the applicant: stopped since the return (the days do not count), or not. */
const clockWhileReturned = (paused: boolean, since: Text): Text =>
  paused
    ? {
        id: `Jam layanan berhenti sejak ${since.id} sampai perbaikan Anda diterima di loket: hari-hari ini tidak dihitung, dan perkiraan selesai bergeser sebanyak hari kerja yang terpakai.`,
        en: `The service clock has stopped since ${since.en} until your corrections are received at the counter: these days do not count, and the expected completion moves by the working days they take.`,
      }
    : {
        id: `Untuk layanan ini jam layanan tetap berjalan selama berkas di tangan Anda (sejak ${since.id}).`,
        en: `For this service the clock keeps running while the dossier is with you (since ${since.en}).`,
      };
const clockAdded = (days: number): Text => ({
  id: `Perkiraan selesai sudah digeser ${days} hari kerja: waktu berkas di tangan Anda untuk perbaikan tidak dihitung.`,
  en: `The expected completion was moved by ${days} working day${days === 1 ? '' : 's'}: the time the dossier was with you for corrections does not count.`,
});

/** What "provisional" means, in one sentence: the holidays of that year are not set yet. */
const provisional = (year: string): Text => ({
  id: `Tanggal ini sementara: hari libur tahun ${year} belum ditetapkan pemerintah, jadi tanggal ini dapat bergeser.`,
  en: `This date is provisional: the government has not yet set the holidays for ${year}, so it may move.`,
});

/** The lookup form itself: number (filled in when known) and PIN; a plain form that works without JavaScript. */
function lookupForm(number?: string): string {
  return `<form method="post" action="./" id="lookup">
<label for="reg">${bi(T.number)}</label>
<input id="reg" name="registrationNumber" value="${esc(number ?? '')}" placeholder="PBG-2026-000001" required maxlength="40" autocomplete="off" autocapitalize="characters" spellcheck="false">
<label for="pin">${bi(T.pin)}</label>
<input id="pin" name="pin" inputmode="numeric" pattern="[0-9]{6}" maxlength="6" required autocomplete="off">
<button type="submit">${bi(T.track)}</button>
</form>`;
}

/** The lookup form, with what went wrong (if anything) above it; works as a plain form without JavaScript. */
export function formPage(mpp: PublicMpp, o: { number?: string; error?: Text; retryAfter?: number } = {}): string {
  const error = o.error
    ? `<div class="notice warn" role="alert"${o.retryAfter ? ` data-retry-in="${o.retryAfter}"` : ''}>${biBlock(o.error, 'p')}</div>`
    : '';
  return layout(
    mpp,
    T.title,
    `<h1>${bi(T.title)}</h1>
${error}
<p>${bi(T.intro)}</p>
${lookupForm(o.number)}
<p class="apply"><a href="daftar">${bi(T.applyOnline)}</a></p>`,
  );
}

/**
 * Where a complaint's form lands (post, redirect, get): the complaint's
 * number, or that the same complaint had already been received; then the way
 * back to the dossier's page. A link that is not ours or has expired says so.
 */
export function complaintReceivedPage(
  mpp: PublicMpp,
  r: { registrationNumber: string; complaintNumber: string; repeated: boolean; filedAt: string } | undefined,
  z: PageZone,
): string {
  if (!r)
    return layout(
      mpp,
      T.complaintsTitle,
      `<h1>${bi(T.complaintsTitle)}</h1>
<div class="notice warn" role="alert">${biBlock(T.receiptExpired, 'p')}</div>
${lookupForm()}`,
    );
  const filedAt = when(r.filedAt, z.zone, z.name, true);
  const said: Text = r.repeated
    ? {
        id: `Pengaduan yang sama sudah kami terima pada ${filedAt.id} dengan nomor ${r.complaintNumber}; tidak dicatat dua kali. Jawabannya akan tampil di halaman berkas Anda.`,
        en: `We had already received the same complaint on ${filedAt.en} as ${r.complaintNumber}; it is not recorded twice. The answer will appear on your dossier's page.`,
      }
    : {
        id: `Pengaduan Anda tercatat dengan nomor ${r.complaintNumber}. Jawabannya akan tampil di halaman berkas Anda.`,
        en: `Your complaint is recorded as ${r.complaintNumber}. The answer will appear on your dossier's page.`,
      };
  return layout(
    mpp,
    T.complaintsTitle,
    `<h1>${bi(r.repeated ? T.complaintRepeated : T.complaintFiled)}</h1>
<div class="notice ok" role="status">${biBlock(said, 'p')}</div>
<dl class="facts">
<dt>${bi(T.complaintNumber)}</dt><dd><strong>${esc(r.complaintNumber)}</strong></dd>
<dt>${bi(T.number)}</dt><dd>${esc(r.registrationNumber)}</dd>
<dt>${bi(T.complaintAt)}</dt><dd>${bi(filedAt)}</dd>
</dl>
<h2>${bi(T.backToDossier)}</h2>
${lookupForm(r.registrationNumber)}`,
  );
}

/** Where the survey's form lands (post, redirect, get): thanks, and the way back to the dossier's page. */
export function surveyThanksPage(mpp: PublicMpp, number: string | undefined): string {
  return layout(
    mpp,
    T.surveyTitle,
    `<h1>${bi(T.surveyTitle)}</h1>
<div class="notice ok" role="status">${biBlock(T.thanks, 'p')}</div>
<h2>${bi(T.backToDossier)}</h2>
${lookupForm(number)}`,
  );
}

/** The dossier as its applicant may see it. */
export function resultPage(
  mpp: PublicMpp,
  v: PublicTrackingView,
  z: PageZone,
  pin: string,
  o: {
    surveyOpen?: boolean;
    waiting?: { number: string; category: string; filedAt: string }[];
    /** While the dossier is back with the applicant: the requirements files are sent for, and the size limit. */
    corrections?: CorrectionFormFacts;
  } = {},
): string {
  const at = (iso: string, withTime = false) => bi(when(iso, z.zone, z.name, withTime));
  const parts: string[] = [];
  parts.push(`<h1>${bi(v.status)}</h1>
<dl class="facts">
<dt>${bi(T.number)}</dt><dd><strong>${esc(v.registrationNumber)}</strong></dd>
<dt>${bi(T.service)}</dt><dd>${bi(v.service)}</dd>
<dt>${bi(T.applicant)}</dt><dd>${esc(v.applicant)}</dd>
${v.stage ? `<dt>${bi(T.nowAt)}</dt><dd>${bi(v.stage.step)}<br><small>${v.stage.desks.map(bi).join(', ')}</small></dd>` : ''}
${
  v.status.code === 'in-process' || v.status.code === 'awaiting-payment' || v.status.code === 'returned'
    ? `<dt>${bi(T.expected)}</dt><dd>${at(v.dueAt)}${v.overdue ? ` <strong class="late">${bi(T.overdue)}</strong>` : ''}${
        v.dueProvisional ? biBlock(provisional(v.dueAt.slice(0, 4)), 'p', ' class="small"') : ''
      }</dd>`
    : ''
}
</dl>`);
  if (v.status.code === 'returned' && v.correction)
    parts.push(`<section class="notice warn" aria-labelledby="fix">
<h2 id="fix">${bi(T.corrections)}</h2>
<h3>${bi(T.whatToFix)}</h3>
<ul>${v.correction.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
<h3>${bi(T.whereToBring)}</h3>
${biBlock(mpp.corrections)}
${v.correction.clockPaused === null ? '' : biBlock(clockWhileReturned(v.correction.clockPaused, when(v.correction.returnedAt, z.zone, z.name)), 'p', ' class="clock"')}
${o.corrections ? correctionForm(v.registrationNumber, pin, o.corrections) : ''}
</section>`);
  // Back from the applicant: what the pause added to the deadline.
  if (v.status.code !== 'returned' && v.correction?.resubmittedAt && v.correction.pausedWorkingDays)
    parts.push(`<p class="clock">${bi(clockAdded(v.correction.pausedWorkingDays))}</p>`);
  if (v.fee && v.fee.outstanding > 0 && v.status.code === 'awaiting-payment')
    parts.push(`<section class="notice pay" aria-labelledby="pay">
<h2 id="pay">${bi(v.fee.document === 'SKPD' ? T.payTitleTax : T.payTitle)}</h2>
<dl class="facts">
<dt>${bi(v.fee.document === 'SKPD' ? T.skpd : T.skrd)}</dt><dd><strong>${esc(v.fee.skrdNumber)}</strong></dd>
<dt>${bi(T.amount)}</dt><dd><strong>${bi(rupiah(v.fee.outstanding))}</strong>${
      v.fee.paid > 0 ? `<br><small>${bi(T.paid)}: ${bi(rupiah(v.fee.paid))}</small>` : ''
    }${v.fee.lines
      .filter((l) => l.refundable)
      .map((l) => `<br><small>${bi(T.deposit)}: ${bi(l.label)} ${bi(rupiah(l.amount))}</small>`)
      .join('')}</dd>
${v.fee.dueAt ? `<dt>${bi(T.payBy)}</dt><dd>${at(v.fee.dueAt)}</dd>` : ''}
</dl>
<h3>${bi(T.howToPay)}</h3>
<ul class="channels">${mpp.paymentChannels.map((c) => `<li><strong>${bi(c.name)}</strong><br>${bi(c.how)}</li>`).join('')}</ul>
</section>`);
  if (v.readyToCollect && v.permit)
    parts.push(`<section class="notice ok" aria-labelledby="ready">
<h2 id="ready">${bi(T.readyTitle)}</h2>
<p>${bi(T.permitNumber)}: <strong>${esc(v.permit.number)}</strong></p>
${biBlock(mpp.collection)}
${v.collectBy ? biBlock(collectBy(when(v.collectBy, z.zone, z.name))) : ''}
</section>`);
  if (!v.readyToCollect && v.permit)
    parts.push(`<p>${bi(T.permitNumber)}: <strong>${esc(v.permit.number)}</strong> · ${bi(T.issuedOn)} ${at(v.permit.issuedAt)}</p>`);
  // The permit's copy, or the rejection letter: the same number and PIN again, in the POST body, never in a link.
  if (v.permit || v.rejection)
    parts.push(`<form method="post" action="dokumen" class="download">
<input type="hidden" name="registrationNumber" value="${esc(v.registrationNumber)}"><input type="hidden" name="pin" value="${esc(pin)}">
<button type="submit">${bi(v.permit ? T.downloadPermit : T.downloadLetter)}</button>
</form>`);
  if (v.rejection)
    parts.push(`<section class="notice warn" aria-labelledby="rejected">
<h2 id="rejected">${bi(T.rejectedTitle)}</h2>
<h3>${bi(T.reasons)}</h3>
<ul>${v.rejection.reasons.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
</section>`);
  if (o.surveyOpen) parts.push(surveyForm(v.registrationNumber, pin));
  parts.push(complaintsSection(v, pin, o.waiting ?? [], at));
  parts.push(`<section aria-labelledby="stages">
<h2 id="stages">${bi(T.progress)}</h2>
<ol class="progress">${v.progress
    .map(
      (p) =>
        `<li class="${p.state}"${p.state === 'current' ? ' aria-current="step"' : ''}>${bi(p.label)} <span class="state">(${bi(T[p.state])})</span></li>`,
    )
    .join('')}</ol>
${v.fiktifPositif && (v.status.code === 'in-process' || v.status.code === 'awaiting-payment') ? biBlock(T.fiktif, 'p', ' class="small"') : ''}
</section>
<section aria-labelledby="history">
<h2 id="history">${bi(T.timeline)}</h2>
<ol class="timeline" reversed>${[...v.timeline]
    .reverse()
    .map((t) => `<li><time datetime="${esc(t.at)}">${at(t.at, true)}</time>${biBlock(t.text)}</li>`)
    .join('')}</ol>
</section>
<p><a class="button secondary" href="./">${bi(T.again)}</a></p>`);
  return layout(mpp, v.status, parts.join('\n'));
}

const CATEGORY: Record<string, Text> = {
  delay: { id: 'Keterlambatan', en: 'Delay' },
  fee: { id: 'Biaya / retribusi', en: 'Fee' },
  service: { id: 'Sikap petugas / pelayanan', en: "Officers' conduct / service" },
  requirements: { id: 'Persyaratan', en: 'Requirements' },
  other: { id: 'Lainnya', en: 'Other' },
};

/** A complaint closed as the same as another: the other carries the answer. */
const sameAs = (number: string): Text => ({
  id: `Ditutup, sama dengan pengaduan ${number}`,
  en: `Closed, the same as complaint ${number}`,
});

export interface CorrectionFormFacts {
  requirements: { code: string; label: Text }[];
  /** A correction was sent and is being taken in: said instead of the form. */
  waiting: boolean;
  maxBytes: number;
}

/**
 * The corrections sent from the page (issue 22): a plain multipart form (the number and PIN first, so the server
 * checks them before it reads a file), one file input per requirement, a note. The page's script sends it with a
 * progress bar and says plainly when a broken line stopped it; without the script the browser sends it as it is.
 */
function correctionForm(number: string, pin: string, f: CorrectionFormFacts): string {
  if (f.waiting) return `<p role="status" class="received">${bi(T.correctionWaiting)}</p>`;
  const mb = String(Math.round(f.maxBytes / 1048576));
  const how = { id: T.sendOnlineHow.id.replace('{mb}', mb), en: T.sendOnlineHow.en.replace('{mb}', mb) };
  return `<h3>${bi(T.sendOnline)}</h3>
${biBlock(how)}
<form method="post" action="perbaikan" enctype="multipart/form-data" class="corrections" data-upload data-what="perbaikan|corrections">
<input type="hidden" name="registrationNumber" value="${esc(number)}"><input type="hidden" name="pin" value="${esc(pin)}">
${f.requirements
  .map(
    (r) =>
      `<label for="fix-${esc(r.code)}">${bi(r.label)}</label>
<input type="file" id="fix-${esc(r.code)}" name="berkas-${esc(r.code)}" accept="application/pdf,image/jpeg,image/png" multiple>`,
  )
  .join('\n')}
<label for="fix-note">${bi(T.correctionNote)}</label>
<textarea id="fix-note" name="note" maxlength="1000" rows="3"></textarea>
<button type="submit">${bi(T.correctionSend)}</button>
<p class="upload-state" role="status" aria-live="polite"></p>
</form>`;
}

/** Where the corrections form lands (post, redirect, get): they were received; the way back to the dossier. */
export function correctionReceivedPage(mpp: PublicMpp, number: string | undefined): string {
  return layout(
    mpp,
    T.correctionTitle,
    `<h1>${bi(T.correctionTitle)}</h1>
<div class="notice ok" role="status">${biBlock(T.correctionThanks, 'p')}</div>
<h2>${bi(T.backToDossier)}</h2>
${lookupForm(number)}`,
  );
}

/** The applicant's complaints (each with its deadline and answer) and a plain form to file one. */
function complaintsSection(
  v: PublicTrackingView,
  pin: string,
  waiting: { number: string; category: string; filedAt: string }[],
  at: (iso: string, withTime?: boolean) => string,
): string {
  const items = [
    ...v.complaints.map(
      (c) =>
        `<li><strong>${esc(c.number)}</strong> · ${bi(CATEGORY[c.category] ?? CATEGORY.other)} · ${at(c.filedAt)}<br>${
          c.duplicateOf
            ? `${bi(sameAs(c.duplicateOf))}: ${esc(c.answer ?? '')}`
            : c.answer
              ? `${bi(T.complaintAnswer)}: ${esc(c.answer)}`
              : `${bi(T.complaintOpen)}${c.respondBy ? ` ${at(c.respondBy)}` : ''}`
        }</li>`,
    ),
    ...waiting.map(
      (c) =>
        `<li><strong>${esc(c.number)}</strong> · ${bi(CATEGORY[c.category] ?? CATEGORY.other)} · ${at(c.filedAt)}<br>${bi(T.complaintReceived)}</li>`,
    ),
  ];
  return `<section aria-labelledby="complaints">
<h2 id="complaints">${bi(T.complaintsTitle)}</h2>
${items.length ? `<ul class="complaints">${items.join('')}</ul>` : ''}
<details><summary>${bi(T.complaintNew)}</summary>
<form method="post" action="pengaduan">
<input type="hidden" name="registrationNumber" value="${esc(v.registrationNumber)}"><input type="hidden" name="pin" value="${esc(pin)}">
<label for="complaint-category">${bi(T.complaintCategory)}</label>
<select id="complaint-category" name="category" required>${Object.entries(CATEGORY)
    .map(([k, c]) => `<option value="${k}">${esc(c.id)} / ${esc(c.en)}</option>`)
    .join('')}</select>
<label for="complaint-text">${bi(T.complaintText)}</label>
<textarea id="complaint-text" name="text" required minlength="10" maxlength="2000" rows="4"></textarea>
<button type="submit">${bi(T.complaintSend)}</button>
</form></details>
</section>`;
}

/** The SKM survey: the nine elements of Permenpan RB 14/2017 on a scale of 1 to 4, and a comment; a plain form. */
function surveyForm(number: string, pin: string): string {
  const questions = SKM_ELEMENTS.map(
    (q, i) =>
      `<fieldset class="scale"><legend>${i + 1}. ${bi(q)}</legend>${SKM_SCALE.map(
        (s, k) => `<label><input type="radio" name="u${i + 1}" value="${k + 1}" required> ${k + 1} · ${bi(s)}</label>`,
      ).join('')}</fieldset>`,
  ).join('\n');
  return `<section class="notice survey" aria-labelledby="skm">
<h2 id="skm">${bi(T.surveyTitle)}</h2>
${biBlock(T.surveyIntro)}
<form method="post" action="survei">
<input type="hidden" name="registrationNumber" value="${esc(number)}"><input type="hidden" name="pin" value="${esc(pin)}">
${questions}
<label for="skm-comment">${bi(T.surveyComment)}</label>
<textarea id="skm-comment" name="comment" maxlength="1000" rows="3"></textarea>
<button type="submit">${bi(T.surveySend)}</button>
</form>
</section>`;
}

/** The answer to each way a lookup can fail, in both languages, saying what to do. */
/** A wait as people say it: seconds under a minute, else whole minutes, rounded up (900 s is 15 minutes). */
export function waitText(seconds: number): Text {
  if (seconds < 60) return { id: `${seconds} detik`, en: `${seconds} ${seconds === 1 ? 'second' : 'seconds'}` };
  const minutes = Math.ceil(seconds / 60);
  return { id: `${minutes} menit`, en: `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}` };
}

/** A wrong PIN with one try left: the usual answer, and what the next wrong one does. */
export function lastTryProblem(lockoutSeconds: number): Text {
  const wrong = lookupProblem(404);
  const wait = waitText(lockoutSeconds);
  return {
    id: `${wrong.id} Tinggal satu kesempatan: bila PIN salah lagi, nomor ini tidak dapat dibuka dari perangkat Anda selama ${wait.id}.`,
    en: `${wrong.en} One try left: if the PIN is wrong again, this number cannot be opened from your device for ${wait.en}.`,
  };
}

export function lookupProblem(status: number, retryAfter?: number): Text {
  switch (status) {
    case 400:
      return {
        id: 'Periksa isian: nomor registrasi seperti PBG-2026-000001 dan PIN 6 angka dari tanda terima.',
        en: 'Check what you entered: a registration number like PBG-2026-000001 and the 6-digit PIN from your receipt.',
      };
    case 404:
      return {
        id: 'Nomor registrasi atau PIN tidak cocok. Periksa tanda terima Anda dan coba lagi.',
        en: 'The registration number or PIN does not match. Check your receipt and try again.',
      };
    case 409:
      return { id: 'Berkas ini sudah mengisi survei. Terima kasih.', en: 'This dossier has already answered the survey. Thank you.' };
    case 422:
      return {
        id: 'Survei dibuka setelah izin diserahkan atau permohonan diputuskan.',
        en: 'The survey opens once the permit is handed over or the application is decided.',
      };
    case 429: {
      const wait = waitText(retryAfter ?? 60);
      return { id: `Terlalu banyak percobaan. Coba lagi dalam ${wait.id}.`, en: `Too many attempts. Try again in ${wait.en}.` };
    }
    case 503:
      return {
        id: `Layanan sedang terganggu. Coba lagi dalam ${retryAfter ?? 30} detik.`,
        en: `The service is having trouble. Try again in ${retryAfter ?? 30} seconds.`,
      };
    default:
      return {
        id: 'Terjadi kesalahan. Coba lagi sebentar lagi, atau hubungi MPP.',
        en: 'Something went wrong. Try again shortly, or contact the MPP.',
      };
  }
}
