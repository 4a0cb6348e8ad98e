import type { PermitVerification } from '../tracking-lookups.js';
import { bi, biBlock, esc, when, type Text } from './html.js';
import { layout, type PageZone, type PublicMpp } from './layout.js';

const T = {
  title: { id: 'Verifikasi Izin', en: 'Permit verification' },
  valid: { id: 'Izin ini asli dan berlaku', en: 'This permit is genuine and in force' },
  revoked: { id: 'Izin ini telah DICABUT dan tidak berlaku lagi', en: 'This permit has been REVOKED and is no longer in force' },
  revokedOn: { id: 'Dicabut pada', en: 'Revoked on' },
  reason: { id: 'Alasan', en: 'Reason' },
  number: { id: 'Nomor izin', en: 'Permit number' },
  service: { id: 'Jenis izin', en: 'Kind of permit' },
  holder: { id: 'Pemegang izin', en: 'Holder' },
  issued: { id: 'Tanggal terbit', en: 'Issued on' },
  issuer: { id: 'Penerbit', en: 'Issuer' },
  signedBy: { id: 'Ditandatangani secara elektronik oleh', en: 'Signed electronically by' },
  signedOn: { id: 'Ditandatangani pada', en: 'Signed on' },
  certificate: { id: 'Penerbit sertifikat', en: 'Certificate issued by' },
  fingerprint: { id: 'Sidik jari berkas PDF (SHA-256)', en: 'PDF file fingerprint (SHA-256)' },
  unsigned: { id: 'Tanda tangan', en: 'Signature' },
  unsignedText: {
    id: 'Izin ini terbit sebelum izin ditandatangani secara elektronik di dalam berkasnya.',
    en: 'This permit was issued before permits were signed electronically inside their file.',
  },
  demo: {
    id: 'Ditandatangani dengan sertifikat DEMO, bukan sertifikat elektronik resmi: dokumen ini tidak sah.',
    en: 'Signed with a DEMO certificate, not an official electronic certificate: this document is not valid.',
  },
  check: {
    id: 'Cocokkan nomor izin dan nama pemegang pada dokumen dengan data di atas. Bila berbeda, dokumen itu bukan yang diterbitkan MPP ini.',
    en: 'Check that the permit number and holder on the document match the above. If they differ, the document is not the one this MPP issued.',
  },
} satisfies Record<string, Text>;

/** What a QR code on a permit leads to: whether it is genuine and in force, for anyone holding the paper. */
export function verificationPage(mpp: PublicMpp, v: PermitVerification, z: PageZone): string {
  const at = (iso: string) => bi(when(iso, z.zone, z.name));
  const verdict = v.revoked
    ? `<section class="notice warn" role="status"><h1>${bi(T.revoked)}</h1>
<p>${bi(T.revokedOn)}: ${at(v.revoked.at)}</p><p>${bi(T.reason)}: ${esc(v.revoked.reason)}</p></section>`
    : `<section class="notice ok" role="status"><h1>${bi(T.valid)}</h1></section>`;
  return layout(
    mpp,
    T.title,
    `<p class="kicker">${bi(T.title)}</p>
${verdict}
<dl class="facts">
<dt>${bi(T.number)}</dt><dd><strong>${esc(v.permitNumber)}</strong></dd>
<dt>${bi(T.service)}</dt><dd>${bi(v.service)}</dd>
<dt>${bi(T.holder)}</dt><dd>${esc(v.holder)}</dd>
<dt>${bi(T.issued)}</dt><dd>${at(v.issuedAt)}</dd>
<dt>${bi(T.issuer)}</dt><dd>${esc(mpp.government)}</dd>
${
  v.signature
    ? `<dt>${bi(T.signedBy)}</dt><dd><strong>${esc(v.signature.official.name)}</strong><br>${esc(v.signature.official.title)}</dd>
<dt>${bi(T.signedOn)}</dt><dd>${at(v.signature.signedAt)}</dd>
<dt>${bi(T.certificate)}</dt><dd>${esc(v.signature.certificateIssuer)}</dd>
<dt>${bi(T.fingerprint)}</dt><dd><code class="hash">${esc(v.signature.sha256)}</code></dd>`
    : `<dt>${bi(T.unsigned)}</dt><dd>${bi(T.unsignedText)}</dd>`
}
</dl>
${v.signature?.demo ? `<section class="notice warn" role="note">${biBlock(T.demo, 'p')}</section>` : ''}
${biBlock(T.check, 'p', ' class="small"')}`,
  );
}

/** A code nobody issued (or a mistyped one), too many checks, or an outage: said in both languages. */
export function verificationProblem(mpp: PublicMpp, status: number, message: Text): string {
  const unknown = {
    id: `Kode tidak dikenal: dokumen dengan kode ini tidak diterbitkan oleh ${mpp.name}, atau kodenya salah ketik.`,
    en: `Unknown code: no document with this code was issued by ${mpp.name}, or the code was mistyped.`,
  };
  return layout(
    mpp,
    T.title,
    `<p class="kicker">${bi(T.title)}</p>
<section class="notice warn" role="alert">${biBlock(status === 404 ? unknown : message, 'h1')}</section>`,
  );
}
