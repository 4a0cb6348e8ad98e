import type { DomainErrorCode, DossierEventType, Role } from '#berkas/domain';
import { PUBLIC_STATUS, type PublicStatus } from '#berkas/domain/public-status';

/**
 * Every word the officers' console shows, in Bahasa Indonesia first and
 * English second. Event types, statuses, roles and error codes are keyed by
 * the API's own codes and typed against the domain's lists, so a new code
 * without a translation does not compile; the console never prints a code.
 */
export type Lang = 'id' | 'en';
export interface Text {
  id: string;
  en: string;
}

export type Lifecycle = 'in-process' | 'returned' | 'issued' | 'handed-over' | 'rejected' | 'withdrawn' | 'revoked';

/** Codes the HTTP edge adds to the domain's (see ProblemDetailsFilter). */
export type EdgeErrorCode = 'SERVICE.UNAVAILABLE' | 'IDEMPOTENCY.KEY_REUSED' | 'DOSSIER.CONCURRENT_CHANGE';
export type ErrorCode = DomainErrorCode | EdgeErrorCode;

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

export const LIFECYCLE_TEXT: Record<Lifecycle, Text> = {
  'in-process': { id: 'Dalam proses', en: 'In process' },
  returned: { id: 'Menunggu perbaikan pemohon', en: 'Waiting for the applicant’s corrections' },
  issued: { id: 'Izin terbit, menunggu penyerahan', en: 'Permit issued, waiting for handover' },
  'handed-over': { id: 'Selesai diserahkan', en: 'Handed over' },
  rejected: { id: 'Ditolak', en: 'Rejected' },
  withdrawn: { id: 'Dicabut pemohon', en: 'Withdrawn' },
  revoked: { id: 'Izin dicabut', en: 'Permit revoked' },
};

export const ROLE_TEXT: Record<Role, Text> = {
  'front-desk': { id: 'Petugas loket', en: 'Front-desk officer' },
  processor: { id: 'Petugas pemroses', en: 'Desk processor' },
  supervisor: { id: 'Supervisor', en: 'Supervisor' },
  admin: { id: 'Administrator', en: 'Administrator' },
  system: { id: 'Sistem', en: 'System' },
};

