import type { Label } from '../catalogue/service-definition.js';
import type { DossierEventType } from './dossier-events.js';

/**
 * What happened, in Bahasa Indonesia and English, for every event type: the
 * console's timeline and the records office's archive (the event trail's PDF)
 * say the same. Typed against the event list, so a new event without words
 * does not compile. No imports beyond types: the console's bundle reads it.
 */
export const EVENT_TEXT: Record<DossierEventType, Label> = {
  DossierRegistered: { id: 'Berkas diterima di loket', en: 'Dossier received at the front desk' },
  StepStarted: { id: 'Berkas masuk ke tahap', en: 'Dossier entered the step' },
  StepCompleted: { id: 'Tahap selesai', en: 'Step completed' },
  DossierClaimed: { id: 'Berkas diambil untuk dikerjakan', en: 'Dossier taken up' },
  DossierReleased: { id: 'Berkas dilepas kembali ke antrean', en: 'Dossier released to the queue' },
  DossierReassigned: { id: 'Berkas dialihkan ke petugas lain', en: 'Dossier reassigned to another officer' },
  DossierReturnedForCorrection: { id: 'Dikembalikan ke pemohon untuk perbaikan', en: 'Returned to the applicant for correction' },
  CorrectionsResubmitted: { id: 'Perbaikan diterima dari pemohon', en: 'Corrections received from the applicant' },
  InspectionScheduled: { id: 'Peninjauan lapangan dijadwalkan', en: 'Site inspection scheduled' },
  InspectionRecorded: { id: 'Hasil peninjauan lapangan dicatat', en: 'Site inspection result recorded' },
  RecommendationRecorded: { id: 'Rekomendasi teknis dicatat', en: 'Technical recommendation recorded' },
  FeeAssessed: { id: 'Retribusi ditetapkan (SKRD terbit)', en: 'Fee assessed (SKRD issued)' },
  FeeAssessmentCancelled: { id: 'SKRD dibatalkan untuk dikoreksi', en: 'SKRD cancelled for correction' },
  PaymentRecorded: { id: 'Pembayaran dicatat', en: 'Payment recorded' },
  PaymentCorrected: { id: 'Pembayaran dikoreksi supervisor', en: 'Payment corrected by a supervisor' },
  ReceiptReprinted: { id: 'Tanda terima dicetak ulang', en: 'Receipt printed again' },
  DepositRefunded: { id: 'Uang jaminan dikembalikan kepada pemohon', en: 'Deposit refunded to the applicant' },
  DossierApproved: { id: 'Permohonan disetujui', en: 'Application approved' },
  DossierRejected: { id: 'Permohonan ditolak', en: 'Application rejected' },
  PermitSigned: { id: 'Izin ditandatangani', en: 'Permit signed' },
  PermitIssued: { id: 'Izin diterbitkan', en: 'Permit issued' },
  PermitHandedOver: { id: 'Izin diserahkan kepada pemohon', en: 'Permit handed over to the applicant' },
  DossierWithdrawn: { id: 'Permohonan dicabut', en: 'Application withdrawn' },
  DossierDeemedApproved: { id: 'Dianggap disetujui (fiktif positif)', en: 'Deemed approved (SLA lapsed)' },
  PermitRevoked: { id: 'Izin dicabut oleh penerbit', en: 'Permit revoked by the issuer' },
  ComplaintFiled: { id: 'Pengaduan diterima dari pemohon', en: 'Complaint received from the applicant' },
  ComplaintAnswered: { id: 'Pengaduan dijawab', en: 'Complaint answered' },
  DocumentAttached: { id: 'Dokumen persyaratan dilampirkan', en: 'Requirement document attached' },
  DossierSentBack: { id: 'Berkas dikembalikan ke meja sebelumnya', en: 'Dossier sent back to an earlier desk' },
  DossierMigrated: { id: 'Berkas dipindahkan ke versi layanan yang baru', en: 'Dossier moved to another version of its service' },
  DossierStepRepaired: { id: 'Tahap berkas diperbaiki oleh supervisor', en: 'Dossier step repaired by a supervisor' },
  RetentionApplied: {
    id: 'Masa simpan habis: berkas persyaratan dimusnahkan sesuai jadwal retensi',
    en: 'Retention ran out: the requirement files were disposed of by the retention schedule',
  },
};

/** Who acted when no officer did: the applicant online (issue 22) and the public page's complaints intake. */
export const SYSTEM_ACTOR_TEXT: Record<string, Label> = {
  'applicant-online': { id: 'Pemohon (daring)', en: 'Applicant (online)' },
  'system-complaints': { id: 'Pengaduan dari halaman publik', en: 'Complaint from the public page' },
  'system-retention': { id: 'Jadwal retensi arsip', en: 'Records retention schedule' },
};
