import type { DossierEvent } from './dossier-events.js';

/** What the public sees of a dossier's state, in Bahasa Indonesia first and English second. */
export const PUBLIC_STATUS = {
  'in-process': { id: 'Sedang diproses', en: 'In process' },
  returned: { id: 'Dikembalikan untuk perbaikan', en: 'Returned for correction' },
  'awaiting-payment': { id: 'Menunggu pembayaran retribusi', en: 'Awaiting fee payment' },
  'ready-for-collection': { id: 'Izin terbit, siap diambil', en: 'Permit issued, ready for collection' },
  completed: { id: 'Selesai, izin telah diserahkan', en: 'Completed, permit handed over' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  withdrawn: { id: 'Dicabut oleh pemohon', en: 'Withdrawn by the applicant' },
  revoked: { id: 'Izin dicabut oleh penerbit', en: 'Permit revoked by the issuer' },
} as const;
export type PublicStatus = keyof typeof PUBLIC_STATUS;

const WORK_STEPS = new Set(['review', 'parallel-review', 'fee']);
/** Rupiah as each language writes it: Rp 1.500.000 and Rp 1,500,000 (the public pages, the notices and the timeline). */
export const rupiah = (amount: number): { id: string; en: string } => ({
  id: `Rp ${Math.round(amount).toLocaleString('id-ID')}`,
  en: `Rp ${Math.round(amount).toLocaleString('en-US')}`,
});

/**
 * Timeline lines for the public: what happened, never who did it. Undefined:
 * not shown publicly. `step` is the label of the step the event names, so a
 * dossier moving from desk to desk leaves a line at each move.
 */
export function publicTimelineText(
  event: DossierEvent,
  step?: { label: { id: string; en: string }; kind: string },
): { id: string; en: string } | undefined {
  switch (event.type) {
    case 'DossierRegistered':
      return { id: 'Berkas lengkap dan diregistrasi', en: 'Dossier complete and registered' };
    case 'StepStarted':
      // The first step starts with the registration, which has its line.
      return event.data.stepIndex > 0 && step
        ? { id: `Berkas masuk ke tahap: ${step.label.id}`, en: `Moved on to: ${step.label.en}` }
        : undefined;
    case 'StepCompleted':
      if (event.data.outcome === 'reject')
        return { id: 'Rekomendasi penolakan diteruskan ke pengambil keputusan', en: 'Rejection recommended to the decision maker' };
      // Decision, signature, issuance and handover end with a line of their own (approved, signed, …).
      return step && WORK_STEPS.has(step.kind) ? { id: `Tahap selesai: ${step.label.id}`, en: `Step done: ${step.label.en}` } : undefined;
    case 'DossierReturnedForCorrection':
      return { id: 'Berkas dikembalikan untuk perbaikan', en: 'Dossier returned for correction' };
    case 'CorrectionsResubmitted':
      return { id: 'Perbaikan diterima dan diteruskan ke meja', en: 'Corrections received and sent back to the desk' };
    case 'InspectionScheduled':
      return {
        id: `Tinjau lapangan dijadwalkan ${event.data.scheduledFor}`,
        en: `Site inspection scheduled for ${event.data.scheduledFor}`,
      };
    case 'InspectionRecorded':
      return { id: 'Hasil tinjau lapangan dicatat', en: 'Site inspection report recorded' };
    case 'RecommendationRecorded':
      return { id: 'Rekomendasi teknis diberikan', en: 'Technical recommendation given' };
    case 'FeeAssessed':
      return { id: `SKRD ${event.data.skrdNumber} terbit`, en: `Fee bill (SKRD) ${event.data.skrdNumber} issued` };
    case 'FeeAssessmentCancelled':
      return {
        id: `SKRD ${event.data.skrdNumber} dibatalkan; SKRD pengganti akan diterbitkan`,
        en: `Fee bill (SKRD) ${event.data.skrdNumber} cancelled; a replacement will be issued`,
      };
    case 'PaymentRecorded':
      return event.data.outstanding > 0
        ? {
            id: `Pembayaran ${rupiah(event.data.amount).id} diterima; sisa ${rupiah(event.data.outstanding).id}`,
            en: `Payment of ${rupiah(event.data.amount).en} received; ${rupiah(event.data.outstanding).en} still to pay`,
          }
        : {
            id: `Pembayaran ${rupiah(event.data.amount).id} diterima; retribusi lunas`,
            en: `Payment of ${rupiah(event.data.amount).en} received; the fee is paid in full`,
          };
    case 'PaymentCorrected':
      return {
        id: `Catatan pembayaran dikoreksi menjadi ${rupiah(event.data.amount).id}; ${event.data.outstanding > 0 ? `sisa ${rupiah(event.data.outstanding).id}` : 'retribusi lunas'}`,
        en: `Payment record corrected to ${rupiah(event.data.amount).en}; ${event.data.outstanding > 0 ? `${rupiah(event.data.outstanding).en} still to pay` : 'the fee is paid in full'}`,
      };
    case 'DossierApproved':
      return { id: 'Permohonan disetujui', en: 'Application approved' };
    case 'DossierRejected':
      return { id: 'Permohonan ditolak', en: 'Application rejected' };
    case 'PermitSigned':
      return { id: 'Izin ditandatangani secara elektronik', en: 'Permit signed electronically' };
    case 'PermitIssued':
      return { id: 'Izin terbit dan siap diambil', en: 'Permit issued and ready for collection' };
    case 'PermitHandedOver':
      return { id: 'Izin diserahkan kepada pemohon', en: 'Permit handed over to the applicant' };
    case 'DossierWithdrawn':
      return { id: 'Permohonan dicabut', en: 'Application withdrawn' };
    case 'ComplaintFiled':
      return { id: `Pengaduan ${event.data.complaintNumber} diterima`, en: `Complaint ${event.data.complaintNumber} received` };
    case 'ComplaintAnswered':
      return event.data.duplicateOf
        ? {
            id: `Pengaduan ${event.data.complaintNumber} ditutup: sama dengan pengaduan ${event.data.duplicateOf}`,
            en: `Complaint ${event.data.complaintNumber} closed: the same as complaint ${event.data.duplicateOf}`,
          }
        : { id: `Pengaduan ${event.data.complaintNumber} dijawab`, en: `Complaint ${event.data.complaintNumber} answered` };
    case 'PermitRevoked':
      return {
        id: `Izin ${event.data.permitNumber} dicabut: ${event.data.reason}`,
        en: `Permit ${event.data.permitNumber} revoked: ${event.data.reason}`,
      };
    case 'DossierDeemedApproved':
      return {
        id: 'Batas waktu layanan terlampaui: permohonan dianggap disetujui (fiktif positif)',
        en: 'Service deadline lapsed: application deemed approved (fiktif positif)',
      };
    case 'ReceiptReprinted':
      // Said to the applicant too: a receipt printed for someone else would show here.
      return { id: 'Tanda terima dicetak ulang di loket MPP', en: 'Receipt printed again at the MPP counter' };
    case 'DepositRefunded':
      return {
        id: `${event.data.label.id}: ${rupiah(event.data.amount).id} dikembalikan`,
        en: `${event.data.label.en}: ${rupiah(event.data.amount).en} refunded`,
      };
    case 'RetentionApplied':
      // Years after closing: the records office's business, not a move of the dossier.
      return undefined;
    case 'DocumentAttached':
      // The applicant sees their files through the counter; a file's arrival is not a move of the dossier.
      return undefined;
    case 'DossierSentBack':
      // The applicant sees the desk it went back to (the StepStarted's line); the reasons are the desks' own.
      return { id: 'Berkas dikembalikan ke meja sebelumnya untuk diperiksa ulang', en: 'Sent back to an earlier desk to be checked again' };
    case 'DossierMigrated':
      return {
        id: `Berkas kini diproses menurut ketentuan layanan terbaru (versi ${event.data.to.version})`,
        en: `Now processed under the service's current rules (version ${event.data.to.version})`,
      };
    case 'DossierStepRepaired':
      return event.data.repeat
        ? { id: 'Tahap ini diulang oleh petugas', en: 'This step is being done again' }
        : { id: 'Tahap berkas disesuaikan oleh petugas', en: 'The dossier was moved to another step by an officer' };
    case 'DossierClaimed':
    case 'DossierReleased':
    case 'DossierReassigned':
      return undefined;
  }
}
