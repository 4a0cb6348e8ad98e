import { randomUUID } from 'node:crypto';
import type { DossierCommand } from '#berkas/domain';
import { dossierDetail } from '#berkas/read-models';
import { officers, sampleApplication } from '#berkas/domain/testing';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { commandKit } from '../testing/command-kit.js';
import { sweepLapsedDeadlines } from './sla-sweep.js';

/** The sweep's effects are in the summary; the trail is not what these read. */
const noTrail = async () => [];

const engines = await sqlEngines();

describeEngines(engines)('fiktif positif sweep on %s', (_engine, factory) => {
  it('deems lapsed fiktif positif dossiers approved once, and leaves other services alone', async () => {
    const { db, drop } = await factory();
    try {
      const { cat, service, projector } = await commandKit(db);
      // Each service's typical particulars and fee inputs (a billboard 8 m2 for a year, a 120 m2 house).
      const register = async (code: string, requirements: string[]) => {
        const id = randomUUID();
        const command = {
          type: 'RegisterDossier',
          data: {
            dossierId: id,
            applicant: { name: 'Uji', nik: '3273011508800001', ...(code === 'reklame' ? { nib: '9120001234567' } : {}) },
            requirements,
            ...sampleApplication(cat.latest(code)!),
          },
          metadata: { commandId: randomUUID(), actor: officers.frontDesk, at: '2026-03-02T02:00:00.000Z' },
        } as DossierCommand;
        await service.execute(id, command, { serviceCode: code });
        return id;
      };
      const billboard = await register('reklame', ['ktp', 'nib', 'desain-reklame', 'denah-lokasi']);
      const building = await register('pbg', ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep']);
      await projector.catchUp();

      expect((await sweepLapsedDeadlines(db, cat, service, '2026-03-05T00:00:00.000Z')).deemedApproved).toEqual([]);
      const lapsed = '2026-06-30T00:00:00.000Z';
      const first = await sweepLapsedDeadlines(db, cat, service, lapsed);
      expect(first.deemedApproved).toEqual(['REKLAME-2026-000001']);
      // The read model has not caught up yet: a second sweep nominates it again and appends nothing.
      expect((await sweepLapsedDeadlines(db, cat, service, lapsed)).deemedApproved).toEqual([]);
      await projector.catchUp();
      const detail = await dossierDetail(db, 'kota-contoh', billboard, lapsed, noTrail);
      expect(detail?.decision).toMatchObject({ approved: true, deemed: true });
      expect(detail?.step?.kind).toBe('fee');
      expect((await dossierDetail(db, 'kota-contoh', building, lapsed, noTrail))?.decision).toBeNull();
    } finally {
      await drop();
    }
  });
});
