import {
  type Actor,
  actorOf,
  decide,
  evolve,
  initialState,
  NUMBERED_COMMANDS,
  dossierStream,
  type DossierCommand,
  type DossierEvent,
  type ServiceCatalogue,
  type Tariffs,
  type WorkingCalendar,
} from '#berkas/domain';
import { randomUUID } from 'node:crypto';
import type { EventStore } from '#berkas/event-store';

/**
 * For the read models' own tests: records a command's events the way the
 * command path does (fold the stream, decide, append at the version read),
 * without the desk's numbering and idempotency, which projections never see.
 */
export function commandRecorder(store: EventStore, catalogue: ServiceCatalogue, calendar: WorkingCalendar, tariffs: Tariffs) {
  return async (dossierId: string, command: DossierCommand, serviceCode: string, documentNumber?: string): Promise<void> => {
    const stream = dossierStream(dossierId);
    const { version, events } = await store.readStream(stream);
    let state = initialState();
    for (const e of events)
      state = evolve(state, { type: e.type, data: e.data } as DossierEvent, String(e.metadata.at), actorOf(e.metadata));
    const definition = version ? catalogue.get(state.service.code, state.service.version) : catalogue.latest(serviceCode);
    if (!definition) throw new Error(`unknown service ${serviceCode}`);
    const { actor, at, commandId } = command.metadata;
    // The desk draws numbers from its registers; here a numbered command gets one made from the dossier's id.
    const number =
      command.type in NUMBERED_COMMANDS
        ? (documentNumber ??
          (command.type === 'RegisterDossier'
            ? `${serviceCode.toUpperCase()}-2026-${dossierId.slice(0, 6)}`
            : `${command.type}/${dossierId.slice(0, 6)}`))
        : undefined;
    const decided = decide(command, state, { definition, calendar, tariffs, documentNumber: number });
    await store.appendToStream(
      stream,
      decided.map((e) => ({
        type: e.type,
        data: e.data as unknown as Record<string, unknown>,
        metadata: { commandId, at, actor: { officerId: actor.officerId, role: actor.role } },
      })),
      { expectedVersion: version },
    );
  };
}

/**
 * For tests: a PBG dossier registered by `actor` as the front desk would
 * (every requirement of the demo catalogue handed in), recorded with
 * `commandRecorder`; answers its id.
 */
export async function recordPbgRegistration(
  record: ReturnType<typeof commandRecorder>,
  actor: Actor,
  o: { name?: string; at?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await record(
    id,
    {
      type: 'RegisterDossier',
      data: {
        dossierId: id,
        applicant: { name: o.name ?? 'Ani Lestari', nik: '3273011508800001' },
        requirements: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
        inputs: { 'luas-lantai': 100 },
        // A two-floor house (the demo catalogue's PBG particulars; the read models take no test fixtures into production).
        particulars: {
          'alamat-bangunan': 'Jl. Merdeka No. 10, Bandung',
          fungsi: 'hunian',
          kompleksitas: 'sederhana',
          permanensi: 'permanen',
          'jumlah-lantai': 2,
          kepemilikan: 'perorangan',
        },
      },
      metadata: { commandId: randomUUID(), actor, at: o.at ?? '2026-03-02T02:00:00.000Z' },
    } as DossierCommand,
    'pbg',
  );
  return id;
}
