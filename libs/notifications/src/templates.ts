import { rupiah } from '#berkas/domain/public-status';
import type { MppProfile } from '#berkas/platform';
import type { NoticeKind } from '#berkas/read-models';
import type { Label } from '#berkas/domain';

export interface Message {
  subject: string;
  text: string;
  /**
   * For channels that send approved templates (WhatsApp's business-initiated
   * messages): the notice kind, the language, and the body parameters, each
   * one line: {{1}} the registration number, {{2}} what happened (the
   * subject), {{3}} the tracking link.
   */
  template?: { kind: string; language: 'id' | 'en'; parameters: string[] };
}

/** A date as the applicant reads it, in the MPP's zone. */
const day = (iso: string, lang: 'id' | 'en') =>
  new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
    timeZone: 'Asia/Jakarta',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(iso));

const list = (items: unknown) => (Array.isArray(items) ? items.map((r) => `- ${String(r)}`).join('\n') : '');

/**
 * The words of each notice, in the applicant's language (Bahasa unless they
 * chose English): what happened, what to do, where to look. Plain text: an SMS,
 * a WhatsApp message and an e-mail all carry it.
 */
export function renderNotice(
  kind: NoticeKind,
  params: Record<string, unknown>,
  o: {
    language: string;
    registrationNumber: string;
    mpp: MppProfile;
    trackingUrl: string;
    /** The officers' console (the public site's root, whichever MPP's pages `trackingUrl` is); default: `trackingUrl`'s. */
    consoleUrl?: string;
  },
): Message {
  const lang = o.language === 'en' ? 'en' : 'id';
  const service = (params.service as Label | undefined)?.[lang] ?? '';
  const n = o.registrationNumber;
  const track =
    lang === 'id'
      ? `Lacak berkas Anda: ${o.trackingUrl}?nomor=${n} (dengan PIN pada tanda terima).`
      : `Track your dossier: ${o.trackingUrl}?nomor=${n} (with the PIN on your receipt).`;
  const sign = `${o.mpp.name} · ${o.mpp.phone}`;
  // What the MPP added to this notice of the service (issue 23): after the notice's own words, before the link.
  const note = (params.note as Label | undefined)?.[lang];
  const say = (subject: Label, body: Label): Message => ({
    subject: `${subject[lang]} (${n})`,
    text: `${body[lang]}${note ? `\n\n${note}` : ''}\n\n${track}\n${sign}`,
    template: { kind, language: lang, parameters: [n, subject[lang], `${o.trackingUrl}?nomor=${n}`] },
  });
  switch (kind) {
    case 'registered':
      return say(
        { id: 'Berkas diterima', en: 'Dossier received' },
        {
          id: `Berkas ${service} Anda terdaftar dengan nomor ${n}. Kami kabari setiap ada perkembangan.`,
          en: `Your ${service} dossier is registered as ${n}. We will tell you at every step.`,
        },
      );
    case 'returned':
      return say(
        { id: 'Berkas perlu diperbaiki', en: 'Your dossier needs corrections' },
        {
          id: `Berkas ${n} dikembalikan untuk perbaikan:\n${list(params.reasons)}\n${o.mpp.corrections.id}`,
          en: `Dossier ${n} was returned for corrections:\n${list(params.reasons)}\n${o.mpp.corrections.en}`,
        },
      );
    case 'fee-due': {
      const payBy = params.payBy ? day(String(params.payBy), lang) : undefined;
      // A tax (pajak reklame) is billed with an SKPD, a levy with an SKRD.
      const tax = params.document === 'SKPD';
      const bill = tax ? 'SKPD' : 'SKRD';
      return say(tax ? { id: 'Pajak perlu dibayar', en: 'A tax is due' } : { id: 'Retribusi perlu dibayar', en: 'A fee is due' }, {
        id: `${tax ? 'Pajak' : 'Retribusi'} berkas ${n}: ${rupiah(Number(params.amount)).id}, ${bill} ${String(params.skrdNumber)}.${payBy ? ` Bayar paling lambat ${payBy}.` : ''} Cara membayar: ${o.mpp.paymentChannels.map((c) => c.name.id).join('; ')}.`,
        en: `${tax ? 'Tax' : 'Fee'} for dossier ${n}: ${rupiah(Number(params.amount)).en}, ${bill} ${String(params.skrdNumber)}.${payBy ? ` Pay by ${payBy}.` : ''} How to pay: ${o.mpp.paymentChannels.map((c) => c.name.en).join('; ')}.`,
      });
    }
    case 'approved':
      return say(
        { id: 'Permohonan disetujui', en: 'Application approved' },
        {
          id: `Permohonan ${service} Anda (${n}) disetujui. Izin sedang ditandatangani dan diterbitkan.`,
          en: `Your ${service} application (${n}) is approved. The permit is being signed and issued.`,
        },
      );
    case 'rejected':
      return say(
        { id: 'Permohonan ditolak', en: 'Application rejected' },
        {
          id: `Permohonan ${n} ditolak (surat ${String(params.letterNumber)}):\n${list(params.reasons)}\nSurat penolakan dapat diunduh dari halaman lacak.`,
          en: `Application ${n} was rejected (letter ${String(params.letterNumber)}):\n${list(params.reasons)}\nThe rejection letter can be downloaded from the tracking page.`,
        },
      );
    case 'ready':
      return say(
        { id: 'Izin siap diambil', en: 'Your permit is ready' },
        {
          // The dossier's own number first: the permit's (PBG/2026/000001) reads like another registration number.
          id: `Berkas ${n}: izin Anda siap diambil (nomor izin ${String(params.permitNumber)}). ${o.mpp.collection.id}`,
          en: `Dossier ${n}: your permit is ready for collection (permit number ${String(params.permitNumber)}). ${o.mpp.collection.en}`,
        },
      );
    case 'deemed-approved':
      return say(
        { id: 'Permohonan dianggap disetujui', en: 'Application deemed approved' },
        {
          id: `Batas waktu layanan berkas ${n} terlewati tanpa keputusan, sehingga permohonan Anda dianggap disetujui menurut undang-undang (fiktif positif).`,
          en: `The service deadline for dossier ${n} passed without a decision, so the law deems your application approved (fiktif positif).`,
        },
      );
    case 'handed-over':
      return say(
        { id: 'Izin telah diserahkan', en: 'Permit handed over' },
        {
          id: `Izin untuk berkas ${n} telah diserahkan. Terima kasih; mohon nilai layanan kami di halaman lacak.`,
          en: `The permit for dossier ${n} has been handed over. Thank you; please rate our service on the tracking page.`,
        },
      );
    case 'expiring': {
      const until = day(String(params.validUntil), lang);
      return say(
        { id: 'Izin segera habis masa berlakunya', en: 'Your permit expires soon' },
        {
          id: `Izin ${String(params.permitNumber)} (${service}) berlaku sampai ${until}. Ajukan perpanjangan di MPP sebelum tanggal itu, dengan membawa nomor izin ini.`,
          en: `Permit ${String(params.permitNumber)} (${service}) is valid until ${until}. Apply for renewal at the MPP before then, bringing this permit number.`,
        },
      );
    }
    case 'escalation': {
      // To a supervisor, not the applicant: no tracking link and PIN, but where to look in the console.
      const due = new Intl.DateTimeFormat('id-ID', {
        timeZone: 'Asia/Jakarta',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(String(params.dueAt)));
      const step = (params.step as Label | undefined)?.id ?? '-';
      const what =
        params.escalation === 'overdue'
          ? `melewati tenggat tahap "${step}" (${due})`
          : params.escalation === 'due-soon'
            ? `mendekati tenggat tahap "${step}" (${due})`
            : `akan dianggap disetujui (fiktif positif) pada ${due} bila belum diputuskan`;
      const subject = 'Peringatan tenggat';
      const desks = Array.isArray(params.desks) && params.desks.length ? ` Meja: ${params.desks.join(', ')}.` : '';
      return {
        subject: `${subject} (${n})`,
        text: `Berkas ${n} (${service}) ${what}.${desks}\nBuka di konsol petugas: ${o.consoleUrl ?? o.trackingUrl}konsol/berkas/${String(params.dossierId)}\n${sign}`,
      };
    }
    case 'revoked':
      return say(
        { id: 'Izin dicabut', en: 'Permit revoked' },
        {
          id: `Izin ${String(params.permitNumber)} dicabut: ${String(params.reason)}`,
          en: `Permit ${String(params.permitNumber)} was revoked: ${String(params.reason)}`,
        },
      );
  }
}
