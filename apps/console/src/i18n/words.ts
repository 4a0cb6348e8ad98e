import type { Lifecycle } from '#berkas/read-models/views';
import type { DossierEventType, Role } from '#berkas/domain';
import { PUBLIC_STATUS, type PublicStatus } from '#berkas/domain/public-status';

/**
 * Every word the officers' console shows, in Bahasa Indonesia first and
 * English second. Event types, statuses, roles and error codes are keyed by
 * the API's own codes and typed against the domain's lists, so a new code
 * without a translation does not compile; the console never prints a code.
 * This file: the words for the domain's codes (events, notices, statuses, roles).
 */
export type Lang = 'id' | 'en';
export interface Text {
  id: string;
  en: string;
}

export type { Lifecycle };

/** What happened, for the timeline. */
export const EVENT_TEXT: Record<DossierEventType, Text> = {
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
};

/** What the applicant was told (the notices of D33). */
export const NOTICE_TEXT = {
  registered: { id: 'Berkas diterima', en: 'Dossier received' },
  returned: { id: 'Perlu perbaikan', en: 'Corrections needed' },
  'fee-due': { id: 'Retribusi perlu dibayar', en: 'Fee due' },
  approved: { id: 'Disetujui', en: 'Approved' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  ready: { id: 'Izin siap diambil', en: 'Permit ready' },
  'deemed-approved': { id: 'Dianggap disetujui', en: 'Deemed approved' },
  'handed-over': { id: 'Izin diserahkan', en: 'Permit handed over' },
  revoked: { id: 'Izin dicabut', en: 'Permit revoked' },
  expiring: { id: 'Pengingat: izin segera habis masa berlakunya', en: 'Reminder: the permit expires soon' },
  escalation: { id: 'Peringatan tenggat kepada supervisor', en: 'Deadline warning to supervisors' },
} satisfies Record<string, Text>;

export const DELIVERY_TEXT = {
  pending: { id: 'Menunggu dikirim', en: 'Waiting to be sent' },
  retrying: { id: 'Gagal, akan dicoba lagi', en: 'Failed, will try again' },
  sent: { id: 'Terkirim', en: 'Sent' },
  logged: { id: 'Hanya dicatat di log, tidak dikirim (belum ada saluran)', en: 'Written to the log only, not sent (no channel set up)' },
  superseded: { id: 'Tidak dikirim: sudah ada pemberitahuan yang lebih baru', en: 'Not sent: a newer notice replaced it' },
  failed: { id: 'Gagal, tidak dicoba lagi', en: 'Failed, no more attempts' },
} satisfies Record<string, Text>;

export const VIA_TEXT = {
  smtp: { id: 'E-mail', en: 'E-mail' },
  whatsapp: { id: 'WhatsApp', en: 'WhatsApp' },
  sms: { id: 'SMS', en: 'SMS' },
  log: { id: 'Belum ada saluran (dicatat di log)', en: 'No channel set up (written to the log)' },
  email: { id: 'E-mail', en: 'E-mail' },
  phone: { id: 'Telepon', en: 'Phone' },
} satisfies Record<string, Text>;

/** The public's words for a status, the same the tracking page shows. */
export const STATUS_TEXT: Record<PublicStatus, Text> = PUBLIC_STATUS;

/** Who acted when no officer did: the applicant online (issue 22) and the public page's complaints intake. */
export const SYSTEM_ACTOR_TEXT: Record<string, Text> = {
  'applicant-online': { id: 'Pemohon (daring)', en: 'Applicant (online)' },
  'system-complaints': { id: 'Pengaduan dari halaman publik', en: 'Complaint from the public page' },
};

export const ROLE_TEXT: Record<Role, Text> = {
  'front-desk': { id: 'Petugas loket', en: 'Front-desk officer' },
  processor: { id: 'Petugas pemroses', en: 'Desk processor' },
  supervisor: { id: 'Supervisor', en: 'Supervisor' },
  admin: { id: 'Administrator', en: 'Administrator' },
  system: { id: 'Sistem', en: 'System' },
};
