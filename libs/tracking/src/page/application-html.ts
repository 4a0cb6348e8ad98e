import { feeInputsOf, type ServiceDefinition } from '#berkas/domain';
import type { Draft } from '#berkas/public-inbox';
import { FIELD_LABELS, type FieldProblem } from '../applications.js';
import { bi, biBlock, esc, when, type Text } from './html.js';
import { layout, type PageZone, type PublicMpp } from './layout.js';

// The online application's pages (issue 22): the services one can apply for, a service's form, the confirmation
// with the draft's number and PIN, and the draft's status. Plain HTML forms; the page's script only adds a progress
// bar to the upload.

const T = {
  listTitle: { id: 'Ajukan Permohonan Daring', en: 'Apply online' },
  listIntro: {
    id: 'Pilih layanan. Isi formulirnya dan lampirkan berkas persyaratan; petugas memeriksanya dan Anda tidak perlu antre di loket. Anda mendapat nomor permohonan dan PIN untuk memantau hasilnya.',
    en: 'Choose a service. Fill in its form and attach the required files; an officer checks them and you need not queue at the counter. You get an application number and a PIN to follow it.',
  },
  days: { id: 'hari kerja', en: 'working days' },
  apply: { id: 'Ajukan', en: 'Apply' },
  applicant: { id: 'Data pemohon', en: 'The applicant' },
  object: { id: 'Data permohonan', en: 'About the application' },
  fee: { id: 'Data untuk menghitung retribusi', en: 'For the fee' },
  files: { id: 'Berkas persyaratan', en: 'Required files' },
  filesHow: {
    id: 'PDF, JPEG atau PNG, paling besar {mb} MB per berkas. Foto dari ponsel boleh, asal terbaca jelas.',
    en: 'PDF, JPEG or PNG, at most {mb} MB each. Phone photos are fine if they read clearly.',
  },
  optional: { id: 'tidak wajib', en: 'optional' },
  consent: { id: 'Pernyataan dan persetujuan', en: 'Declaration and consent' },
  send: { id: 'Kirim permohonan', en: 'Send the application' },
  receivedTitle: { id: 'Permohonan terkirim', en: 'Application sent' },
  receivedSay: {
    id: 'Permohonan Anda sudah kami terima dan menunggu diperiksa petugas. Catat nomor dan PIN ini: keduanya dipakai untuk melihat hasilnya di halaman ini. PIN tidak ditampilkan lagi setelah halaman ini ditutup.',
    en: 'We have received your application and it waits for an officer to check it. Write down this number and PIN: you use them to see the outcome on this site. The PIN is not shown again once this page is closed.',
  },
  draftNumber: { id: 'Nomor permohonan', en: 'Application number' },
  pin: { id: 'PIN', en: 'PIN' },
  expires: { id: 'Diperiksa paling lambat', en: 'Checked by' },
  receiptExpired: {
    id: 'Tautan ini sudah tidak berlaku. Lihat status permohonan Anda dengan nomor permohonan dan PIN di halaman depan.',
    en: 'This link is no longer valid. See your application with its number and PIN on the front page.',
  },
  statusTitle: { id: 'Permohonan daring', en: 'Online application' },
  service: { id: 'Layanan', en: 'Service' },
  filedAt: { id: 'Dikirim', en: 'Sent' },
  waiting: {
    id: 'Menunggu diperiksa petugas. Bila lengkap, permohonan Anda didaftarkan dan nomor registrasi berkas tampil di sini.',
    en: 'Waiting for an officer to check it. If it is complete it is registered and the dossier’s registration number shows here.',
  },
  accepted: {
    id: 'Diterima dan didaftarkan. Mulai sekarang lacak berkas Anda dengan nomor registrasi dan PIN berikut.',
    en: 'Accepted and registered. From now on track your dossier with this registration number and PIN.',
  },
  registrationNumber: { id: 'Nomor registrasi', en: 'Registration number' },
  receiptPin: { id: 'PIN pelacakan', en: 'Tracking PIN' },
  trackIt: { id: 'Lacak berkas', en: 'Track the dossier' },
  returned: {
    id: 'Dikembalikan oleh petugas. Perbaiki hal berikut, lalu ajukan permohonan baru atau datang ke loket.',
    en: 'Returned by the officers. Put right the following, then apply again or come to the counter.',
  },
  expired: {
    id: 'Kedaluwarsa: permohonan tidak sempat diperiksa sebelum batas waktunya. Ajukan lagi, atau datang ke loket MPP; mohon maaf atas ketidaknyamanannya.',
    en: 'Expired: the application was not checked before its deadline. Apply again, or come to the MPP’s counter; we apologise for the trouble.',
  },
  applyAgain: { id: 'Ajukan lagi', en: 'Apply again' },
  noServices: { id: 'Belum ada layanan yang dapat diajukan daring.', en: 'No service can be applied for online yet.' },
} satisfies Record<string, Text>;