/** Each refusal as a sentence that says what to do next. */
export const ERROR_TEXT: Record<ErrorCode, Text> = {
  'DOSSIER.NOT_FOUND': {
    id: 'Berkas tidak ditemukan. Periksa nomor registrasinya.',
    en: 'No such dossier. Check its registration number.',
  },
  'DOSSIER.ALREADY_REGISTERED': {
    id: 'Berkas ini sudah terdaftar. Buka berkas yang ada, jangan daftarkan lagi.',
    en: 'This dossier is already registered. Open the existing one instead of registering again.',
  },
  'DOSSIER.NOT_ACTIVE': {
    id: 'Berkas ini sudah selesai atau ditutup; tidak ada tindakan lagi.',
    en: 'This dossier is closed: nothing more can be done with it.',
  },
  'DOSSIER.NOT_AT_DESK': {
    id: 'Berkas ini tidak sedang menunggu di meja Anda. Muat ulang untuk melihat posisinya.',
    en: 'This dossier is not waiting at your desk. Reload to see where it is.',
  },
  'DOSSIER.HELD_BY_OTHER': {
    id: 'Berkas sedang dikerjakan petugas lain. Minta supervisor mengalihkannya bila perlu.',
    en: 'Another officer holds this dossier. Ask a supervisor to reassign it if needed.',
  },
  'DOSSIER.NOT_HELD': { id: 'Ambil berkas ini dulu sebelum mengerjakannya.', en: 'Take up this dossier before working on it.' },
  'DOSSIER.NOT_RETURNED': {
    id: 'Berkas ini tidak sedang menunggu perbaikan.',
    en: 'This dossier is not waiting for corrections.',
  },
  'DOSSIER.ALREADY_ISSUED': { id: 'Izin untuk berkas ini sudah terbit.', en: 'The permit for this dossier is already issued.' },
  'REGISTRATION.INCOMPLETE': {
    id: 'Persyaratan wajib belum lengkap. Centang semua dokumen wajib yang diterima.',
    en: 'Mandatory requirements are missing. Tick every mandatory document received.',
  },
  'REGISTRATION.UNKNOWN_REQUIREMENT': {
    id: 'Ada persyaratan yang tidak dikenal layanan ini. Muat ulang formulir.',
    en: 'A requirement is not part of this service. Reload the form.',
  },
  'REGISTRATION.MISSING_INPUT': {
    id: 'Isian untuk perhitungan retribusi belum lengkap.',
    en: 'A value needed for the fee is missing.',
  },
  'REGISTRATION.NIB_REQUIRED': {
    id: 'Layanan ini untuk badan usaha: isi NIB pemohon (13 digit dari OSS).',
    en: "This service is for businesses: enter the applicant's NIB (13 digits from OSS).",
  },
  'REGISTRATION.NO_CONTACT': {
    id: 'Untuk menerima pemberitahuan, isi nomor telepon atau alamat e-mail pemohon.',
    en: "To receive notices, enter the applicant's phone number or e-mail address.",
  },
  'SERVICE.UNKNOWN': { id: 'Layanan tidak dikenal. Pilih layanan dari daftar.', en: 'Unknown service. Choose one from the list.' },
  'STEP.WRONG_KIND': {
    id: 'Tindakan ini bukan untuk tahap berkas saat ini.',
    en: 'This action does not belong to the dossier’s current step.',
  },
  'STEP.OUTCOME_NOT_ALLOWED': {
    id: 'Keputusan ini tidak diizinkan pada tahap ini.',
    en: 'This outcome is not allowed at this step.',
  },
  'STEP.ALREADY_ANSWERED': {
    id: 'Meja Anda sudah memberi rekomendasi untuk tahap ini.',
    en: 'Your desk has already given its recommendation for this step.',
  },
  'INSPECTION.NOT_SCHEDULED': { id: 'Jadwalkan peninjauan lapangan dulu.', en: 'Schedule the site inspection first.' },
  'INSPECTION.PENDING': {
    id: 'Hasil peninjauan lapangan belum dicatat.',
    en: 'The site inspection result has not been recorded yet.',
  },
  'INSPECTION.FAILED': {
    id: 'Peninjauan lapangan tidak memenuhi syarat: kembalikan atau tolak berkas.',
    en: 'The site inspection failed: return or reject the dossier.',
  },
  'FEE.NOT_ASSESSED': { id: 'Retribusi belum ditetapkan.', en: 'The fee has not been assessed.' },
  'FEE.ALREADY_ASSESSED': { id: 'Retribusi sudah ditetapkan untuk berkas ini.', en: 'The fee is already assessed.' },
  'FEE.NOT_PAID': {
    id: 'Retribusi belum lunas. Catat pembayarannya dulu.',
    en: 'The fee is not fully paid. Record the payment first.',
  },
  'FEE.OVERPAYMENT': { id: 'Jumlah melebihi sisa tagihan. Periksa nominalnya.', en: 'The amount exceeds what is due. Check it.' },
  'FEE.DUPLICATE_PAYMENT': {
    id: 'Nomor bukti bayar ini sudah dicatat.',
    en: 'This payment reference is already recorded.',
  },
  'FEE.PAYMENT_RECORDED': {
    id: 'Sudah ada pembayaran atas SKRD ini, jadi tidak dapat dibatalkan. Hubungi supervisor untuk pengembalian (restitusi).',
    en: 'A payment is recorded against this SKRD, so it cannot be cancelled. Ask a supervisor about a refund.',
  },
  'FEE.UNKNOWN_INPUT': { id: 'Ada isian retribusi yang tidak dikenal.', en: 'A fee input is not part of this service.' },
  'FEE.INPUT_OUT_OF_RANGE': {
    id: 'Isian retribusi di luar batas yang ditetapkan layanan. Periksa nilainya.',
    en: 'A fee input is outside the range the service allows. Check the value.',
  },
  'FEE.EXEMPTION_NOT_ALLOWED': {
    id: 'Layanan ini tidak mengenal pembebasan retribusi.',
    en: 'This service allows no fee exemption.',
  },
  'DECISION.NEGATIVE_RECOMMENDATION': {
    id: 'Ada rekomendasi negatif: berkas hanya dapat ditolak.',
    en: 'A recommendation was negative: the dossier can only be rejected.',
  },
  'PERMIT.NOT_ISSUED': { id: 'Hanya izin yang sudah terbit yang dapat dicabut.', en: 'Only an issued permit can be revoked.' },
  'PERMIT.ALREADY_REVOKED': { id: 'Izin ini sudah dicabut.', en: 'This permit is already revoked.' },
  'COMPLAINT.NOT_FOUND': { id: 'Pengaduan itu tidak ada pada berkas ini.', en: 'That complaint is not on this dossier.' },
  'COMPLAINT.ALREADY_ANSWERED': {
    id: 'Pengaduan ini sudah dijawab. Muat ulang halaman untuk melihat jawabannya.',
    en: 'This complaint has been answered. Reload the page to see the answer.',
  },
  'SLA.NOT_LAPSED': { id: 'Batas waktu layanan belum lewat.', en: 'The service deadline has not passed.' },
  'SLA.NOT_FIKTIF_POSITIF': {
    id: 'Layanan ini tidak berlaku fiktif positif.',
    en: 'This service has no deemed approval.',
  },
  'AUTH.ROLE': { id: 'Peran Anda tidak boleh melakukan ini.', en: 'Your role may not do this.' },
  'SERVICE.UNAVAILABLE': {
    id: 'Server sedang tidak dapat dihubungi. Tunggu sebentar lalu coba lagi; tidak ada yang tersimpan dua kali.',
    en: 'The server cannot be reached. Wait a moment and try again: nothing is saved twice.',
  },
  'IDEMPOTENCY.KEY_REUSED': {
    id: 'Formulir ini sudah dikirim dengan isi lain. Muat ulang lalu isi lagi.',
    en: 'This form was already sent with other contents. Reload and fill it in again.',
  },
  'DOSSIER.CONCURRENT_CHANGE': {
    id: 'Berkas baru saja diubah petugas lain. Muat ulang, periksa, lalu coba lagi.',
    en: 'Someone else just changed this dossier. Reload, check it and try again.',
  },
};

