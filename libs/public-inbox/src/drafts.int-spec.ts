import { createTables } from '#berkas/sql';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import {
  decideDraft,
  draftAllowed,
  draftById,
  DRAFT_LIMITS,
  expireDrafts,
  fileDraft,
  heldByWaitingDrafts,
  startAccepting,
} from './drafts.js';
import { publicInboxTables } from './tables.js';

const engines = await sqlEngines();

const application = {
  applicant: { name: 'Siti Rahmawati', nik: '3273014512900002', phone: '081234567890' },
  particulars: { 'alamat-bangunan': 'Jl. Dago 1' },
  inputs: { 'luas-lantai': 120 },
};
const file = (sha: string) => ({
  requirement: 'ktp',
  name: 'ktp.pdf',
  contentType: 'application/pdf' as const,
  size: 10,
  sha256: sha.repeat(64),
});

describeEngines(engines)('online applications waiting in the public inbox, on %s', (_engine, factory) => {
  it("holds an address to its limits even when it sends many at once, and lets a draft expire, erasing the applicant's particulars", async () => {
    const { db, drop } = await factory();
    try {
      await createTables(db, [publicInboxTables('kota-contoh')]);
      const now = new Date().toISOString();
      const draft = (client: string, sha: string, expiresAt = '2099-01-01T00:00:00.000Z') =>
        fileDraft(db, {
          tenant: 'kota-contoh',
          service: { code: 'pbg', version: 2 },
          application,
          files: [file(sha)],
          client,
          at: now,
          expiresAt,
        });

      // Eight posts at once from one address: only as many as may wait are filed.
      const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => draft('203.0.113.7', String(i))));
      expect(burst.filter(Boolean).length).toBe(DRAFT_LIMITS.waitingPerClient);
      expect(await draftAllowed(db, '203.0.113.7', now)).toBe(false);
      expect(await draftAllowed(db, '198.51.100.1', now)).toBe(true);
      const numbers = burst.filter(Boolean).map((d) => d!.number);
      expect(new Set(numbers).size).toBe(numbers.length);
      for (const n of numbers) expect(n).toMatch(/^DAFTAR-\d{4}-[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);

      // Another address: one being accepted, one returned, one past its date.
      const accepting = (await draft('198.51.100.1', 'a'))!;
      const returned = (await draft('198.51.100.1', 'b'))!;
      const late = (await draft('198.51.100.1', 'c', '2026-01-01T00:00:00.000Z'))!;
      expect(await startAccepting(db, accepting.id)).toBe(true);
      expect(await decideDraft(db, returned.id, { status: 'returned', by: 'officer-loket', at: now, reasons: ['KTP buram'] })).toBe(true);
      expect(await expireDrafts(db, now)).toBe(1);
      const expired = (await draftById(db, 'kota-contoh', late.id))!;
      // Another MPP's desks do not know it.
      expect(await draftById(db, 'kota-denpasar', late.id)).toBeUndefined();
      expect(expired).toMatchObject({ status: 'expired', decidedBy: 'system-drafts', application: {} });
      // Too late for the expired one either way; the one being accepted can no longer be returned.
      expect(await startAccepting(db, late.id)).toBe(false);
      expect(await decideDraft(db, accepting.id, { status: 'returned', by: 'officer-loket', at: now, reasons: ['x'] })).toBe(false);
      expect((await draftById(db, 'kota-contoh', returned.id))!).toMatchObject({
        status: 'returned',
        reasons: ['KTP buram'],
        application: {},
      });

      // The sweep leaves the files of drafts that may still be attached, and only those.
      const held = await heldByWaitingDrafts(
        db,
        ['a', 'b', 'c', '0'].map((s) => s.repeat(64)),
      );
      expect([...held].sort()).toEqual(['0'.repeat(64), 'a'.repeat(64)]);
    } finally {
      await drop();
    }
  });
});
