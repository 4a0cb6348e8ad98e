import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { Actor, DossierCommand, Role } from '#berkas/domain';
import { START, type EventStore } from '#berkas/event-store';
import { hashSecret } from '#berkas/platform';
import type { DocumentNumbers } from '../application/document-numbers.js';
import type { PermitSigning } from '../application/permit-signing.js';
import type { DossierCommandService } from '../application/dossier-command.service.js';
import { draftPin } from '#berkas/documents';
import type { FileStore } from '#berkas/files';
import { fileDraft } from '#berkas/public-inbox';
import type { SqlDatabase } from '#berkas/sql';
import { demoScan } from './demo-files.js';
import type { OfficerRepository } from '../auth/officer.repository.js';

export const DEMO_PASSWORD = 'demo123';

const DEMO_OFFICERS: { username: string; name: string; role: Role; desks: string[] }[] = [
  { username: 'loket', name: 'Rina Loket', role: 'front-desk', desks: ['front-office'] },
  { username: 'verifikator', name: 'Agus Verifikator', role: 'processor', desks: ['back-office'] },
  { username: 'verifikator2', name: 'Lina Verifikator', role: 'processor', desks: ['back-office'] },
  { username: 'tpa', name: 'Ir. Sari (TPA)', role: 'processor', desks: ['tpa'] },
  { username: 'pupr', name: 'Dedi (Dinas PUPR)', role: 'processor', desks: ['dinas-pupr'] },
  { username: 'damkar', name: 'Rudi (Damkar)', role: 'processor', desks: ['damkar'] },
  { username: 'reklame', name: 'Yusuf (Tim Reklame)', role: 'processor', desks: ['tim-reklame'] },
  { username: 'dinkes', name: 'dr. Maya (Dinkes)', role: 'processor', desks: ['dinkes'] },
  { username: 'kasir', name: 'Wati (Retribusi)', role: 'processor', desks: ['retribusi'] },
  { username: 'kabid', name: 'Hendra (Kabid)', role: 'processor', desks: ['kabid'] },
  { username: 'kadis', name: 'Drs. Bambang (Kadis)', role: 'processor', desks: ['kepala-dinas'] },
  { username: 'tu', name: 'Nur (Tata Usaha)', role: 'processor', desks: ['tata-usaha'] },
  { username: 'supervisor', name: 'Ratna (Kepala MPP)', role: 'supervisor', desks: [] },
  { username: 'admin', name: 'Admin Berkas', role: 'admin', desks: [] },
];

/** In the home MPP only, when the deployment serves several: a national overseer, who reads the figures across them. */
const DEMO_OVERSEER = { username: 'pengawas', name: 'Pak Joko (Pengawas Nasional)', role: 'overseer' as const, desks: [] };

export interface DemoSummary {
  officers: { username: string; password: string; role: Role; desks: string[] }[];
  /** `tenant`: registered at another MPP than the home one (its pages live under its code). */
  dossiers: { registrationNumber: string; pin: string; service: string; stage: string; tenant?: string }[];
}

/**
 * Demo accounts, and on an empty store a handful of dossiers at different
 * stages, made through the same command path as real work.
 */
