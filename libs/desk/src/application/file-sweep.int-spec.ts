import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { dossierUpcastSteps, type DossierCommand } from '#berkas/domain';
import { calendar2026, catalogue, officers, sampleApplication, tariffs, TEST_PIN_SECRET } from '#berkas/domain/testing';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { LocalFileStore } from '#berkas/files';
import { createTables } from '#berkas/sql';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { DESK_TABLES } from '../tables.js';
import { DocumentNumbers } from './document-numbers.js';
import { DossierCommandService } from './dossier-command.service.js';
import { sweepUnnamedFiles } from './file-sweep.js';

const engines = await sqlEngines();
const HOUR = 3600_000;

describeEngines(engines)('the sweep of files no event names, on %s', (_engine, factory) => {
  it('deletes a file no event names once past the grace period, never one an event names, nor a young one', async () => {
    const { db, drop } = await factory();
    const root = mkdtempSync(join(tmpdir(), 'berkas-sweep-'));
    try {
      await createTables(db, [DESK_TABLES]);
      const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
      const service = new DossierCommandService(
        store,
        catalogue(),
        calendar2026(),
        new DocumentNumbers(calendar2026(), TEST_PIN_SECRET),
        tariffs(),
      );
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
      age(named.sha256, 48);
      age(orphan.sha256, 48);
      // An upload cut off half-way, two days ago.
      mkdirSync(join(root, 'files', 'incoming'), { recursive: true });
      writeFileSync(join(root, 'files', 'incoming', 'half'), 'half a file');
      utimesSync(join(root, 'files', 'incoming', 'half'), new Date(Date.now() - 48 * HOUR), new Date(Date.now() - 48 * HOUR));

      const first = await sweepUnnamedFiles(db, store, files, new Date(), 24 * HOUR);
      expect(first).toEqual({ deleted: [orphan.sha256], leftovers: 1, kept: 2 });
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
});