/** Refusals without a code, by HTTP status. */
export const HTTP_TEXT: Record<400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503, Text> = {
  400: { id: 'Isian tidak valid. Perbaiki kolom yang ditandai.', en: 'Some fields are not valid. Correct the marked ones.' },
  401: { id: 'Sesi Anda berakhir. Silakan masuk lagi.', en: 'Your session ended. Please log in again.' },
  403: { id: 'Anda tidak diizinkan melakukan ini.', en: 'You are not allowed to do this.' },
  404: { id: 'Tidak ditemukan. Periksa nomor yang dimasukkan.', en: 'Not found. Check the number you entered.' },
  409: { id: 'Data berubah. Muat ulang lalu coba lagi.', en: 'The data changed. Reload and try again.' },
  413: { id: 'Isian terlalu besar.', en: 'What was sent is too large.' },
  422: { id: 'Permintaan ditolak oleh aturan layanan.', en: 'The service rules refused this.' },
  429: {
    id: 'Terlalu banyak percobaan. Coba lagi dalam {seconds} detik.',
    en: 'Too many attempts. Try again in {seconds} seconds.',
  },
  500: {
    id: 'Terjadi kesalahan di server. Coba lagi; bila berulang, hubungi admin.',
    en: 'Server error. Try again; if it persists, call the admin.',
  },
  503: {
    id: 'Server sedang tidak dapat dihubungi. Tunggu sebentar lalu coba lagi.',
    en: 'The server cannot be reached. Wait a moment and try again.',
  },
};

/** Field names of the API's validation errors, as the form labels them. */
export const FIELD_TEXT: Record<string, Text> = {
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi', en: 'Password' },
  service: { id: 'Layanan', en: 'Service' },
  'applicant.name': { id: 'Nama pemohon', en: 'Applicant name' },
  'applicant.nik': { id: 'NIK', en: 'NIK' },
  'applicant.phone': { id: 'Telepon', en: 'Phone' },
  requirements: { id: 'Persyaratan', en: 'Requirements' },
  inputs: { id: 'Isian retribusi', en: 'Fee inputs' },
  reasons: { id: 'Alasan', en: 'Reasons' },
  note: { id: 'Catatan', en: 'Note' },
  reference: { id: 'Nomor bukti bayar', en: 'Payment reference' },
  amount: { id: 'Jumlah', en: 'Amount' },
  q: { id: 'Pencarian', en: 'Search' },
};

