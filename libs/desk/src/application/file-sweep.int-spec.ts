import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DossierCommand } from '#berkas/domain';
import { catalogue, officers, sampleApplication } from '#berkas/domain/testing';
import { LocalFileStore } from '#berkas/files';
import { fileCorrection, fileDraft, publicInboxTables } from '#berkas/public-inbox';
import { createTables } from '#berkas/sql';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { DESK_TABLES } from '../tables.js';
import { commandKit } from '../testing/command-kit.js';
import { sweepUnnamedFiles } from './file-sweep.js';
import { applyDueRetention } from './retention.js';

const engines = await sqlEngines();
const HOUR = 3600_000;

describeEngines(engines)('the sweep of files no event names, on %s', (_engine, factory) => {
  it('deletes a file no event names once past the grace period, never one an event names, nor a young one', async () => {
    const { db, drop } = await factory();
    const root = mkdtempSync(join(tmpdir(), 'berkas-sweep-'));
    try {
      await createTables(db, [DESK_TABLES, publicInboxTables('kota-contoh')]);
      const { store, service } = await commandKit(db);
      const files = new LocalFileStore(join(root, 'files'));
      const put = (text: string) => files.put(Readable.from([Buffer.from(text)]), { maxBytes: 1_000_000 });
      const age = (sha256: string, hours: number) => {
        const t = new Date(Date.now() - hours * HOUR);
        utimesSync(join(root, 'files', 'objects', sha256.slice(0, 2), sha256), t, t);
      };

      const id = randomUUID();
      const at = new Date().toISOString();
      const run = (type: DossierCommand['type'], data: object) =>
        service.execute(id, { type, data, metadata: { commandId: randomUUID(), actor: officers.frontDesk, at } } as DossierCommand, {
          serviceCode: 'pbg',
        });
      await run('RegisterDossier', {
        dossierId: id,
        applicant: { name: 'Uji', nik: '3273011508800001' },
        requirements: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
        ...sampleApplication(catalogue().latest('pbg')!),
      });
      const named = await put('KTP, named by an event');
      await run('AttachDocument', { requirement: 'ktp', name: 'ktp.pdf', contentType: 'application/pdf', ...named });
      // Stored, then the process died before the event: nothing names it.
      const orphan = await put('stored, never named');
      const young = await put('stored a minute ago, its event maybe on the way');
      // Handed in online two days ago, its correction not taken in yet (the officers' side was down): kept.
      const waiting = await put('a correction waiting in the public inbox');
      await fileCorrection(db, {
        tenant: 'kota-contoh',
        dossierId: id,
        files: [{ requirement: 'ktp', name: 'ktp.pdf', contentType: 'application/pdf', ...waiting }],
        note: '',
        at,
      });
      // An application handed in online two days ago, not yet decided at the desk: kept too.
      const draft = await put('an online application waiting for the front desk');
      await fileDraft(db, {
        tenant: 'kota-contoh',
        service: { code: 'pbg', version: 2 },
        application: { applicant: { name: 'Uji', nik: '3273011508800001' }, particulars: {}, inputs: {} },
        files: [{ requirement: 'ktp', name: 'ktp.pdf', contentType: 'application/pdf', ...draft }],
        client: '203.0.113.7',
        at,
        expiresAt: '2099-01-01T00:00:00.000Z',
      });
      age(named.sha256, 48);
      age(orphan.sha256, 48);
      age(waiting.sha256, 48);
      age(draft.sha256, 48);
      // An upload cut off half-way, two days ago.
      mkdirSync(join(root, 'files', 'incoming'), { recursive: true });
      writeFileSync(join(root, 'files', 'incoming', 'half'), 'half a file');
      utimesSync(join(root, 'files', 'incoming', 'half'), new Date(Date.now() - 48 * HOUR), new Date(Date.now() - 48 * HOUR));

      const first = await sweepUnnamedFiles(db, store, files, new Date(), 24 * HOUR);
      expect(first).toEqual({ deleted: [orphan.sha256], leftovers: 1, kept: 4 });
      expect(await files.has(waiting.sha256)).toBe(true);
      expect(await files.has(draft.sha256)).toBe(true);
      expect(await files.has(named.sha256)).toBe(true);
      expect(await files.has(orphan.sha256)).toBe(false);
      expect(await files.has(young.sha256)).toBe(true);

      // The young file is named by an event a moment later; days on, it stays. Its twin bytes stored again refresh it.
      await run('AttachDocument', {
        requirement: 'ktp',
        name: 'ktp-2.pdf',
        contentType: 'application/pdf',
        ...young,
        replaces: named.sha256,
      });
      age(young.sha256, 48);
      const again = await put('stored, never named');
      const second = await sweepUnnamedFiles(db, store, files, new Date(), 24 * HOUR);
      expect(second.deleted).toEqual([]);
      expect(await files.has(young.sha256)).toBe(true);
      expect(await files.has(again.sha256)).toBe(true);
      // A replaced file is still named by its event: the trail keeps it.
      expect(await files.has(named.sha256)).toBe(true);
    } finally {
      rmSync(root, { recursive: true, force: true });
      await drop();
    }
  });

  it("disposes of a closed dossier's files once its retention ran out, but not the bytes another dossier still holds", async () => {
    const { db, drop } = await factory();
    const root = mkdtempSync(join(tmpdir(), 'berkas-retention-'));
    try {
      await createTables(db, [DESK_TABLES, publicInboxTables('kota-contoh')]);
      const { cat, store, service, projector } = await commandKit(db);
      const files = new LocalFileStore(join(root, 'files'));
      const put = (text: string) => files.put(Readable.from([Buffer.from(text)]), { maxBytes: 1_000_000 });
      const age = (sha256: string) => {
        const t = new Date(Date.now() - 48 * HOUR);
        utimesSync(join(root, 'files', 'objects', sha256.slice(0, 2), sha256), t, t);
      };
      const at = '2026-03-10T02:00:00.000Z';
      const run = (id: string, type: DossierCommand['type'], data: object) =>
        service.execute(id, { type, data, metadata: { commandId: randomUUID(), actor: officers.frontDesk, at } } as DossierCommand, {
          serviceCode: 'pbg',
        });
      const dossier = async () => {
        const id = randomUUID();
        await run(id, 'RegisterDossier', {
          dossierId: id,
          applicant: { name: 'Uji', nik: '3273011508800001' },
          requirements: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
          ...sampleApplication(cat.latest('pbg')!),
        });
        return id;
      };
      const shared = await put('the same KTP, handed in for two dossiers');
      const own = await put('a drawing only the withdrawn dossier had');
      const [closed, open] = [await dossier(), await dossier()];
      await run(closed, 'AttachDocument', { requirement: 'ktp', name: 'ktp.pdf', contentType: 'application/pdf', ...shared });
      await run(closed, 'AttachDocument', { requirement: 'gambar-arsitektur', name: 'denah.pdf', contentType: 'application/pdf', ...own });
      await run(open, 'AttachDocument', { requirement: 'ktp', name: 'ktp.pdf', contentType: 'application/pdf', ...shared });
      await run(closed, 'WithdrawDossier', { reason: 'Pemohon membatalkan permohonan' });
      await projector.catchUp();
      age(shared.sha256);
      age(own.sha256);

      // Nine years on: not due. Ten years and a day: the withdrawn dossier's files are released, once.
      expect(await applyDueRetention(db, cat, service, '2035-03-10T02:00:00.000Z')).toEqual([]);
      expect(await applyDueRetention(db, cat, service, '2036-03-11T02:00:00.000Z')).toEqual([closed]);
      await projector.catchUp();
      expect(await applyDueRetention(db, cat, service, '2036-03-12T02:00:00.000Z')).toEqual([]);

      const swept = await sweepUnnamedFiles(db, store, files, new Date(), 24 * HOUR);
      expect(swept.deleted).toEqual([own.sha256]);
      expect(await files.has(shared.sha256)).toBe(true);
      expect(await files.has(own.sha256)).toBe(false);
    } finally {
      rmSync(root, { recursive: true, force: true });
      await drop();
    }
  });
});
