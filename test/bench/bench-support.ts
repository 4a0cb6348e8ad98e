import { randomUUID } from 'node:crypto';
import type { Actor, DossierCommand } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import type { ProjectedEvent, Projection } from '#berkas/read-models';
import { catalogue, PBG_PARTICULARS, testCommandService } from '#berkas/testing';

export const PBG_DOCS = ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'];
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

/** Runs `n` jobs on `workers` concurrent loops. */
export async function inParallel(n: number, workers: number, job: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < n) await job(next++);
    }),
  );
}

/** A PBG registration (the command path numbers it). */
export const registration = (id: string) => ({
  dossierId: id,
  applicant: { name: 'Bench Pemohon', nik: '3273011508800001' },
  requirements: PBG_DOCS,
  inputs: { 'luas-lantai': 100 },
  particulars: PBG_PARTICULARS,
});

/**
 * Registers a dossier and forwards it from verification (two commands), noting
 * when each commit returned, keyed `dossier-<id>@<version>` like `timed` notes.
 */
export function dossierWriter(store: EventStore, committed: Map<string, number>, after: () => void = () => undefined) {
  const service = testCommandService(store, catalogue());
  const run = async (id: string, actor: Actor, type: DossierCommand['type'], data: object) => {
    const out = await service.execute(
      id,
      { type, data, metadata: { commandId: randomUUID(), actor, at: new Date().toISOString() } } as DossierCommand,
      { serviceCode: 'pbg' },
    );
    committed.set(`dossier-${id}@${out.version}`, performance.now());
    after();
    return out.version;
  };
  return async (i: number, officers: { frontDesk: Actor; backOffice: Actor }): Promise<number> => {
    const id = randomUUID();
    await run(id, officers.frontDesk, 'RegisterDossier', registration(id));
    return run(id, officers.backOffice, 'CompleteStep', { outcome: 'forward' });
  };
}

/** Wraps a projection to note when each event first reaches the read model. */
export function timed(inner: Projection, seen: Map<string, number>): Projection {
  const note = (events: ProjectedEvent[]) => {
    const now = performance.now();
    for (const e of events) {
      const key = `${e.stored.streamId}@${e.stored.streamVersion}`;
      if (!seen.has(key)) seen.set(key, now);
    }
  };
  return {
    name: inner.name,
    schema: inner.schema,
    tables: inner.tables,
    apply: async (tx, e) => {
      await inner.apply(tx, e);
      note([e]);
    },
    applyBatch: async (tx, events) => {
      if (inner.applyBatch) await inner.applyBatch(tx, events);
      else for (const e of events) await inner.apply(tx, e);
      note(events);
    },
  };
}
