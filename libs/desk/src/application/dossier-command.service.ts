import { randomUUID } from 'node:crypto';
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
} from '#berkas/domain';
import { ConcurrencyError, ensureSameRequest, type CommandRecord, type EventStore } from '#berkas/event-store';
import { currentCorrelationId } from '#berkas/platform';
import type { DocumentNumbers } from './document-numbers.js';

export const streamOf = (dossierId: string): string => `dossier-${dossierId}`;
const dossierOf = (streamId: string): string => streamId.slice('dossier-'.length);

export interface CommandOutcome {
  dossierId: string;
  /** Stream version after the command: what a client sends back as If-Match. */
  version: number;
  /** The types of the events the command appended (also when answering a retry: see `duplicate`). */
  eventTypes: string[];
  duplicate: boolean;
  /** The document number the command assigned (registration, SKRD, rejection letter, permit). */
  number?: string;
}

export interface ExecuteOptions {
  /** For RegisterDossier: which service (its newest version applies). */
  serviceCode?: string;
  /** If-Match: refuse unless the dossier is still at this version. */
  expectedVersion?: number;
  /**
   * A hash of the request (route, dossier, body), given when the client sent an
   * Idempotency-Key: a retry is answered from the record of the first attempt,
   * and the same key on another request is refused.
   */
  fingerprint?: string;
}

/**
 * The one command path: read the stream, fold it, decide, append with the
 * version that was read. Whoever loses a race gets a ConcurrencyError (409).
 * A retried command is answered from its record before it is decided again.
 */
export class DossierCommandService {
  constructor(
    private readonly store: EventStore,
    private readonly catalogue: ServiceCatalogue,
    private readonly calendar: WorkingCalendar,
    private readonly numbers: DocumentNumbers,
  ) {}

  async load(dossierId: string): Promise<{ state: DossierState; version: number }> {
    const { version, events } = await this.store.readStream(streamOf(dossierId));
    let state = initialState();
    for (const e of events) state = evolve(state, { type: e.type, data: e.data } as DossierEvent, String(e.metadata.at ?? e.recordedAt));
    return { state, version };
  }

  /** @param dossierId target stream (for RegisterDossier: the new dossier's id) */
  async execute(dossierId: string, command: DossierCommand, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    const { commandId } = command.metadata;
    const keyed = options.fingerprint !== undefined;
    if (keyed) {
      const seen = await this.store.findCommand(commandId);
      if (seen) return this.replay(seen, options.fingerprint);
    }
    try {
      return await this.decideAndAppend(dossierId, command, options);
    } catch (e) {
      // The same request sent twice at once: the loser saw the winner's effect. Answer what the winner did.
      if (keyed && (e instanceof DomainError || e instanceof ConcurrencyError)) {
        const seen = await this.store.findCommand(commandId);
        if (seen) return this.replay(seen, options.fingerprint);
      }
      throw e;
    }
  }

  private replay(seen: CommandRecord, fingerprint: string | undefined): CommandOutcome {
    ensureSameRequest(seen, fingerprint);
    return {
      dossierId: dossierOf(seen.streamId),
      version: seen.version,
      eventTypes: (seen.result?.events as string[] | undefined) ?? [],
      duplicate: true,
      number: seen.result?.number as string | undefined,
    };
  }

  private async decideAndAppend(dossierId: string, command: DossierCommand, options: ExecuteOptions): Promise<CommandOutcome> {
    const { state, version } = await this.load(dossierId);
    if (options.expectedVersion !== undefined && options.expectedVersion !== version)
      throw new ConcurrencyError(streamOf(dossierId), options.expectedVersion, version);
    const definition = this.definitionFor(command, state, options.serviceCode);
    const ctx = { definition, calendar: this.calendar };
    const numbering = this.numbers.numberingFor(command.type, definition.code, command.metadata.at);
    // The number is drawn by the store inside the append; the decision carries a placeholder it replaces.
    const placeholder = numbering && `@@berkas-number-${randomUUID()}@@`;
    let decided = numbering ? ({ ...command, data: { ...command.data, [numbering.field]: placeholder } } as DossierCommand) : command;
    // The receipt PIN is HMAC(PIN_SECRET, dossier id), checked by recomputing it: the event carries no hash of it (D4).
    if (decided.type === 'RegisterDossier') decided = { ...decided, data: { ...decided.data, pinHash: '' } };
    const events = decide(decided, state, ctx);
    if (!events.length) return { dossierId, version, eventTypes: [], duplicate: false };

    const { actor, at, commandId } = command.metadata;
    const correlationId = currentCorrelationId();
    const result = await this.store.appendToStream(
      streamOf(dossierId),
      {
        events: events.map((e) => ({
          type: e.type,
          data: e.data as unknown as Record<string, unknown>,
          metadata: { commandId, at, actor: { officerId: actor.officerId, role: actor.role }, ...(correlationId ? { correlationId } : {}) },
        })),
        result: { events: events.map((e) => e.type), ...(placeholder ? { number: placeholder } : {}) },
        number: numbering && { sequence: numbering.sequence, prefix: numbering.prefix, placeholder: placeholder! },
      },
      { expectedVersion: version, commandId, fingerprint: options.fingerprint },
    );
    if (result.duplicate) return this.replay({ streamId: result.streamId, version: result.version, result: result.result }, undefined);
    return {
      dossierId: dossierOf(result.streamId),
      version: result.version,
      eventTypes: events.map((e) => e.type),
      duplicate: false,
      number: result.result?.number as string | undefined,
    };
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