export async function seedDemo(deps: {
  /** The MPP whose demo officers and dossiers these are (the home tenant). */
  tenant: string;
  /** The deployment's other MPPs: the same demo accounts in each (issue 23). */
  otherTenants?: string[];
  service: DossierCommandService;
  numbers: DocumentNumbers;
  officers: OfficerRepository;
  store: EventStore;
  now: () => string;
  /** false: accounts only (tests). */
  dossiers?: boolean;
  /** Signs demo permits as the signing desk does (PAdES with the demo certificate). */
  signing?: PermitSigning;
  /** Where an online application waiting for the front desk is filed, with its scans (issue 22). */
  drafts?: { db: SqlDatabase; files: FileStore; pinSecret: string; expiryDays: number };
}): Promise<DemoSummary> {
  const actors = new Map<string, Actor>();
  /** The other MPPs' demo officers, as they act in their own MPP. */
  const elsewhere = new Map<string, Map<string, Actor>>();
  // One password for every demo account: hashed once, not once per account and tenant (scrypt is slow on purpose).
  let passwordHash: string | undefined;
  // The same demo accounts in every MPP of the deployment; the home tenant's keep the ids they always had.
  for (const tenant of [deps.tenant, ...(deps.otherTenants ?? [])])
    for (const o of tenant === deps.tenant && deps.otherTenants?.length ? [...DEMO_OFFICERS, DEMO_OVERSEER] : DEMO_OFFICERS) {
      const officerId = tenant === deps.tenant ? `officer-${o.username}` : `officer-${tenant}-${o.username}`;
      // An account an administrator has changed since (deactivated, new desks) stays as they left it.
      if (!(await deps.officers.findById(officerId)))
        await deps.officers.save({
          officerId,
          tenant,
          username: o.username,
          name: o.name,
          role: o.role,
          desks: o.desks,
          passwordHash: (passwordHash ??= await hashSecret(DEMO_PASSWORD)),
          active: true,
          tokenVersion: 1,
          mustChangePassword: false,
        });
      if (tenant === deps.tenant) actors.set(o.username, { officerId, role: o.role, desks: o.desks });
      else {
        if (!elsewhere.has(tenant)) elsewhere.set(tenant, new Map());
        elsewhere.get(tenant)!.set(o.username, { officerId, role: o.role, desks: o.desks, tenant });
      }
    }
  const summary: DemoSummary = {
    officers: [...DEMO_OFFICERS, ...(deps.otherTenants?.length ? [DEMO_OVERSEER] : [])].map((o) => ({
      username: o.username,
      password: DEMO_PASSWORD,
      role: o.role,
      desks: o.desks,
    })),
    dossiers: [],
  };
  if (deps.dossiers === false || (await deps.store.readAll(START, 1)).length) return summary;

  const run = async (id: string, who: string, type: DossierCommand['type'], data: object) => {
    const command = { type, data, metadata: { commandId: randomUUID(), actor: actors.get(who)!, at: deps.now() } } as DossierCommand;
    return command.type === 'SignPermit' && deps.signing ? deps.signing.sign(id, command) : deps.service.execute(id, command);
  };
  const act = async (id: string, who: string, type: DossierCommand['type'], data: object) => {
    await run(id, who, 'ClaimDossier', {});
    return run(id, who, type, data);
  };
  const register = async (
    service: string,
    name: string,
    nik: string,
    requirements: string[],
    application: { inputs?: Record<string, number>; particulars: Record<string, string | number> },
    stage: string,
    /** Another MPP's front desk registers it there. */
    tenant?: string,
  ) => {
    const id = randomUUID();
    const outcome = await deps.service.execute(
      id,
      {
        type: 'RegisterDossier',
        // The command path numbers the dossier.
        data: {
          dossierId: id,
          // A business (the billboard company) gives its NIB; a person does not have one.
          // With consent to notices: `npm start` logs what it would send them (no channel is set up in the demo).
          applicant: {
            name,
            nik,
            phone: '081234567890',
            email: `${name
              .toLowerCase()
              .replace(/[^a-z]+/g, '.')
              .replace(/^\.|\.$/g, '')}@example.id`,
            notices: true,
            ...(service === 'reklame' ? { nib: '9120001234567' } : {}),
          },
          requirements,
          inputs: application.inputs ?? {},
          particulars: application.particulars,
        },
        metadata: { commandId: randomUUID(), actor: (tenant ? elsewhere.get(tenant) : actors)!.get('loket')!, at: deps.now() },
      },
      { serviceCode: service },
    );
    const registrationNumber = outcome.number!;
    summary.dossiers.push({ registrationNumber, pin: deps.numbers.pin(id), service, stage, ...(tenant ? { tenant } : {}) });
    return id;
  };
  const pbgDocs = ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'];
  // A house, as the counter takes it down for PBG (the fee reads function, complexity, permanence, floors, ownership).
  const house = (address: string, floors: number) => ({
    'alamat-bangunan': address,
    fungsi: 'hunian',
    kompleksitas: 'sederhana',
    permanensi: 'permanen',
    'jumlah-lantai': floors,
    kepemilikan: 'perorangan',
  });
  const pbgInputs = { inputs: { 'luas-lantai': 120 }, particulars: house('Jl. Merdeka No. 10, Sumur Bandung, Bandung', 2) };
  const practice = (facility: string, address: string, str: string) => ({
    particulars: { 'alamat-praktik': address, 'nama-fasyankes': facility, 'nomor-str': str },
  });

  await register('pbg', 'Budi Santoso', '3273011508800001', pbgDocs, pbgInputs, 'verifikasi (back office)');

  const review = await register(
    'pbg',
    'Siti Aminah',
    '3273015203850002',
    pbgDocs,
    { inputs: { 'luas-lantai': 250 }, particulars: { ...house('Jl. Cihampelas No. 45, Coblong, Bandung', 3), fungsi: 'usaha' } },
    'konsultasi teknis: TPA sudah, PUPR menunggu',
  );
  await act(review, 'verifikator', 'CompleteStep', { outcome: 'forward' });
  await act(review, 'tpa', 'RecordRecommendation', { positive: true, note: 'Sesuai standar teknis' });

  const returned = await register('pbg', 'Andi Wijaya', '3171012002900003', pbgDocs, pbgInputs, 'dikembalikan untuk perbaikan');
  await act(returned, 'verifikator', 'ReturnForCorrection', {
    reasons: ['Gambar struktur belum ditandatangani tenaga ahli', 'Salinan sertifikat tanah tidak terbaca'],
  });

  const billboard = await register(
    'reklame',
    'PT Cahaya Iklan',
    '3273010101750004',
    ['ktp', 'nib', 'desain-reklame', 'denah-lokasi'],
    {
      inputs: { 'luas-reklame': 8, 'jumlah-muka': 2, durasi: 12 },
      particulars: { 'lokasi-reklame': 'Jl. Asia Afrika No. 8, Bandung', 'kelas-lokasi': 'kelas-a', 'jenis-reklame': 'papan' },
    },
    'menunggu pembayaran pajak reklame (SKPD)',
  );
  await act(billboard, 'verifikator', 'CompleteStep', { outcome: 'forward' });
  await act(billboard, 'reklame', 'CompleteStep', { outcome: 'forward', note: 'Lokasi sesuai zona reklame' });
  await act(billboard, 'kasir', 'AssessFee', {});

  const sip = await register(
    'sip-dokter',
    'dr. Rahmat Hidayat',
    '3273012710880005',
    ['ktp', 'str', 'surat-sehat', 'surat-tempat-praktik', 'pas-foto'],
    practice('Klinik Pratama Sehat Sentosa', 'Jl. Ir. H. Juanda No. 112, Coblong, Bandung', 'STR-3273-0001-2019'),
    'izin terbit, siap diambil',
  );
  await act(sip, 'verifikator', 'CompleteStep', { outcome: 'forward' });
  await act(sip, 'dinkes', 'CompleteStep', { outcome: 'forward' });
  await act(sip, 'kabid', 'ApproveDossier', { verificationCode: deps.numbers.verificationCode() });
  await act(sip, 'kadis', 'SignPermit', {});
  await act(sip, 'tu', 'IssuePermit', {});

  // Handed over: the page offers the survey and the permit's copy; and one rejected, with its letter.
  const done = await register(
    'sip-dokter',
    'dr. Maya Sari',
    '3273014411900006',
    ['ktp', 'str', 'surat-sehat', 'surat-tempat-praktik', 'pas-foto'],
    practice('RSUD Kota Contoh', 'Jl. Pasteur No. 38, Sukajadi, Bandung', 'STR-3273-0002-2020'),
    'izin diserahkan (survei terbuka)',
  );
  await act(done, 'verifikator', 'CompleteStep', { outcome: 'forward' });
  await act(done, 'dinkes', 'CompleteStep', { outcome: 'forward' });
  await act(done, 'kabid', 'ApproveDossier', { verificationCode: deps.numbers.verificationCode() });
  await act(done, 'kadis', 'SignPermit', {});
  await act(done, 'tu', 'IssuePermit', {});
  await run(done, 'loket', 'HandOverPermit', { receivedBy: 'dr. Maya Sari' });

  const refused = await register('pbg', 'Joko Susilo', '3273010507700007', pbgDocs, pbgInputs, 'ditolak (surat penolakan)');
  await act(refused, 'verifikator', 'CompleteStep', { outcome: 'reject', reasons: ['KDB melebihi ketentuan RTRW'] });
  await act(refused, 'kabid', 'RejectDossier', { reasons: ['KDB melebihi ketentuan RTRW'] });
  // A high-rise: PBG v3's branch takes it to the technical consultation with the fire service (issue 23).
  const tower = await register(
    'pbg',
    'PT Graha Merdeka',
    '3273011210790008',
    pbgDocs,
    { inputs: { 'luas-lantai': 4800 }, particulars: { ...house('Jl. Soekarno-Hatta No. 590, Bandung', 12), fungsi: 'usaha' } },
    'gedung tinggi: konsultasi teknis bersama Damkar',
  );
  await act(tower, 'verifikator', 'CompleteStep', { outcome: 'forward' });
  if (deps.drafts) summary.dossiers.push(await seedDraft(deps.drafts, deps.tenant, deps.now()));
  // Each other MPP: a house waiting for its own back office, due by its own calendar and zone (WITA in the demo).
  for (const tenant of elsewhere.keys())
    await register(
      'pbg',
      'I Wayan Sudarma',
      '5171010101800003',
      pbgDocs,
      { inputs: { 'luas-lantai': 90 }, particulars: house('Jl. Gatot Subroto Barat No. 7, Denpasar Utara, Denpasar', 1) },
      'verifikasi (back office)',
      tenant,
    );
  return summary;
}