/** Labels and messages of the screens. `{name}` marks a value filled in. */
export const UI = {
  appName: { id: 'Berkas: Konsol Petugas', en: 'Berkas: Officers’ console' },
  skip: { id: 'Langsung ke isi', en: 'Skip to content' },
  language: { id: 'English', en: 'Bahasa Indonesia' },
  logIn: { id: 'Masuk', en: 'Log in' },
  logOut: { id: 'Keluar', en: 'Log out' },
  username: { id: 'Nama pengguna', en: 'Username' },
  password: { id: 'Kata sandi', en: 'Password' },
  loggedInAs: { id: 'Masuk sebagai {name} ({role})', en: 'Logged in as {name} ({role})' },
  home: { id: 'Beranda', en: 'Home' },
  register: { id: 'Registrasi berkas', en: 'Register a dossier' },
  queue: { id: 'Antrean', en: 'Queue' },
  queues: { id: 'Antrean meja saya', en: 'My desks’ queues' },
  search: { id: 'Cari', en: 'Search' },
  searchPlaceholder: { id: 'Nomor registrasi, nama pemohon, atau nomor izin', en: 'Registration number, applicant name or permit number' },
  searchResults: { id: 'Hasil pencarian "{q}": {total} berkas', en: 'Results for "{q}": {total} dossiers' },
  waiting: { id: '{total} berkas menunggu', en: '{total} dossiers waiting' },
  open: { id: 'Buka', en: 'Open' },
  registrationNumber: { id: 'Nomor registrasi', en: 'Registration number' },
  service: { id: 'Layanan', en: 'Service' },
  applicant: { id: 'Pemohon', en: 'Applicant' },
  status: { id: 'Status', en: 'Status' },
  step: { id: 'Tahap', en: 'Step' },
  waitingSince: { id: 'Menunggu sejak', en: 'Waiting since' },
  stepDue: { id: 'Batas tahap', en: 'Step due' },
  due: { id: 'Perkiraan selesai', en: 'Expected completion' },
  heldBy: { id: 'Dikerjakan oleh', en: 'Held by' },
  nobody: { id: 'belum diambil', en: 'not taken' },
  overdue: { id: 'Terlambat', en: 'Overdue' },
  provisional: {
    id: 'sementara: kalender libur tahun itu belum dimuat',
    en: 'provisional: that year’s holiday calendar is not loaded yet',
  },
  sortBy: { id: 'Urutkan', en: 'Sort' },
  sortUrgent: { id: 'Paling mendesak', en: 'Most urgent' },
  sortOldest: { id: 'Paling lama menunggu', en: 'Waiting longest' },
  allServices: { id: 'Semua layanan', en: 'All services' },
  onlyOverdue: { id: 'Hanya yang terlambat', en: 'Overdue only' },
  onlyMine: { id: 'Hanya yang saya kerjakan', en: 'Held by me only' },
  onlyReturned: { id: 'Dikembalikan ke pemohon oleh meja ini', en: 'Returned to applicants by this desk' },
  previous: { id: 'Sebelumnya', en: 'Previous' },
  next: { id: 'Berikutnya', en: 'Next' },
  pageOf: { id: 'Berkas {from}–{to} dari {total}', en: 'Dossiers {from}–{to} of {total}' },
  keyboardHint: {
    id: 'Papan ketik: j/k atau panah untuk pindah, Enter untuk membuka',
    en: 'Keyboard: j/k or arrows to move, Enter to open',
  },
  empty: { id: 'Tidak ada berkas.', en: 'No dossiers.' },
  loading: { id: 'Memuat…', en: 'Loading…' },
  timeline: { id: 'Riwayat berkas', en: 'Dossier history' },
  by: { id: 'oleh {officer}', en: 'by {officer}' },
  reasons: { id: 'Alasan', en: 'Reasons' },
  note: { id: 'Catatan', en: 'Note' },
  requirementsReceived: { id: 'Persyaratan diterima', en: 'Requirements received' },
  mandatory: { id: 'wajib', en: 'mandatory' },
  notReceived: { id: 'tidak diterima', en: 'not received' },
  fee: { id: 'Retribusi', en: 'Fee' },
  total: { id: 'Jumlah', en: 'Total' },
  paid: { id: 'Dibayar', en: 'Paid' },
  outstanding: { id: 'Sisa tagihan', en: 'Outstanding' },
  timeLeftStep: { id: 'Sisa waktu tahap ini', en: 'Time left on this step' },
  timeLeftAll: { id: 'Sisa waktu keseluruhan', en: 'Time left overall' },
  daysLeft: { id: '{days} hari lagi', en: '{days} days left' },
  daysLate: { id: 'terlambat {days} hari', en: '{days} days late' },
  actions: { id: 'Tindakan', en: 'Actions' },
  noActions: { id: 'Tidak ada tindakan untuk Anda pada tahap ini.', en: 'Nothing for you to do at this step.' },
  claim: { id: 'Ambil untuk dikerjakan', en: 'Take up' },
  release: { id: 'Lepas ke antrean', en: 'Release to the queue' },
  forward: { id: 'Teruskan ke tahap berikutnya', en: 'Forward to the next step' },
  returnForCorrection: { id: 'Kembalikan untuk perbaikan', en: 'Return for correction' },
  recommendPositive: { id: 'Rekomendasi: memenuhi syarat', en: 'Recommend: meets the requirements' },
  recommendNegative: { id: 'Rekomendasi: tidak memenuhi syarat', en: 'Recommend: does not meet them' },
  assessFee: { id: 'Tetapkan retribusi (SKRD)', en: 'Assess the fee (SKRD)' },
  recordPayment: { id: 'Catat pembayaran', en: 'Record a payment' },
  issueSkrd: { id: 'Terbitkan SKRD', en: 'Issue the SKRD' },
  feePreview: { id: 'Rincian SKRD yang akan terbit', en: 'The SKRD that will be issued' },
  exemption: { id: 'Pembebasan retribusi', en: 'Fee exemption' },
  noExemption: { id: 'Tidak ada (retribusi dihitung)', en: 'None (the fee is computed)' },
  minChars: { id: 'sedikitnya {n} karakter', en: 'at least {n} characters' },
  cancelSkrd: { id: 'Batalkan SKRD untuk dikoreksi', en: 'Cancel the SKRD to correct it' },
  cancelledSkrds: { id: 'SKRD yang dibatalkan', en: 'Cancelled SKRDs' },
  approve: { id: 'Setujui', en: 'Approve' },
  reject: { id: 'Tolak permohonan', en: 'Reject the application' },
  decision: { id: 'Keputusan', en: 'Decision' },
  viewThen: { id: 'Lihat keadaan saat itu', en: 'View as it was then' },
  asOfTitle: { id: 'Keadaan berkas pada {at}, setelah: {event}', en: 'The dossier on {at}, after: {event}' },
  asOfVersion: { id: 'Peristiwa {version} dari {latest}', en: 'Event {version} of {latest}' },
  backToNow: { id: 'Kembali ke keadaan sekarang', en: 'Back to now' },
  holders: { id: 'Dikerjakan oleh', en: 'Held by' },
  supervision: { id: 'Pengawasan', en: 'Supervision' },
  dashboard: { id: 'Dasbor pengawasan', en: 'Supervisor dashboard' },
  officers: { id: 'Petugas', en: 'Officers' },
  officerName: { id: 'Nama petugas', en: 'Officer’s name' },
  role: { id: 'Peran', en: 'Role' },
  active: { id: 'Aktif', en: 'Active' },
  inactive: { id: 'Nonaktif', en: 'Deactivated' },
  changeDesks: { id: 'Ubah meja', en: 'Change desks' },
  saveDesks: { id: 'Simpan meja', en: 'Save desks' },
  deactivate: { id: 'Nonaktifkan', en: 'Deactivate' },
  reactivate: { id: 'Aktifkan lagi', en: 'Reactivate' },
  confirmDeactivate: {
    id: '{name} tidak akan dapat masuk lagi, dan sesinya berakhir pada permintaan berikutnya.',
    en: '{name} will no longer be able to log in, and their session ends on the next request.',
  },
  newOfficer: { id: 'Petugas baru', en: 'New officer' },
  createOfficer: { id: 'Buat akun', en: 'Create the account' },
  initialPassword: { id: 'Kata sandi awal (minimal 10 karakter)', en: 'First password (at least 10 characters)' },
  usernameTaken: { id: 'Nama pengguna itu sudah dipakai. Pilih yang lain.', en: 'That username is taken. Choose another.' },
  periodFrom: { id: 'Dari tanggal', en: 'From' },
  periodTo: { id: 'Sampai tanggal', en: 'To' },
  apply: { id: 'Terapkan', en: 'Apply' },
  flowPerDay: { id: 'Berkas masuk dan selesai per hari', en: 'Dossiers in and out per day' },
  registeredCount: { id: 'Masuk', en: 'In' },
  closedCount: { id: 'Selesai', en: 'Closed' },
  backlogPerDesk: { id: 'Antrean dan keterlambatan per meja', en: 'Backlog and overdue per desk' },
  openCount: { id: 'Menunggu', en: 'Waiting' },
  perDesk: { id: 'Per meja', en: 'Per desk' },
  visitsCount: { id: 'Kunjungan', en: 'Visits' },
  averageTime: { id: 'Rata-rata waktu', en: 'Average time' },
  hoursAndDays: { id: '{hours} jam ({days} hari kerja)', en: '{hours} h ({days} working days)' },
  hours: { id: 'Jam', en: 'Hours' },
  workingDays: { id: 'Hari kerja', en: 'Working days' },
  workingDaysCount: { id: '{days} hari kerja', en: '{days} working days' },
  onTimePerService: { id: 'Ketepatan waktu per layanan', en: 'On-time rate per service' },
  onTime: { id: 'Tepat waktu', en: 'On time' },
  stuckTitle: {
    id: 'Berkas macet (tidak bergerak {days} hari kerja atau lebih)',
    en: 'Stuck dossiers (no move for {days} working days or more)',
  },
  idle: { id: 'Diam selama', en: 'Idle for' },
  slowest: { id: 'Berkas terlama yang masih terbuka', en: 'Slowest open dossiers' },
  exportCsv: { id: 'Unduh CSV', en: 'Download CSV' },
  exportXlsx: { id: 'Unduh XLSX (semua tabel)', en: 'Download XLSX (every table)' },
  stuckAfter: { id: 'Macet setelah (hari kerja)', en: 'Stuck after (working days)' },
  onTimeTrend: { id: 'Ketepatan waktu dari waktu ke waktu', en: 'On-time rate over time' },
  trendUnit: { id: 'Satu titik per {unit}; titik kosong: tidak ada yang selesai.', en: 'One point per {unit}; a gap: nothing finished.' },
  unit_day: { id: 'hari', en: 'day' },
  unit_week: { id: 'minggu (mulai Senin)', en: 'week (from Monday)' },
  unit_month: { id: 'bulan', en: 'month' },
  onTimePerServiceOverTime: { id: 'Berkas selesai tepat waktu per layanan (%)', en: 'Dossiers closed on time per service (%)' },
  onTimePerDeskOverTime: { id: 'Tahap selesai tepat waktu per meja (%)', en: 'Steps finished on time per desk (%)' },
  showNumbers: { id: 'Lihat angkanya', en: 'Show the numbers' },
  timePerDesk: { id: 'Rata-rata waktu per meja (jam)', en: 'Average time per desk (hours)' },
  date: { id: 'Tanggal', en: 'Date' },
  reassign: { id: 'Alihkan ke petugas lain', en: 'Reassign to another officer' },
  reassignTo: { id: 'Petugas tujuan', en: 'Hand it to' },
  atDesk: { id: 'Meja', en: 'Desk' },
  releaseFor: { id: 'Lepas dari {name}', en: 'Release from {name}' },
  recommendReject: { id: 'Usulkan penolakan', en: 'Recommend rejection' },
  confirmRecommendReject: {
    id: 'Berkas {number} akan diteruskan ke meja keputusan dengan usulan penolakan dan alasan di atas.',
    en: 'Dossier {number} will go to the decision desk with a recommendation to reject, for the reasons above.',
  },
  rejectionRecommended: {
    id: 'Ada usulan penolakan: berkas ini hanya dapat ditolak.',
    en: 'Rejection was recommended: this dossier can only be rejected.',
  },
  sign: { id: 'Tandatangani izin', en: 'Sign the permit' },
  issue: { id: 'Terbitkan izin', en: 'Issue the permit' },
  handOver: { id: 'Serahkan izin', en: 'Hand over the permit' },
  resubmit: { id: 'Terima perbaikan', en: 'Accept the corrections' },
  withdraw: { id: 'Cabut permohonan', en: 'Withdraw the application' },
  revoke: { id: 'Cabut izin', en: 'Revoke the permit' },
  downloadPermit: { id: 'Unduh dokumen izin (PDF)', en: 'Download the permit (PDF)' },
  complaints: { id: 'Pengaduan', en: 'Complaints' },
  quarantine: { id: 'Karantina berkas', en: 'Quarantined dossiers' },
  quarantineIntro: {
    id: 'Berkas di sini tidak dapat ditampilkan atau diperbarui pada sebagian sistem karena satu peristiwanya gagal diterapkan. Berkas lain tetap berjalan. Setelah penyebabnya diperbaiki (versi baru dipasang), coba lagi.',
    en: 'These dossiers cannot be shown or updated in part of the system because one of their events failed to apply. Every other dossier goes on. Once the cause is fixed (a new release is installed), retry them.',
  },
  quarantineEmpty: { id: 'Tidak ada berkas dalam karantina.', en: 'No dossier is quarantined.' },
  quarantineTotal: { id: '{total} berkas dalam karantina', en: '{total} quarantined' },
  quarantineWarning: { id: '{total} berkas dalam karantina: lihat dan coba lagi', en: '{total} dossiers quarantined: see and retry' },
  quarantineDossier: { id: 'Berkas', en: 'Dossier' },
  quarantineEvent: { id: 'Peristiwa yang gagal', en: 'Event that failed' },
  quarantineVersion: { id: 'peristiwa ke-{version}', en: 'event no. {version}' },
  quarantineUnknownEvent: { id: 'Peristiwa yang tidak dikenal', en: 'An unknown event' },
  quarantineWhy: { id: 'Penyebab', en: 'Cause' },
  quarantineGap: {
    id: 'Ada peristiwa sebelumnya yang belum diterima bagian ini; coba lagi akan membacanya dari catatan utama.',
    en: 'An earlier event has not reached this part; a retry reads it from the main log.',
  },
  quarantineFailed: {
    id: 'Peristiwa ini tidak dapat diterapkan oleh versi yang berjalan; perlu perbaikan dari pengembang.',
    en: 'The running release cannot apply this event; it needs a fix from the developers.',
  },
  quarantineSince: { id: 'Sejak', en: 'Since' },
  quarantineAttempts: { id: '{attempts} kali dicoba, terakhir {at}', en: '{attempts} attempts, last {at}' },
  quarantineTechnical: { id: 'Rincian teknis untuk pengembang', en: 'Technical detail for the developers' },
  quarantineRetry: { id: 'Coba lagi', en: 'Retry' },
  quarantineReleased: { id: 'Berhasil: berkas kembali tampil di {what}.', en: 'Done: the dossier is back in {what}.' },
  complaintAnswered: { id: 'Pengaduan {number} dijawab.', en: 'Complaint {number} answered.' },
  complaintFiled: { id: 'Masuk {at}', en: 'Filed {at}' },
  complaintDue: { id: 'Jawab paling lambat {at}', en: 'Answer by {at}' },
  complaintAnswerLabel: {
    id: 'Jawaban untuk pemohon (tampil di halaman lacak)',
    en: 'Answer to the applicant (shown on the tracking page)',
  },
  complaintSend: { id: 'Kirim jawaban', en: 'Send the answer' },
  complaint_delay: { id: 'Keterlambatan', en: 'Delay' },
  complaint_fee: { id: 'Biaya / retribusi', en: 'Fee' },
  complaint_service: { id: 'Sikap petugas / pelayanan', en: "Officers' conduct / service" },
  complaint_requirements: { id: 'Persyaratan', en: 'Requirements' },
  complaint_other: { id: 'Lainnya', en: 'Other' },
  ikmTitle: { id: 'Indeks Kepuasan Masyarakat (SKM)', en: 'Public satisfaction index (SKM)' },
  ikmHint: {
    id: 'Dari survei pemohon dalam periode ini, dihitung menurut Permenpan RB 14/2017: nilai rata-rata tiap unsur (U1–U9), tertimbang 1/9, dikali 25.',
    en: "From applicants' surveys in this period, computed as Permenpan RB 14/2017 sets out: each element's average (U1–U9), weighted 1/9, times 25.",
  },
  ikmNone: { id: 'Belum ada jawaban survei dalam periode ini.', en: 'No survey answers in this period yet.' },
  ikmRespondents: { id: 'Responden', en: 'Respondents' },
  ikmIndex: { id: 'Nilai IKM', en: 'Index' },
  ikmGrade: { id: 'Mutu pelayanan', en: 'Service quality' },
  gradeA: { id: 'A (sangat baik)', en: 'A (very good)' },
  gradeB: { id: 'B (baik)', en: 'B (good)' },
  gradeC: { id: 'C (kurang baik)', en: 'C (fair)' },
  gradeD: { id: 'D (tidak baik)', en: 'D (poor)' },
  noticesSent: { id: 'Pemberitahuan ke pemohon', en: 'Notices to the applicant' },
  noticeWhat: { id: 'Isi', en: 'What' },
  noticeChannel: { id: 'Saluran', en: 'Channel' },
  noticeStatus: { id: 'Status', en: 'Status' },
  noticeAttempts: { id: 'Percobaan', en: 'Attempts' },
  noNotices: {
    id: 'Belum ada pemberitahuan (pemohon tidak meminta, atau belum ada kabar).',
    en: 'No notices yet (the applicant did not ask for them, or there is no news yet).',
  },
  downloadLetter: { id: 'Unduh surat penolakan (PDF)', en: 'Download the rejection letter (PDF)' },
  confirmRevoke: {
    id: 'Izin berkas {number} akan dicabut. Halaman verifikasi kode QR-nya langsung menyatakan izin tidak berlaku, dengan alasan di atas. Tindakan ini tidak dapat dibatalkan.',
    en: "The permit of dossier {number} will be revoked. Its QR code's verification page will say at once that it is no longer in force, with the reason above. This cannot be undone.",
  },
  reasonsHint: { id: 'Satu alasan per baris', en: 'One reason per line' },
  confirmTitle: { id: 'Yakin?', en: 'Are you sure?' },
  confirm: { id: 'Ya, lanjutkan', en: 'Yes, go ahead' },
  cancel: { id: 'Batal', en: 'Cancel' },
  confirmApprove: {
    id: 'Permohonan {number} akan disetujui. Keputusan ini tidak dapat dibatalkan.',
    en: 'Application {number} will be approved. This cannot be undone.',
  },
  confirmReject: {
    id: 'Permohonan {number} akan ditolak dengan alasan di atas, dan pemohon diberi tahu. Tidak dapat dibatalkan.',
    en: 'Application {number} will be rejected for the reasons above and the applicant told. This cannot be undone.',
  },
  confirmAssessFee: {
    id: 'SKRD untuk {number} akan terbit dengan total {total}, dan pemohon diminta membayar jumlah itu.',
    en: 'The SKRD for {number} will be issued for {total}, and the applicant asked to pay that amount.',
  },
  confirmCancelSkrd: {
    id: 'SKRD {skrd} akan dibatalkan dengan alasan di atas. SKRD itu tetap tercatat di riwayat; terbitkan SKRD pengganti sesudahnya.',
    en: 'SKRD {skrd} will be cancelled for the reason above. It stays in the history; issue the replacement afterwards.',
  },
  confirmSign: { id: 'Izin {number} akan ditandatangani atas nama Anda.', en: 'Permit {number} will be signed in your name.' },
  confirmIssue: {
    id: 'Izin untuk {number} akan diberi nomor dan diterbitkan. Tidak dapat dibatalkan.',
    en: 'The permit for {number} will be numbered and issued. This cannot be undone.',
  },
  confirmWithdraw: {
    id: 'Permohonan {number} akan dicabut atas permintaan pemohon. Tidak dapat dibatalkan.',
    en: 'Application {number} will be withdrawn at the applicant’s request. This cannot be undone.',
  },
  confirmForward: { id: 'Berkas {number} akan diteruskan ke tahap berikutnya.', en: 'Dossier {number} will go on to the next step.' },
  done: { id: 'Tersimpan.', en: 'Saved.' },
  reference: { id: 'Nomor bukti bayar', en: 'Payment reference' },
  amount: { id: 'Jumlah dibayar', en: 'Amount paid' },
  channel: { id: 'Cara bayar', en: 'Paid through' },
  cashier: { id: 'Kasir MPP', en: 'MPP cashier' },
  bank: { id: 'Bank / transfer', en: 'Bank transfer' },
  receivedBy: { id: 'Diterima oleh', en: 'Received by' },
  reason: { id: 'Alasan', en: 'Reason' },
  fieldProblem: { id: '{field}: {reason}', en: '{field}: {reason}' },
  // Registration
  chooseService: { id: 'Pilih layanan', en: 'Choose a service' },
  applicantName: { id: 'Nama pemohon (sesuai KTP)', en: 'Applicant name (as on the ID card)' },
  nik: { id: 'NIK (16 digit)', en: 'NIK (16 digits)' },
  phone: { id: 'Telepon untuk pemberitahuan', en: 'Phone for notices' },
  email: { id: 'E-mail untuk pemberitahuan', en: 'E-mail for notices' },
  nib: { id: 'NIB badan usaha (13 digit, bila ada)', en: 'Business NIB (13 digits, if any)' },
  nibRequired: { id: 'NIB badan usaha (13 digit)', en: 'Business NIB (13 digits)' },
  notices: { id: 'Pemberitahuan', en: 'Notices' },
  noticesConsent: {
    id: 'Pemohon setuju menerima kabar berkas ini lewat SMS, WhatsApp dan e-mail di atas',
    en: 'The applicant agrees to news of this dossier by SMS, WhatsApp and e-mail at the contacts above',
  },
  noticeLanguage: { id: 'Bahasa pemberitahuan', en: 'Language of notices' },
  bahasa: { id: 'Bahasa Indonesia', en: 'Bahasa Indonesia' },
  english: { id: 'Inggris', en: 'English' },
  noticesYes: { id: 'Ya, dalam {language}', en: 'Yes, in {language}' },
  noticesNo: { id: 'Tidak', en: 'No' },
  feeInputs: { id: 'Isian untuk retribusi', en: 'Fee inputs' },
  range: { id: 'antara {min} dan {max} {unit}', en: 'between {min} and {max} {unit}' },
  reviewBeforeSubmit: { id: 'Periksa sebelum mendaftarkan', en: 'Check before registering' },
  backToForm: { id: 'Kembali ke formulir', en: 'Back to the form' },
  submitRegistration: { id: 'Daftarkan berkas', en: 'Register the dossier' },
  continue: { id: 'Lanjut', en: 'Continue' },
  registered: { id: 'Berkas {number} terdaftar.', en: 'Dossier {number} registered.' },
  printReceipt: { id: 'Cetak tanda terima', en: 'Print the receipt' },
  receipt: { id: 'Tanda terima berkas', en: 'Dossier receipt' },
  receiptPin: { id: 'PIN pelacakan', en: 'Tracking PIN' },
  receiptTrack: {
    id: 'Lacak berkas Anda: pindai kode QR atau buka {url} dengan nomor dan PIN di atas.',
    en: 'Track your dossier: scan the QR code or open {url} with the number and PIN above.',
  },
  receiptKeep: { id: 'Simpan tanda terima ini; PIN tidak dapat dilihat lagi.', en: 'Keep this receipt: the PIN cannot be shown again.' },
  layoutA5: { id: 'A5', en: 'A5' },
  layoutThermal: { id: 'Struk 80 mm', en: '80 mm slip' },
  newRegistration: { id: 'Registrasi baru', en: 'New registration' },
  returnedQueue: { id: 'Menunggu perbaikan pemohon', en: 'Waiting for the applicant’s corrections' },
  returnedBy: { id: 'Dikembalikan oleh', en: 'Returned by' },
  nikInvalid: {
    id: 'NIK harus 16 digit dengan kode wilayah dan tanggal lahir yang sah',
    en: 'NIK must be 16 digits with a valid region and birth date',
  },
  phoneInvalid: {
    id: 'Nomor ponsel (08… atau +628…) atau telepon kantor dengan kode wilayah (021…)',
    en: 'A mobile number (08… or +628…) or a landline with its area code (021…)',
  },
  required: { id: 'Wajib diisi', en: 'Required' },
  emailInvalid: { id: 'Alamat e-mail tidak sah (contoh: nama@domain.id)', en: 'Not an e-mail address (e.g. name@domain.id)' },
  nibInvalid: { id: 'NIB harus 13 digit, sesuai dokumen NIB dari OSS', en: 'NIB must be 13 digits, as on the NIB from OSS' },
  noticesNeedContact: {
    id: 'Isi telepon atau e-mail agar pemberitahuan dapat dikirim',
    en: 'Enter a phone or an e-mail so notices can be sent',
  },
  outOfRange: { id: 'Harus {range}', en: 'Must be {range}' },
} satisfies Record<string, Text>;
export type UiKey = keyof typeof UI;