const fill = (t: Text, mb: string): Text => ({ id: t.id.replace('{mb}', mb), en: t.en.replace('{mb}', mb) });

/** Every service one can apply for, with its deadline in working days. */
export function servicesPage(mpp: PublicMpp, services: ServiceDefinition[]): string {
  const items = services.map(
    (s) =>
      `<li><a href="daftar/${esc(s.code)}"><strong>${bi(s.name)}</strong></a><br><small>${bi(s.product)} · ${s.slaDays} ${bi(T.days)}</small></li>`,
  );
  return layout(
    mpp,
    T.listTitle,
    `<h1>${bi(T.listTitle)}</h1>
${biBlock(T.listIntro)}
${items.length ? `<ul class="services">${items.join('\n')}</ul>` : `<p>${bi(T.noServices)}</p>`}`,
  );
}

export interface ApplicationFormFacts {
  maxBytes: number;
  /** What was sent, when the form comes back with problems. */
  values?: Record<string, string>;
  problems?: FieldProblem[];
  error?: Text;
  retryAfter?: number;
}

/** A service's form, made from its definition: the applicant, its particulars, its fee inputs, a file per requirement, consent. */
export function applicationPage(mpp: PublicMpp, def: ServiceDefinition, f: ApplicationFormFacts): string {
  const values = f.values ?? {};
  const problemOf = (field: string) => f.problems?.find((p) => p.field === field);
  const marks = (field: string) => {
    const p = problemOf(field);
    return p ? ` aria-invalid="true" aria-describedby="err-${esc(field)}"` : '';
  };
  const problem = (field: string) => {
    const p = problemOf(field);
    return p ? `<p class="field-problem" id="err-${esc(field)}">${bi(p.text)}</p>` : '';
  };
  const input = (field: string, label: Text, attrs: string, hint = '') =>
    `<label for="f-${esc(field)}">${bi(label)}${hint}</label>
<input id="f-${esc(field)}" name="${esc(field)}" value="${esc(values[field] ?? '')}" ${attrs}${marks(field)}>
${problem(field)}`;
  const optional = ` <small>(${bi(T.optional)})</small>`;
  const applicant = [
    input('nama', FIELD_LABELS.nama, 'required maxlength="120" autocomplete="name"'),
    input('nik', FIELD_LABELS.nik, 'required inputmode="numeric" pattern="[0-9]{16}" maxlength="16" autocomplete="off"'),
    input('telepon', FIELD_LABELS.telepon, 'type="tel" inputmode="tel" maxlength="16" autocomplete="tel"'),
    input('email', FIELD_LABELS.email, 'type="email" maxlength="254" autocomplete="email"'),
    input(
      'nib',
      FIELD_LABELS.nib,
      `inputmode="numeric" pattern="[0-9]{13}" maxlength="13"${def.applicant.nib === 'required' ? ' required' : ''}`,
      def.applicant.nib === 'required' ? '' : optional,
    ),
    `<label for="f-bahasa">${bi(FIELD_LABELS.bahasa)}</label>
<select id="f-bahasa" name="bahasa"><option value="id">Bahasa Indonesia</option><option value="en"${values.bahasa === 'en' ? ' selected' : ''}>English</option></select>`,
    `<label class="check"><input type="checkbox" name="pemberitahuan" value="ya"${values.pemberitahuan === 'ya' ? ' checked' : ''}> <span>${bi(FIELD_LABELS.pemberitahuan)}</span></label>`,
  ];
  const particulars = def.particulars.map((p) => {
    const field = `p-${p.code}`;
    const label = p.kind === 'number' ? { id: `${p.label.id} (${p.unit})`, en: `${p.label.en} (${p.unit})` } : p.label;
    const hint = p.required ? '' : optional;
    if (p.kind === 'choice')
      return `<label for="f-${field}">${bi(label)}${hint}</label>
<select id="f-${field}" name="${field}"${p.required ? ' required' : ''}${marks(field)}><option value=""></option>${p.options
        .map(
          (o) =>
            `<option value="${esc(o.code)}"${values[field] === o.code ? ' selected' : ''}>${esc(o.label.id)} / ${esc(o.label.en)}</option>`,
        )
        .join('')}</select>
${problem(field)}`;
    if (p.kind === 'number')
      return input(field, label, `inputmode="decimal" data-min="${p.min}" data-max="${p.max}"${p.required ? ' required' : ''}`, hint);
    return input(field, label, `maxlength="${p.maxLength}"${p.required ? ' required' : ''}`, hint);
  });
  const inputs = feeInputsOf(def.fee).map((i) =>
    input(`i-${i.code}`, { id: `${i.label.id} (${i.unit})`, en: `${i.label.en} (${i.unit})` }, 'inputmode="decimal" required'),
  );
  const mb = String(Math.round(f.maxBytes / 1048576));
  const files = def.requirements.map((r) => {
    const field = `berkas-${r.code}`;
    return `<label for="f-${field}">${bi(r.label)}${r.mandatory ? '' : optional}</label>
<input type="file" id="f-${field}" name="${field}" accept="application/pdf,image/jpeg,image/png" multiple${r.mandatory ? ' required' : ''}${marks(field)}>
${problem(field)}`;
  });
  const error = f.error
    ? `<div class="notice warn" role="alert"${f.retryAfter ? ` data-retry-in="${f.retryAfter}"` : ''}>${biBlock(f.error, 'p')}${
        f.problems?.length ? `<ul>${f.problems.map((p) => `<li><a href="#f-${esc(p.field)}">${bi(p.text)}</a></li>`).join('')}</ul>` : ''
      }</div>`
    : '';
  return layout(
    mpp,
    def.name,
    `<h1>${bi(def.name)}</h1>
<p>${bi(def.product)} · ${def.slaDays} ${bi(T.days)}</p>
${error}
<form method="post" action="daftar/${esc(def.code)}" enctype="multipart/form-data" class="application" data-upload data-what="permohonan|application">
<fieldset><legend>${bi(T.applicant)}</legend>
${applicant.join('\n')}
</fieldset>
${particulars.length ? `<fieldset><legend>${bi(T.object)}</legend>\n${particulars.join('\n')}\n</fieldset>` : ''}
${inputs.length ? `<fieldset><legend>${bi(T.fee)}</legend>\n${inputs.join('\n')}\n</fieldset>` : ''}
<label for="f-catatan">${bi(FIELD_LABELS.catatan)}</label>
<textarea id="f-catatan" name="catatan" maxlength="1000" rows="3">${esc(values.catatan ?? '')}</textarea>
<fieldset><legend>${bi(T.consent)}</legend>
<label class="check"><input type="checkbox" id="f-persetujuan" name="persetujuan" value="ya" required${marks('persetujuan')}> <span>${bi(FIELD_LABELS.persetujuan)}</span></label>
${problem('persetujuan')}
</fieldset>
<fieldset><legend>${bi(T.files)}</legend>
${biBlock(fill(T.filesHow, mb))}
${files.join('\n')}
</fieldset>
<button type="submit">${bi(T.send)}</button>
<p class="upload-state" role="status" aria-live="polite"></p>
</form>`,
  );
}

