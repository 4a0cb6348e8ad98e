import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import kafkajs from 'kafkajs';
import { TOPICS } from '#berkas/contracts';
import { KafkaBroker } from '#berkas/testing';
import { dossierUpcastSteps, type DossierCommand } from '#berkas/domain';
import { calendar2026, tariffs, catalogue, officers } from '#berkas/domain/testing';
import { PostgresEventStore, START, upcasterFrom } from '#berkas/event-store';
import { freshPostgres } from '#berkas/sql/testing';
import { ensureTopics, KafkaProjector, toLoggedEvent } from '#berkas/messaging';
import {
  commandRecorder,
  recordPbgRegistration,
  listQuarantine,
  readModelProjections,
  retryQuarantined,
  toProjected,
} from '#berkas/read-models';
import { e2eEngines, until } from './support/http-harness.js';
import { javaAndMaven } from './support/java.js';

/**
 * A poison event and a gap on the Kafka path (D36), on a real broker started
 * from Maven Central's jars and PostgreSQL: the Kafka projector quarantines the
 * dossier, keeps projecting the rest, and refuses a source that lost history.
 */
const hasJava = javaAndMaven('the Kafka quarantine drill');
const postgres = (await e2eEngines()).find(([name]) => name === 'PostgreSQL');

(hasJava && postgres ? describe : describe.skip)('Kafka projector quarantine (drill)', () => {
  let broker: KafkaBroker;
  const cleanups: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    broker = await KafkaBroker.start((l) => console.log(l));
  }, 180_000);

  afterAll(async () => {
    for (const c of cleanups) await c().catch(() => undefined);
    await broker?.destroy();
  }, 60_000);

  it('quarantines a poison event and a gap on the Kafka path, keeps projecting the rest, and refuses a source that lost history', async () => {
    const { db, schema, drop: dropSchema } = await freshPostgres();
    cleanups.unshift(dropSchema);
    const cat = catalogue();
    const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
    const record = commandRecorder(store, cat, calendar2026(), tariffs());
    const register = async (name: string) => {
      const id = await recordPbgRegistration(record, officers.frontDesk, { name });
      await record(
        id,
        {
          type: 'ClaimDossier',
          data: {},
          metadata: { commandId: randomUUID(), actor: officers.backOffice, at: '2026-03-02T03:00:00.000Z' },
        } as DossierCommand,
        'pbg',
      );
      return id;
    };
    const good = await register('Ani Lestari');
    const gap = await register('Bima Sakti');
    // A registration written without its applicant (an older release's bug): every projection that reads it fails.
    const [registered] = (await store.readStream(`dossier-${good}`)).events;
    const poison = randomUUID();
    await store.appendToStream(
      `dossier-${poison}`,
      [
        {
          type: registered.type,
          data: { ...registered.data, dossierId: poison, applicant: undefined } as Record<string, unknown>,
          metadata: registered.metadata,
        },
      ],
      { expectedVersion: 0 },
    );
    const after = await register('Citra Dewi');
    const all = await store.readAll(START, 1000);
    const kafka = new kafkajs.Kafka({ brokers: broker.brokers, logLevel: kafkajs.logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    cleanups.unshift(() => admin.disconnect());
    const topic = `drill-log-${randomBytes(4).toString('hex')}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        {
          topic,
          numPartitions: 2,
          configEntries: [
            { name: 'retention.ms', value: '-1' },
            { name: 'retention.bytes', value: '-1' },
          ],
        },
      ],
    });
    const producer = kafka.producer();
    await producer.connect();
    // The gap: the middle event of one dossier never reaches the topic.
    const published = all.filter((e) => !(e.streamId === `dossier-${gap}` && e.streamVersion === 2));
    await producer.send({
      topic,
      messages: published.map((e) => ({ key: e.streamId.slice('dossier-'.length), value: JSON.stringify(toLoggedEvent(e)) })),
    });
    await producer.disconnect();

    const projector = new KafkaProjector(kafka, db, readModelProjections(cat), { groupId: `drill-${schema}`, topic });
    await projector.init();
    await projector.start();
    cleanups.unshift(() => projector.stop());
    await until('the good dossiers and the quarantine', async () => {
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM projection_quarantine');
      const seen = await db.query("SELECT 1 FROM rm_dossiers WHERE dossier_id = ANY($1) -- tenant: the test reads every MPP's rows", [
        [good, after],
      ]);
      return rows[0].n === 5 && seen.rows.length === 2 ? true : undefined;
    });
    const quarantined = (await listQuarantine(db)).items.map(
      (q) => `${q.projection} ${q.dossierId === poison ? 'poison' : q.dossierId === gap ? 'gap' : q.dossierId} ${q.streamVersion}`,
    );
    expect(quarantined.sort()).toEqual(
      [
        'notification-outbox poison 1',
        'officer-views poison 1',
        'public-tracking poison 1',
        'officer-views gap 3',
        'public-tracking gap 3',
      ].sort(),
    );
    // The gap stops the dossier at the last event before it, never past it.
    expect(
      (
        await db.query<{ last_version: number }>(
          "SELECT last_version FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
          [gap],
        )
      ).rows[0].last_version,
    ).toBe(1);
    // Retried from the event store, which has the missing event, the gap closes.
    const officerViews = projector.projections.find((p) => p.name === 'officer-views')!;
    const retried = await retryQuarantined(db, officerViews, gap, async (id) =>
      (await store.readStream(`dossier-${id}`)).events.map((e) => toProjected(e)!),
    );
    expect(retried.released).toBe(true);
    expect(
      (
        await db.query<{ last_version: number }>(
          "SELECT last_version FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
          [gap],
        )
      ).rows[0].last_version,
    ).toBe(3);

    // A topic that deletes old messages is refused as a source.
    const truncating = `drill-truncating-${randomBytes(4).toString('hex')}`;
    await admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: truncating, numPartitions: 1, configEntries: [{ name: 'retention.ms', value: '60000' }] }],
    });
    await expect(new KafkaProjector(kafka, db, [], { topic: truncating }).checkSource()).rejects.toThrow(/deletes old messages/);
    // The relay's topics exist with 4 partitions (as a relay made them): another count is refused, not silently re-mapped.
    await ensureTopics(kafka, { brokers: broker.brokers, clientId: 'drill', partitions: 4 });
    await expect(ensureTopics(kafka, { brokers: broker.brokers, clientId: 'drill', partitions: 8 })).rejects.toThrow(
      /KAFKA_PARTITIONS is 8/,
    );
    // The operator's command applies the stated settings, and refuses the other count too.
    const topicsCommand = (partitions: string) =>
      spawnSync(process.execPath, ['dist/apps/relay/src/topics.js'], {
        env: {
          ...process.env,
          KAFKA_BROKERS: broker.brokers.join(','),
          KAFKA_PARTITIONS: partitions,
          BERKAS_DATA_DIR: mkdtempSync(join(tmpdir(), 'berkas-topics-')),
        },
        encoding: 'utf8',
      });
    const applied = topicsCommand('4');
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain(`${TOPICS.eventLog}: 4 partitions, replication 1, min.insync.replicas 1, retention.ms=-1`);
    const refused = topicsCommand('8');
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/KAFKA_PARTITIONS is 8/);
    const [eventLog] = (
      await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: kafkajs.ConfigResourceTypes.TOPIC, name: TOPICS.eventLog, configNames: ['retention.ms'] }],
      })
    ).resources;
    expect(eventLog.configEntries.find((e) => e.configName === 'retention.ms')?.configValue).toBe('-1');
  }, 120_000);
});
