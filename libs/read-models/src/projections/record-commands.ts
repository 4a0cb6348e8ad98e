import {
  decide,
  evolve,
  initialState,
  type DossierCommand,
  type DossierEvent,
  type ServiceCatalogue,
  type WorkingCalendar,
} from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';

/**
 * For the read models' own tests: records a command's events the way the
 * command path does (fold the stream, decide, append at the version read),
 * without the desk's numbering and idempotency, which projections never see.
 */
export function commandRecorder(store: EventStore, catalogue: ServiceCatalogue, calendar: WorkingCalendar) {
  return async (dossierId: string, command: DossierCommand, serviceCode: string): Promise<void> => {
    const stream = `dossier-${dossierId}`;
    const { version, events } = await store.readStream(stream);
    let state = initialState();
    for (const e of events) state = evolve(state, { type: e.type, data: e.data } as DossierEvent, String(e.metadata.at));
    const definition = version ? catalogue.get(state.service.code, state.service.version) : catalogue.latest(serviceCode);
    if (!definition) throw new Error(`unknown service ${serviceCode}`);
    const { actor, at, commandId } = command.metadata;
    const decided = decide(command, state, { definition, calendar });
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
