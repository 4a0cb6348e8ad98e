import type { DomainErrorCode } from '#berkas/domain';
import { fill } from './format.js';
import type { Lang, Text } from './words.js';

// The words for what went wrong: the domain's refusals by code, HTTP statuses, the fields a form names.

/** Codes the HTTP edge adds to the domain's (see ProblemDetailsFilter). */
export type EdgeErrorCode =
  | 'SERVICE.UNAVAILABLE'
  | 'IDEMPOTENCY.KEY_REUSED'
  | 'DOSSIER.CONCURRENT_CHANGE'
  | 'AUTH.WRONG_CREDENTIALS'
  | 'AUTH.LOCKED'
  | 'AUTH.DEACTIVATED'
  | 'AUTH.SESSION_ENDED'
  | 'AUTH.PASSWORD_CHANGE_REQUIRED'
  | 'AUTH.WRONG_PASSWORD'
  | 'DOSSIER.NOT_YOURS_TO_READ'
  | 'AUTH.OVERSEER_AGGREGATES_ONLY'
  | 'DOCUMENT.TOO_LARGE'
  | 'DOCUMENT.UNSUPPORTED_TYPE'
  | 'DOCUMENT.BROKEN'
  | 'DOCUMENT.ENCRYPTED'
  | 'DOCUMENT.ACTIVE_CONTENT'
  | 'DOCUMENT.INFECTED'
  | 'DOCUMENT.CHECK_UNAVAILABLE'
  | 'DOCUMENT.DISPOSED'
  | 'DRAFT.NOT_FOUND'
  | 'DRAFT.NOT_WAITING'
  | 'CATALOGUE.DRAFT_EXISTS'
  | 'CATALOGUE.CODE_TAKEN'
  | 'CALENDAR.NATIONAL_HOME_ONLY'
  | 'CATALOGUE.NO_DRAFT'
  | 'CATALOGUE.DRAFT_CHANGED';
export type ErrorCode = DomainErrorCode | EdgeErrorCode;

const SESSION_ENDED: Text = { id: 'Sesi Anda berakhir. Silakan masuk lagi.', en: 'Your session ended. Please log in again.' };