/** Fills `{name}` placeholders. */
export function fill(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

export function text(t: Text, lang: Lang, params?: Record<string, string | number>): string {
  return fill(t[lang], params);
}

/** Rupiah as people write it: Rp 2.250.000 in Bahasa, Rp 2,250,000 in English. */
export function rupiah(amount: number, lang: Lang): string {
  return `Rp ${Math.round(amount).toLocaleString(lang === 'id' ? 'id-ID' : 'en-US')}`;
}

/**
 * Formatters are built once per language, style and zone: building one costs
 * far more than formatting with it, and a queue page formats a date per row.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(lang: Lang, zone: string, style: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${zone}|${style.dateStyle}|${style.timeStyle ?? ''}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { ...style, timeZone: zone })));
  return f;
}

/** Date and time in the MPP's zone, as officers read them. */
export function dateTime(iso: string, lang: Lang, zone = 'Asia/Jakarta'): string {
  return formatter(lang, zone, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

export function date(iso: string, lang: Lang, zone = 'Asia/Jakarta'): string {
  return formatter(lang, zone, { dateStyle: 'long' }).format(new Date(iso));
}

export interface Problem {
  status: number;
  code?: string;
  errors?: { field: string; reason: string }[];
  retryAfter?: number;
}

/** A problem+json answer as a sentence in the officer's language, with what to do. */
export function problemText(p: Problem, lang: Lang): string {
  if (p.code && p.code in ERROR_TEXT) return ERROR_TEXT[p.code as ErrorCode][lang];
  const status = (p.status in HTTP_TEXT ? p.status : p.status >= 500 ? 500 : 422) as keyof typeof HTTP_TEXT;
  const head = text(HTTP_TEXT[status], lang, { seconds: p.retryAfter ?? 60 });
  if (!p.errors?.length) return head;
  const other = lang === 'id' ? 'isian lain' : 'another field';
  const fields = p.errors.map((e) => (FIELD_TEXT[e.field] ?? FIELD_TEXT[e.field.split('.')[0]])?.[lang] ?? other);
  return `${head} (${[...new Set(fields)].join(', ')})`;
}