/** The confirmation (post, redirect, get): the draft's number and PIN, while the signed link is good. */
export function draftReceivedPage(mpp: PublicMpp, r: { number: string; pin: string; filedAt: string } | undefined, z: PageZone): string {
  if (!r)
    return layout(
      mpp,
      T.receivedTitle,
      `<h1>${bi(T.receivedTitle)}</h1>\n<div class="notice warn" role="alert">${biBlock(T.receiptExpired, 'p')}</div>`,
    );
  return layout(
    mpp,
    T.receivedTitle,
    `<h1>${bi(T.receivedTitle)}</h1>
<div class="notice ok" role="status">${biBlock(T.receivedSay, 'p')}</div>
<dl class="facts">
<dt>${bi(T.draftNumber)}</dt><dd><strong class="draft-number">${esc(r.number)}</strong></dd>
<dt>${bi(T.pin)}</dt><dd><strong class="draft-pin">${esc(r.pin)}</strong></dd>
<dt>${bi(T.filedAt)}</dt><dd>${bi(when(r.filedAt, z.zone, z.name, true))}</dd>
</dl>
<p><a href="./?nomor=${encodeURIComponent(r.number)}">${bi(T.trackIt)}</a></p>`,
  );
}

/** What became of a draft, for its applicant (number and PIN proven). */
export function draftStatusPage(mpp: PublicMpp, d: { draft: Draft; receiptPin?: string }, service: Text | undefined, z: PageZone): string {
  const { draft } = d;
  const at = (iso: string, withTime = false) => bi(when(iso, z.zone, z.name, withTime));
  let outcome: string;
  switch (draft.status) {
    case 'waiting':
    case 'accepting':
      outcome = `<div class="notice" role="status">${biBlock(T.waiting, 'p')}<p>${bi(T.expires)}: ${at(draft.expiresAt, true)}</p></div>`;
      break;
    case 'accepted':
      outcome = `<div class="notice ok" role="status">${biBlock(T.accepted, 'p')}
<dl class="facts"><dt>${bi(T.registrationNumber)}</dt><dd><strong class="registration-number">${esc(draft.registrationNumber ?? '')}</strong></dd>
<dt>${bi(T.receiptPin)}</dt><dd><strong class="receipt-pin">${esc(d.receiptPin ?? '')}</strong></dd></dl>
<form method="post" action="./"><input type="hidden" name="registrationNumber" value="${esc(draft.registrationNumber ?? '')}"><input type="hidden" name="pin" value="${esc(d.receiptPin ?? '')}"><button type="submit">${bi(T.trackIt)}</button></form></div>`;
      break;
    case 'returned':
      outcome = `<div class="notice warn" role="status">${biBlock(T.returned, 'p')}<ul>${(draft.reasons ?? []).map((r) => `<li>${esc(r)}</li>`).join('')}</ul>
<p><a href="daftar/${esc(draft.service.code)}">${bi(T.applyAgain)}</a></p></div>`;
      break;
    case 'expired':
      outcome = `<div class="notice warn" role="status">${biBlock(T.expired, 'p')}<p><a href="daftar/${esc(draft.service.code)}">${bi(T.applyAgain)}</a></p></div>`;
      break;
  }
  return layout(
    mpp,
    T.statusTitle,
    `<h1>${bi(T.statusTitle)}</h1>
<dl class="facts">
<dt>${bi(T.draftNumber)}</dt><dd><strong>${esc(draft.number)}</strong></dd>
${service ? `<dt>${bi(T.service)}</dt><dd>${bi(service)}</dd>` : ''}
<dt>${bi(T.filedAt)}</dt><dd>${at(draft.filedAt, true)}</dd>
</dl>
${outcome}`,
  );
}