/** An online application handed in this morning, waiting for the front desk: a research permit with its three scans. */
async function seedDraft(
  d: NonNullable<Parameters<typeof seedDemo>[0]['drafts']>,
  tenant: string,
  now: string,
): Promise<DemoSummary['dossiers'][number]> {
  const scans = [
    ['ktp', 'ktp-dewi.pdf', 'KTP peneliti', ['Nama: Dewi Lestari', 'NIK: 3273014512900002']],
    ['surat-pengantar', 'surat-pengantar.pdf', 'Surat pengantar', ['Universitas Padjadjaran', 'Fakultas Teknik Geologi']],
    ['proposal', 'proposal.pdf', 'Proposal penelitian', ['Kualitas air tanah di Kecamatan Coblong', 'Lama penelitian: 3 bulan']],
  ] as const;
  const files = [];
  for (const [requirement, name, title, lines] of scans) {
    const stored = await d.files.put(Readable.from([await demoScan(title, [...lines])]), { maxBytes: 10_000_000 });
    files.push({ requirement, name, contentType: 'application/pdf' as const, ...stored });
  }
  const filed = await fileDraft(d.db, {
    tenant,
    service: { code: 'izin-penelitian', version: 1 },
    application: {
      applicant: { name: 'Dewi Lestari', nik: '3273014512900002', phone: '081298765432', language: 'id', notices: true },
      particulars: {
        'judul-penelitian': 'Kualitas air tanah di Kecamatan Coblong',
        lembaga: 'Universitas Padjadjaran',
        'lokasi-penelitian': 'Kecamatan Coblong, Kota Bandung',
        'lama-penelitian': 3,
      },
      inputs: {},
    },
    files,
    client: 'demo',
    at: now,
    expiresAt: new Date(Date.parse(now) + d.expiryDays * 86_400_000).toISOString(),
  });
  return {
    registrationNumber: filed!.number,
    pin: draftPin(d.pinSecret, filed!.id),
    service: 'izin-penelitian',
    stage: 'permohonan daring, menunggu loket',
  };
}