/** Each refusal as a sentence that says what to do next. */
export const ERROR_TEXT: Record<ErrorCode, Text> = {
  'CATALOGUE.DRAFT_EXISTS': {
    id: 'Layanan ini sudah memiliki draf. Lanjutkan menyunting draf itu, atau buang dulu.',
    en: 'This service already has a draft. Go on editing it, or discard it first.',
  },
  'CATALOGUE.CODE_TAKEN': {
    id: 'MPP ini sudah membuka layanan dengan kode itu. Pilih kode lain, atau sesuaikan layanan itu.',
    en: 'This MPP already offers a service with that code. Choose another code, or adapt that service.',
  },
  'CALENDAR.NATIONAL_HOME_ONLY': {
    id: 'Kalender nasional diterbitkan oleh administrator MPP induk yang menjalankan penerapan ini.',
    en: 'The national calendar is published by the administrators of the home MPP, who run this deployment.',
  },
  'CATALOGUE.NO_DRAFT': { id: 'Layanan ini tidak memiliki draf.', en: 'This service has no draft.' },
  'CATALOGUE.DRAFT_CHANGED': {
    id: 'Draf diubah orang lain sejak Anda membukanya. Muat ulang, periksa, lalu terbitkan.',
    en: 'Someone changed the draft since you opened it. Reload, check it, then publish.',
  },
  'STEP.NOT_EARLIER': {
    id: 'Berkas hanya dapat dikembalikan ke tahap pemeriksaan sebelumnya yang telah dilaluinya.',
    en: 'A dossier can only be sent back to an earlier review step it passed.',
  },
  'REPAIR.UNKNOWN_STEP': { id: 'Tahap itu tidak ada dalam layanan berkas ini.', en: 'The dossier’s service has no such step.' },
  'REPAIR.ALREADY_DECIDED': {
    id: 'Berkas sudah disetujui: ia hanya dapat berada di tahap tanda tangan atau penerbitan.',
    en: 'The dossier is approved: it can only be at signature or issuance.',
  },
  'REPAIR.NOT_DECIDED': {
    id: 'Berkas belum diputuskan: ia tidak dapat ditandatangani, diterbitkan atau diserahkan.',
    en: 'The dossier has no decision yet: it cannot be signed, issued or handed over.',
  },
  'REPAIR.NOT_ISSUED': {
    id: 'Hanya izin yang sudah terbit yang menunggu di penyerahan.',
    en: 'Only an issued permit waits at the handover.',
  },
  'MIGRATION.SAME_VERSION': { id: 'Berkas sudah mengikuti versi ini.', en: 'The dossier already follows this version.' },
  'MIGRATION.UNKNOWN_VERSION': { id: 'Versi layanan itu belum diterbitkan.', en: 'That version of the service has not been published.' },
  'MIGRATION.STEP_UNMAPPED': {
    id: 'Tahap berkas saat ini tidak ada pada versi baru: pilih tahap padanannya.',
    en: 'The dossier’s current step is not in the new version: choose the step it maps to.',
  },
  'MIGRATION.STEP_NOT_TAKEN': {
    id: 'Menurut data berkas ini, tahap tujuan tidak dilalui pada versi baru. Pilih tahap lain.',
    en: 'By this dossier’s data the new version does not take the target step. Choose another.',
  },
  'MIGRATION.ALREADY_DECIDED': {
    id: 'Berkas sudah disetujui: petakan ke tahap tanda tangan atau penerbitan.',
    en: 'The dossier is approved: map it to signature or issuance.',
  },
  'MIGRATION.NOT_DECIDED': {
    id: 'Berkas belum diputuskan: petakan ke tahap sebelum atau pada keputusan.',
    en: 'The dossier has no decision yet: map it to a step up to the decision.',
  },
  'MIGRATION.NOT_ISSUED': {
    id: 'Hanya izin yang sudah terbit yang menunggu di penyerahan.',
    en: 'Only an issued permit waits at the handover.',
  },
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
  'REGISTRATION.UNKNOWN_PARTICULAR': {
    id: 'Ada isian data permohonan yang tidak dikenal layanan ini. Muat ulang formulir.',
    en: 'A particular is not part of this service. Reload the form.',
  },
  'REGISTRATION.MISSING_PARTICULAR': {
    id: 'Data permohonan wajib belum diisi.',
    en: 'A required particular of the application is missing.',
  },
  'REGISTRATION.INVALID_PARTICULAR': {
    id: 'Ada data permohonan yang tidak sesuai ketentuan. Periksa isian yang ditandai.',
    en: 'A particular of the application is not valid. Check the marked field.',
  },
  'REGISTRATION.UNKNOWN_VARIANT': {
    id: 'Jenis permohonan ini tidak tersedia untuk layanan ini.',
    en: 'This kind of application is not offered for this service.',
  },
  'REGISTRATION.PREVIOUS_PERMIT_REQUIRED': {
    id: 'Perpanjangan atau perubahan memerlukan nomor izin sebelumnya.',
    en: 'A renewal or amendment needs the previous permit number.',
  },
  'REGISTRATION.PREVIOUS_PERMIT_NOT_EXPECTED': {
    id: 'Permohonan baru tidak mencantumkan izin sebelumnya.',
    en: 'A new application does not name a previous permit.',
  },
  'REGISTRATION.PREVIOUS_PERMIT_INVALID': {
    id: 'Izin sebelumnya tidak dapat dipakai: bukan izin layanan ini, milik NIK lain, tidak ditemukan, atau sudah dicabut.',
    en: 'The previous permit cannot be used: another service, another NIK, not found, or revoked.',
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
  'AUTH.SEPARATION_OF_DUTIES': {
    id: 'Anda sudah menangani tahap lain berkas ini (verifikasi, keputusan atau tanda tangan); tahap ini harus dikerjakan petugas lain.',
    en: 'You handled another duty on this dossier (verification, decision or signature): this one must be done by another officer.',
  },
  'INSPECTION.DATE_PASSED': {
    id: 'Tanggal tinjau lapangan sudah lewat. Pilih hari ini atau tanggal sesudahnya.',
    en: 'The inspection date has passed. Choose today or a later date.',
  },
  'INSPECTION.NOT_A_WORKING_DAY': {
    id: 'Tanggal itu bukan hari kerja (libur atau cuti bersama). Pilih hari kerja.',
    en: 'That date is not a working day (a holiday or collective leave). Choose a working day.',
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
  'FEE.REFERENCE_USED_ELSEWHERE': {
    id: 'Nomor bukti bayar ini sudah dicatat pada berkas lain: satu transfer hanya melunasi satu SKRD. Periksa nomornya.',
    en: 'This payment reference is already recorded on another dossier: one transfer settles one SKRD. Check the number.',
  },
  'FEE.PAYMENT_NOT_FOUND': {
    id: 'Pembayaran dengan nomor bukti dan saluran itu tidak tercatat pada SKRD ini. Periksa riwayat pembayaran.',
    en: 'No payment with that reference and channel is recorded on this SKRD. Check the payment history.',
  },
  'FEE.PAYMENT_SETTLED': {
    id: 'Berkas sudah lewat meja retribusi; pembayaran tidak dapat dikoreksi lagi. Selesaikan dengan restitusi atau SKRD baru.',
    en: 'The dossier has left the fee desk, so the payment can no longer be corrected. Settle it with a refund or a new bill.',
  },
  'FEE.CORRECTION_UNCHANGED': {
    id: 'Jumlah koreksi sama dengan yang tercatat; tidak ada yang diubah.',
    en: 'The corrected amount is the one already recorded: nothing to change.',
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
  'FEE.NO_DEPOSIT': { id: 'Tagihan berkas ini tidak memuat uang jaminan.', en: 'This dossier was billed no deposit.' },
  'FEE.DEPOSIT_NOT_PAID': {
    id: 'Uang jaminan belum dibayar lunas, jadi tidak ada yang dikembalikan.',
    en: 'The deposit was not paid in full, so there is nothing to refund.',
  },
  'FEE.DEPOSIT_HELD': {
    id: 'Uang jaminan ditahan selama berkas masih diproses.',
    en: 'The deposit is held while the dossier is still being worked on.',
  },
  'FEE.DEPOSIT_REFUNDED': { id: 'Uang jaminan ini sudah dikembalikan.', en: 'This deposit has already been refunded.' },
  'FEE.NO_TARIFF': {
    id: 'Tarif daerah untuk tahun ini (SHST, indeks lokalitas, atau tarif pajak) belum ditetapkan di konfigurasi. Hubungi administrator.',
    en: "This year's regional tariff (SHST, locality index or tax rate) is not configured yet. Contact the administrator.",
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
  'COMPLAINT.NOT_A_DUPLICATE': {
    id: 'Pilih pengaduan lain pada berkas yang sama sebagai aslinya.',
    en: 'Choose another complaint of the same dossier as the original.',
  },
  'DOCUMENT.UNKNOWN_REQUIREMENT': {
    id: 'Layanan ini tidak meminta persyaratan itu. Muat ulang halaman.',
    en: 'This service does not ask for that requirement. Reload the page.',
  },
  'DOCUMENT.NOT_FOUND': {
    id: 'Berkas yang akan diganti bukan berkas terkini persyaratan ini. Muat ulang halaman.',
    en: 'The file to replace is not a current file of this requirement. Reload the page.',
  },
  'DOCUMENT.DOSSIER_FULL': {
    id: 'Berkas-berkas dokumen ini sudah mencapai batas ukurannya. Ganti berkas lama daripada menambah, atau perkecil hasil pindaian.',
    en: "This dossier's files have reached their size limit. Replace an old file rather than adding one, or scan smaller.",
  },
  'DOCUMENT.TOO_LARGE': {
    id: 'Berkas terlalu besar. Pindai dengan resolusi lebih rendah (150–200 dpi cukup) lalu unggah lagi.',
    en: 'The file is too large. Scan at a lower resolution (150–200 dpi is enough) and upload it again.',
  },
  'DOCUMENT.UNSUPPORTED_TYPE': {
    id: 'Isi berkas bukan PDF, JPEG atau PNG. Simpan sebagai salah satunya lalu unggah lagi.',
    en: 'The file is not a PDF, JPEG or PNG by its content. Save it as one of them and upload it again.',
  },
  'DOCUMENT.BROKEN': {
    id: 'Berkas rusak atau terpotong sehingga tidak dapat dibaca utuh. Pindai atau simpan ulang, lalu unggah lagi.',
    en: 'The file is damaged or cut off and cannot be read whole. Scan or save it again, then upload it again.',
  },
  'DOCUMENT.ENCRYPTED': {
    id: 'PDF ini dikunci (dienkripsi). Simpan ulang tanpa kata sandi atau proteksi, lalu unggah lagi.',
    en: 'This PDF is encrypted. Save it again without a password or protection, then upload it again.',
  },
  'DOCUMENT.ACTIVE_CONTENT': {
    id: 'PDF ini berisi JavaScript atau perintah menjalankan program. Cetak ulang ke PDF baru ("Print to PDF"), lalu unggah hasilnya.',
    en: 'This PDF carries JavaScript or a launch action. Print it to a new PDF ("Print to PDF") and upload that.',
  },
  'DOCUMENT.INFECTED': {
    id: 'Pemindai virus menemukan ancaman dalam berkas ini; berkas tidak disimpan. Jangan pakai berkas itu dan laporkan ke petugas TI.',
    en: 'The virus scanner found a threat in this file; it was not kept. Do not use that file and tell IT.',
  },
  'DOCUMENT.DISPOSED': {
    id: 'Berkas ini sudah dimusnahkan karena masa simpannya habis (jadwal retensi arsip).',
    en: 'This file was disposed of: its retention period ran out (the records retention schedule).',
  },
  'DOCUMENT.CHECK_UNAVAILABLE': {
    id: 'Pemeriksaan berkas sedang tidak dapat dijalankan, jadi berkas belum diterima. Coba lagi sebentar lagi atau hubungi petugas TI.',
    en: 'The file checks cannot run right now, so the file was not accepted. Try again shortly or tell IT.',
  },
  'DRAFT.NOT_FOUND': {
    id: 'Permohonan daring itu tidak ada, atau bukan untuk meja Anda.',
    en: 'That online application does not exist, or is not for your desk.',
  },
  'DRAFT.NOT_WAITING': {
    id: 'Permohonan daring ini sudah diputuskan petugas lain atau sudah kedaluwarsa. Muat ulang daftarnya.',
    en: 'This online application was already decided by another officer, or expired. Reload the list.',
  },
  'RETENTION.NOT_DUE': {
    id: 'Masa simpan berkas-berkas ini belum habis.',
    en: "The files' retention period has not run out.",
  },
  'SLA.NOT_LAPSED': { id: 'Batas waktu layanan belum lewat.', en: 'The service deadline has not passed.' },
  'SLA.NOT_FIKTIF_POSITIF': {
    id: 'Layanan ini tidak berlaku fiktif positif.',
    en: 'This service has no deemed approval.',
  },
  'AUTH.ROLE': { id: 'Peran Anda tidak boleh melakukan ini.', en: 'Your role may not do this.' },
  'AUTH.OVERSEER_AGGREGATES_ONLY': {
    id: 'Pengawas wilayah hanya membaca angka gabungan antar-MPP, bukan berkas.',
    en: 'An overseer reads only the figures across MPPs, not dossiers.',
  },
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
  'AUTH.WRONG_CREDENTIALS': {
    id: 'Nama pengguna atau kata sandi salah. Periksa huruf besar-kecil, lalu coba lagi.',
    en: 'Wrong username or password. Check upper and lower case, then try again.',
  },
  'AUTH.LOCKED': {
    id: 'Terlalu banyak kata sandi salah untuk akun ini dari komputer ini. Coba lagi dalam {minutes} menit, atau minta administrator mengatur ulang kata sandi.',
    en: 'Too many wrong passwords for this account from this computer. Try again in {minutes} minutes, or ask an administrator to reset the password.',
  },
  'AUTH.DEACTIVATED': {
    id: 'Akun ini sudah dinonaktifkan. Hubungi administrator MPP bila Anda masih bertugas.',
    en: 'This account is deactivated. Contact the MPP administrator if you are still on duty.',
  },
  'AUTH.SESSION_ENDED': SESSION_ENDED,
  'AUTH.PASSWORD_CHANGE_REQUIRED': {
    id: 'Ganti kata sandi sementara Anda lebih dulu.',
    en: 'Choose your own password first.',
  },
  'DOSSIER.NOT_YOURS_TO_READ': {
    id: 'Berkas ini belum pernah sampai di meja Anda, jadi datanya tidak dapat dibuka. Permintaan ini tercatat di log akses.',
    en: 'This dossier has never reached your desk, so its data cannot be opened. The request is recorded in the access log.',
  },
  'AUTH.WRONG_PASSWORD': {
    id: 'Kata sandi saat ini salah. Tidak ada yang diubah.',
    en: 'The current password is wrong. Nothing was changed.',
  },
};

/** What a refusal's details add to its sentence, when the API sent every value the words name. */
export const ERROR_DETAIL_TEXT: Partial<Record<ErrorCode, Text>> = {
  'FEE.REFERENCE_USED_ELSEWHERE': { id: 'Berkas yang memakainya: {registrationNumber}.', en: 'Dossier holding it: {registrationNumber}.' },
};

/** Refusals without a code, by HTTP status. */
export const HTTP_TEXT: Record<400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503, Text> = {
  400: { id: 'Isian tidak valid. Perbaiki kolom yang ditandai.', en: 'Some fields are not valid. Correct the marked ones.' },
  401: SESSION_ENDED,
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
  newPassword: { id: 'Kata sandi baru', en: 'New password' },
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
  reason: { id: 'Alasan', en: 'Reason' },
  effectiveFrom: { id: 'Berlaku mulai', en: 'Takes effect on' },
  definition: { id: 'Definisi layanan', en: 'Service definition' },
  toStepId: { id: 'Tahap tujuan', en: 'To the step' },
  toVersion: { id: 'Versi tujuan', en: 'Target version' },
};

export interface Problem {
  status: number;
  code?: string;
  errors?: { field: string; reason: string }[];
  retryAfter?: number;
  details?: Record<string, unknown>;
}

function withDetails(code: ErrorCode, sentence: string, details: Record<string, unknown> | undefined, lang: Lang): string {
  const more = ERROR_DETAIL_TEXT[code]?.[lang];
  if (!more || !details) return sentence;
  const names = [...more.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
  const values = Object.fromEntries(names.map((n) => [n, details[n]]));
  const complete = names.every((n) => (typeof values[n] === 'string' ? values[n] !== '' : typeof values[n] === 'number'));
  return complete ? `${sentence} ${fill(more, values as Record<string, string | number>)}` : sentence;
}

/** A problem+json answer as a sentence in the officer's language, with what to do. */
export function problemText(p: Problem, lang: Lang): string {
  const wait = { seconds: p.retryAfter ?? 60, minutes: Math.max(1, Math.ceil((p.retryAfter ?? 60) / 60)) };
  if (p.code && p.code in ERROR_TEXT)
    return withDetails(p.code as ErrorCode, fill(ERROR_TEXT[p.code as ErrorCode][lang], wait), p.details, lang);
  const status = (p.status in HTTP_TEXT ? p.status : p.status >= 500 ? 500 : 422) as keyof typeof HTTP_TEXT;
  const head = fill(HTTP_TEXT[status][lang], wait);
  if (!p.errors?.length) return head;
  const other = lang === 'id' ? 'isian lain' : 'another field';
  const fields = p.errors.map((e) => (FIELD_TEXT[e.field] ?? FIELD_TEXT[e.field.split('.')[0]])?.[lang] ?? other);
  return `${head} (${[...new Set(fields)].join(', ')})`;
}
