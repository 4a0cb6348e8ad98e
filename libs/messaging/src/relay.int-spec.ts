import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { HEADERS, TOPICS } from '#berkas/contracts';
import { dossierUpcastSteps } from '#berkas/domain';
import { calendar2026, tariffs, catalogue, officers } from '#berkas/domain/testing';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { freshPglite } from '#berkas/sql/testing';
import { commandRecorder, recordPbgRegistration } from '#berkas/read-models';
import { Relay } from './relay.js';
import { SqlCheckpoints } from './sql-checkpoints.js';

type Batch = { topicMessages: { topic: string; messages: { key: string; value: string; headers: Record<string, string> }[] }[] };

describe('the relay (D36)', () => {
  it('sends an event it cannot map to the dead-letter topic with the error, keeps it in the log topic, and goes on', async () => {
    const { db, drop } = await freshPglite();
    try {
      const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
      const record = commandRecorder(store, catalogue(), calendar2026(), tariffs());
      const register = () => recordPbgRegistration(record, officers.frontDesk);
      const good = await register();
      // A registration an older release wrote without its due date: the public contract requires one.
      const [registered] = (await store.readStream(`dossier-${good}`)).events;
      const bad = randomUUID();
      await store.appendToStream(
        `dossier-${bad}`,
        [
          {
            type: registered.type,
            data: { ...registered.data, dossierId: bad, registrationNumber: 'PBG-2026-BAD001', due: undefined },
            metadata: registered.metadata,
          },
        ],
        { expectedVersion: 0 },
      );
      const after = await register();
      // One of another MPP's (issue 23): its metadata names the MPP.
      const denpasar = randomUUID();
      await store.appendToStream(
        `dossier-${denpasar}`,
        [
          {
            type: registered.type,
            data: { ...registered.data, dossierId: denpasar, registrationNumber: 'DPS-PBG-2026-000001', tenant: 'kota-denpasar' },
            metadata: { ...registered.metadata, tenant: 'kota-denpasar' },
          },
        ],
        { expectedVersion: 0 },
      );
      const sent: Batch[] = [];
      const producer = { sendBatch: async (b: Batch) => void sent.push(b) } as unknown as Producer;
      const checkpoints = new SqlCheckpoints(db);
      await checkpoints.init();
      const dead: string[] = [];
      const relay = new Relay(store, checkpoints, producer, { onDeadLetter: (e) => dead.push(e.streamId), home: 'kota-bandung' });
      // A step sent back (issue 23): v1 is closed to it, v2 publishes it.
      await store.appendToStream(
        `dossier-${after}`,
        [
          {
            type: 'DossierSentBack',
            data: { stepId: 'keputusan', desk: 'kepala-dinas', toStepId: 'verifikasi', reasons: ['gambar struktur kurang'] },
            metadata: registered.metadata,
          },
        ],
        { expectedVersion: (await store.readStream(`dossier-${after}`)).version },
      );
      await relay.runOnce();
      const on = (topic: string) => sent.flatMap((b) => b.topicMessages.filter((t) => t.topic === topic).flatMap((t) => t.messages));
      // Missing from both versions of the contract: a letter for each.
      expect(dead).toEqual([`dossier-${bad}`, `dossier-${bad}`]);
      expect(relay.deadLettered).toBe(2);
      const letters = on(TOPICS.deadLetter);
      expect(letters.map((l) => l.key)).toEqual([bad, bad]);
      for (const letter of letters) expect(letter.headers[HEADERS.error]).toMatch(/dueAt|due/);
      expect(letters.map((l) => (JSON.parse(l.value) as { topic: string; event: { streamId: string } }).topic)).toEqual([
        TOPICS.dossierEvents,
        TOPICS.dossierEventsV2,
      ]);
      expect(JSON.parse(letters[0].value)).toMatchObject({ event: { streamId: `dossier-${bad}` } });
      // The projectors still get it (they decide for themselves); the contract topic gets every other event.
      expect(on(TOPICS.eventLog).map((m) => m.key)).toContain(bad);
      // The event log names each event's MPP in a header when the event does (issue 23); v1 of the contract does not.
      const logged = (id: string) => on(TOPICS.eventLog).find((m) => m.key === id)!;
      expect(logged(denpasar).headers[HEADERS.tenant]).toBe('kota-denpasar');
      expect(logged(good).headers[HEADERS.tenant]).toBeUndefined();
      expect(on(TOPICS.dossierEvents).some((m) => m.key === denpasar)).toBe(true);
      expect(on(TOPICS.dossierEvents).every((m) => m.headers[HEADERS.tenant] === undefined)).toBe(true);
      const contract = on(TOPICS.dossierEvents).map((m) => JSON.parse(m.value) as { dossierId: string });
      expect(contract.some((m) => m.dossierId === bad)).toBe(false);
      expect(new Set(contract.map((m) => m.dossierId))).toEqual(new Set([good, after, denpasar]));
      // v2 (issue 23): every message names its MPP, in its body and a header; those written before tenants, the home one.
      type V2 = { dossierId: string; tenant: string; type: string; sequence: number; data: Record<string, unknown> };
      const v2 = on(TOPICS.dossierEventsV2).map((m) => ({ body: JSON.parse(m.value) as V2, header: m.headers[HEADERS.tenant] }));
      expect(v2.every((m) => m.body.tenant === m.header)).toBe(true);
      expect(new Set(v2.map((m) => `${m.body.dossierId} ${m.body.tenant}`))).toEqual(
        new Set([`${good} kota-bandung`, `${after} kota-bandung`, `${denpasar} kota-denpasar`]),
      );
      // The send-back is on v2 only, without the desks' reasons, and each version counts its own sequence.
      const ofAfter = (list: { type: string; sequence: number }[]) => list.map((m) => `${m.sequence} ${m.type}`);
      const v1After = on(TOPICS.dossierEvents)
        .map((m) => JSON.parse(m.value) as V2)
        .filter((m) => m.dossierId === after);
      const v2After = v2.map((m) => m.body).filter((m) => m.dossierId === after);
      expect(ofAfter(v2After).slice(0, -1)).toEqual(ofAfter(v1After));
      expect(v2After.at(-1)).toMatchObject({
        type: 'dossier.sent-back',
        sequence: v1After.length + 1,
        data: { stepId: 'keputusan', desk: 'kepala-dinas', toStepId: 'verifikasi' },
      });
      // And the relay moved past it.
      expect(await relay.runOnce()).toBe(0);
    } finally {
      await drop();
    }
  });
});
