import { randomUUID } from 'node:crypto';
import { DomainError, dossierUpcastSteps, type Actor, type DossierCommand } from '#berkas/domain';
import { ConcurrencyError, PostgresEventStore, upcasterFrom, type EventStore } from '#berkas/event-store';
import { calendar2026, tariffs, catalogue, officers, TEST_PIN_SECRET, pbgRegistrationData } from '#berkas/domain/testing';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { DocumentNumbers } from './document-numbers.js';
import { DossierCommandService, type ExecuteOptions } from './dossier-command.service.js';

const engines = await sqlEngines();

/** Counts the stream reads a service makes, to see when the remembered state stands in for one. */
function counting(store: EventStore): EventStore & { reads: number } {
  const counted = Object.create(store) as EventStore & { reads: number };
  counted.reads = 0;
  counted.readStream = (id) => {
    counted.reads++;
    return store.readStream(id);
  };
  return counted;
}

describeEngines(engines)('the command path with remembered dossier state on %s', (_engine, factory) => {
  let drop: () => Promise<void>;
  let store: PostgresEventStore;
  beforeEach(async () => {
    const made = await factory();
    drop = made.drop;
    store = await PostgresEventStore.create(made.db, { upcaster: upcasterFrom(dossierUpcastSteps) });
  });
  afterEach(async () => drop());

  const service = (s: EventStore, stateCacheEntries = 100) =>
    new DossierCommandService(s, catalogue(), calendar2026(), new DocumentNumbers(calendar2026(), TEST_PIN_SECRET), tariffs(), {
      stateCacheEntries,
    });
  const command = (type: DossierCommand['type'], data: object, actor: Actor, commandId = randomUUID()) =>
    ({ type, data, metadata: { commandId, actor, at: new Date().toISOString() } }) as DossierCommand;
  const registration = (id: string) => command('RegisterDossier', pbgRegistrationData(id), officers.frontDesk);
  const forward = () => command('CompleteStep', { outcome: 'forward' }, officers.backOffice);
  const run = (svc: DossierCommandService, id: string, c: DossierCommand, options: ExecuteOptions = {}) =>
    svc.execute(id, c, { serviceCode: 'pbg', ...options });

  it('decides on the remembered state without reading the stream, and stays in step with what the stream holds', async () => {
    const counted = counting(store);
    const svc = service(counted);
    const id = randomUUID();
    const registered = await run(svc, id, registration(id));
    const forwarded = await run(svc, id, forward());
    expect(counted.reads).toBe(0);
    expect(forwarded.version).toBeGreaterThan(registered.version);
    // The remembered state is the stream's: a service that reads the stream decides the same next step.
    const fresh = service(store, 0);
    expect((await svc.load(id)).state).toEqual((await fresh.load(id)).state);
    expect((await fresh.load(id)).state.registrationNumber).toBe(registered.number);
  });

  it('decides again on the stream when another process appended meanwhile, instead of answering 409', async () => {
    const here = counting(store);
    const a = service(here);
    const b = service(store);
    const id = randomUUID();
    await run(a, id, registration(id));
    await run(b, id, command('ClaimDossier', {}, officers.backOffice));
    // a still remembers the unclaimed dossier at the old version: its append fails the version check, then succeeds on the stream.
    const out = await run(a, id, forward());
    expect(out.eventTypes).toContain('StepCompleted');
    expect(here.reads).toBe(1);
    expect((await store.readStream(`dossier-${id}`)).version).toBe(out.version);
  });

  it('still answers 409 to a pinned version the stream has moved past, remembered or not', async () => {
    const a = service(store);
    const b = service(store);
    const id = randomUUID();
    const { version } = await run(a, id, registration(id));
    await run(b, id, command('ClaimDossier', {}, officers.backOffice));
    // a remembers exactly the pinned version; the stream does not agree.
    await expect(run(a, id, forward(), { expectedVersion: version })).rejects.toBeInstanceOf(ConcurrencyError);
    await expect(run(service(store), id, forward(), { expectedVersion: version })).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('appends nothing for a command id it has already taken, and refuses to register a dossier id twice', async () => {
    const a = service(store);
    const id = randomUUID();
    const first = registration(id);
    const keyed = { fingerprint: 'register-once' };
    const original = await run(a, id, first, keyed);
    const before = (await store.readStream(`dossier-${id}`)).version;
    // A retry with the same Idempotency-Key (command id) gets the first answer and appends nothing.
    const again = await run(a, id, first, keyed);
    expect(again).toMatchObject({ duplicate: true, version: original.version, number: original.number });
    await run(a, id, forward(), keyed).catch(() => undefined); // another command id: not a retry
    const after = (await store.readStream(`dossier-${id}`)).version;
    expect(await run(service(store), id, first, keyed)).toMatchObject({ duplicate: true, version: original.version });
    expect((await store.readStream(`dossier-${id}`)).version).toBe(after);
    // Another process, which has never seen this dossier, assumes a new stream for a registration: the store corrects it.
    const other = service(store);
    await expect(run(other, id, registration(id))).rejects.toBeInstanceOf(DomainError);
    expect((await store.readStream(`dossier-${id}`)).version).toBe(after);
    expect(after).toBeGreaterThan(before);
  });
});
