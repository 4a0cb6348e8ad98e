import {
  decide,
  DomainError,
  evolve,
  initialState,
  type DossierCommand,
  type DossierEvent,
  type DossierState,
  type ServiceCatalogue,
  type ServiceDefinition,
  type WorkingCalendar,
} from '../../../domain/src/index.js';
import { ConcurrencyError, type EventStore } from '../../../event-store/src/index.js';

export const streamOf = (dossierId: string): string => `dossier-${dossierId}`;

export interface CommandOutcome {
  dossierId: string;
  /** Stream version after the command: what a client sends back as If-Match. */
  version: number;
  events: DossierEvent[];
  duplicate: boolean;
}

/**
 * The one command path: read the stream, fold it, decide, append with the
 * version that was read. Whoever loses a race gets a ConcurrencyError (409).
 */
export class DossierCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly catalogue: ServiceCatalogue,
    private readonly calendar: WorkingCalendar,
  ) {}

  async load(dossierId: string): Promise<{ state: DossierState; version: number }> {
    const { version, events } = await this.store.readStream(streamOf(dossierId));
    let state = initialState();
    for (const e of events) state = evolve(state, { type: e.type, data: e.data } as DossierEvent, String(e.metadata.at ?? e.recordedAt));
    return { state, version };
  }

  /**
   * @param dossierId target stream (for RegisterDossier: the new dossier's id)
   * @param serviceCode for RegisterDossier: which service (its newest version applies)
   * @param expectedVersion optional If-Match: refuse unless the dossier is still at this version
   */
  async execute(
    dossierId: string,
    command: DossierCommand,
    options: { serviceCode?: string; expectedVersion?: number } = {},
  ): Promise<CommandOutcome> {
    const { state, version } = await this.load(dossierId);
    if (options.expectedVersion !== undefined && options.expectedVersion !== version)
      throw new ConcurrencyError(streamOf(dossierId), options.expectedVersion, version);
    const definition = this.definitionFor(command, state, options.serviceCode);
    const events = decide(command, state, { definition, calendar: this.calendar });
    if (!events.length) return { dossierId, version, events, duplicate: false };
    const { actor, at, commandId } = command.metadata;
    const result = await this.store.appendToStream(
      streamOf(dossierId),
      events.map((e) => ({
        type: e.type,
        data: e.data as unknown as Record<string, unknown>,
        metadata: { commandId, at, actor: { officerId: actor.officerId, role: actor.role } },
      })),
      { expectedVersion: version, commandId },
    );
    const landed = result.streamId.slice('dossier-'.length);
    return { dossierId: landed, version: result.version, events: result.duplicate ? [] : events, duplicate: result.duplicate };
  }

  private definitionFor(command: DossierCommand, state: DossierState, serviceCode?: string): ServiceDefinition {
    const def =
      command.type === 'RegisterDossier' && state.status === 'none'
        ? this.catalogue.latest(serviceCode ?? '')
        : this.catalogue.get(state.service.code, state.service.version);
    if (def) return def;
    if (state.status === 'none' && command.type !== 'RegisterDossier') throw new DomainError('DOSSIER.NOT_FOUND', 'No such dossier');
    throw new DomainError('SERVICE.UNKNOWN', `Unknown service "${serviceCode ?? state.service.code}"`, { service: serviceCode });
  }
}
