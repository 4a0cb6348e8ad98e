import type { Lifecycle } from '#berkas/read-models/views';
import type { Role } from '#berkas/domain';
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

export { EVENT_TEXT, SYSTEM_ACTOR_TEXT } from '#berkas/domain/event-text';

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

export const ROLE_TEXT: Record<Role, Text> = {
  'front-desk': { id: 'Petugas loket', en: 'Front-desk officer' },
  processor: { id: 'Petugas pemroses', en: 'Desk processor' },
  supervisor: { id: 'Supervisor', en: 'Supervisor' },
  admin: { id: 'Administrator', en: 'Administrator' },
  system: { id: 'Sistem', en: 'System' },
  overseer: { id: 'Pengawas wilayah', en: 'Regional overseer' },
};
