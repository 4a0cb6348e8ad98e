import { randomUUID } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import {
  decide,
  DomainError,
  evolve,
  initialState,
  NUMBERED_COMMANDS,
  uniqueClaimsOf,
  billDocumentOf,
  paymentOfClaim,
  actorOf,
  dossierIdOf,
  dossierStream,
  type DecideContext,
  type DossierCommand,
  type DossierEvent,
  type DossierState,
  type ServiceCatalogue,
  type ServiceDefinition,
  type Tariffs,
  type WorkingCalendar,
} from '#berkas/domain';
import {
  ClaimTakenError,
  ConcurrencyError,
  ensureSameRequest,
  type CommandRecord,
  type EventStore,
  type StoredEvent,
} from '#berkas/event-store';
import { currentCorrelationId, type Tenant, type Tenants } from '#berkas/platform';
import type { DocumentNumbers } from './document-numbers.js';

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
  /**
   * The MPP acted in (issue 23), when not the acting officer's own (`actor.tenant`): a registration is that MPP's, and
   * another MPP's dossier is not found. Jobs acting for the law (no tenant) act in the dossier's own.
   */
  tenant?: string;
  /** If-Match: refuse unless the dossier is still at this version. */
  expectedVersion?: number;
  /**
   * A hash of the request (route, dossier, body), given when the client sent an
   * Idempotency-Key: a retry is answered from the record of the first attempt,
   * and the same key on another request is refused.
   */
  fingerprint?: string;
}

export interface CommandServiceOptions {
  /** Dossiers whose folded state is kept between commands (0: read every stream every time). */
  stateCacheEntries?: number;
  /** The most a dossier's current files may weigh together (bytes). */
  fileBytesPerDossier?: number;
  /** The MPPs of the deployment: each dossier decided with its own MPP's calendar and numbered in its registers. */
  tenants?: Tenants;
}

interface Folded {
  state: DossierState;
  version: number;
}

/** A stored event folded onto a dossier's state, with the time and officer it was recorded with. */
export const evolveStored = (state: DossierState, e: StoredEvent): DossierState =>
  evolve(state, { type: e.type, data: e.data } as DossierEvent, String(e.metadata.at ?? e.recordedAt), actorOf(e.metadata));

/**
 * The one command path: fold the stream, decide, append with the version
 * that was folded. Whoever loses a race gets a ConcurrencyError (409).
 * A retried command is answered from its record before it is decided again.
 *
 * The folded state of recently worked dossiers stays in memory, keyed by the
 * stream version it reflects, so a command usually costs one round trip (the
 * append) instead of two; a new dossier is assumed to have no stream. The
 * store's version check is what makes this safe: a stale entry (another
 * process appended meanwhile) fails the append, and the command is decided
 * again, once, on the stream as read. A version pinned by the client
 * (If-Match) is checked against the stream itself, so its 409 is as before.
 */
export class DossierCommandService {
  private readonly folded: LRUCache<string, Folded> | undefined;
  private readonly limits: Pick<DecideContext, 'fileBytesPerDossier'>;
  private readonly tenants: Tenants | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly catalogue: ServiceCatalogue,
    private readonly calendar: WorkingCalendar,
    private readonly numbers: DocumentNumbers,
    private readonly tariffs: Tariffs,
    options: CommandServiceOptions = {},
  ) {
    this.limits = options.fileBytesPerDossier === undefined ? {} : { fileBytesPerDossier: options.fileBytesPerDossier };
    this.tenants = options.tenants;
    const entries = options.stateCacheEntries ?? 10_000;
    if (entries > 0) this.folded = new LRUCache<string, Folded>({ max: entries });
  }

  /**
   * The dossier's state at `version` (the version a read model just showed): from what this process last folded
   * when that is at the same version, else read from the stream.
   */
  async stateAt(dossierId: string, version: number): Promise<{ state: DossierState; version: number }> {
    const hit = this.folded?.get(dossierId);
    return hit && hit.version === version ? hit : this.load(dossierId);
  }

  async load(dossierId: string): Promise<{ state: DossierState; version: number }> {
    const { version, events } = await this.store.readStream(dossierStream(dossierId));
    let state = initialState();
    for (const e of events) state = evolveStored(state, e);
    return { state, version };
  }

  /**
   * What a command would append now, decided on the stream as read, with
   * nothing appended and no number drawn: a form's preview (the fee lines
   * before the SKRD goes out) refused exactly as the command would be.
   */
  async preview(dossierId: string, command: DossierCommand, folded?: DossierState, serviceCode?: string): Promise<DossierEvent[]> {
    // `folded`: the dossier as the caller just read it from its stream (no second read). `serviceCode`: a registration's.
    const state = folded ?? (await this.load(dossierId)).state;
    // Nothing is drawn for a preview: a numbered command shows where its number will go.
    const documentNumber = command.type in NUMBERED_COMMANDS ? '(nomor)' : undefined;
    // Judged as the command itself would be: with the dossier's MPP's calendar (or the registering officer's).
    const tenant = this.tenantOf(state, command.metadata.actor.tenant);
    return decide(command, state, {
      definition: this.definitionFor(command, state, serviceCode, tenant),
      calendar: tenant?.calendar ?? this.calendar,
      tariffs: this.tariffs,
      documentNumber,
      version: this.versionsFor(state, tenant),
      ...this.limits,
    });
  }

  /**
   * Runs a command once. A retried command (same command id) is answered with
   * the first outcome, and each of the three places that can see a retry is
   * needed: before deciding (a retry whose decision would now be a no-op or a
   * refusal, such as a second claim, must still answer what the first did),
   * after a refusal or a conflict (two copies sent at once: the loser saw the
   * winner's effect), and in the store's append (the copy that decided on the
   * old state, and any command without an Idempotency-Key). All three answer
   * through `replay`.
   * @param dossierId target stream (for RegisterDossier: the new dossier's id)
   */
  async execute(dossierId: string, command: DossierCommand, options: ExecuteOptions = {}): Promise<CommandOutcome> {
    const { commandId } = command.metadata;
    const keyed = options.fingerprint !== undefined;
    if (keyed) {
      const seen = await this.store.findCommand(commandId);
      if (seen) return this.replay(seen, options.fingerprint);
    }
    try {
      const remembered = this.remembered(dossierId, command, options);
      if (remembered)
        try {
          return await this.decideAndAppend(dossierId, command, options, remembered);
        } catch (e) {
          // The remembered state was behind the stream: forget it and decide once more on the stream itself.
          if (!(e instanceof ConcurrencyError)) throw e;
          this.folded?.delete(dossierId);
        }
      return await this.decideAndAppend(dossierId, command, options, await this.load(dossierId));
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
      dossierId: dossierIdOf(seen.streamId)!,
      version: seen.version,
      eventTypes: (seen.result?.events as string[] | undefined) ?? [],
      duplicate: true,
      number: seen.result?.number as string | undefined,
    };
  }

  /** What this process last folded for the dossier, if it may stand in for reading the stream. */
  private remembered(dossierId: string, command: DossierCommand, options: ExecuteOptions): Folded | undefined {
    if (!this.folded) return undefined;
    const hit = this.folded.get(dossierId);
    // A pinned version the entry does not match is settled by the stream, not by memory.
    if (hit) return options.expectedVersion === undefined || options.expectedVersion === hit.version ? hit : undefined;
    // A registration of a dossier id never seen here: almost always a new stream (the append says if not).
    if (command.type === 'RegisterDossier' && options.expectedVersion === undefined) return { state: initialState(), version: 0 };
    return undefined;
  }

  private async decideAndAppend(
    dossierId: string,
    command: DossierCommand,
    options: ExecuteOptions,
    { state, version }: Folded,
  ): Promise<CommandOutcome> {
    if (options.expectedVersion !== undefined && options.expectedVersion !== version)
      throw new ConcurrencyError(dossierStream(dossierId), options.expectedVersion, version);
    const tenant = this.tenantOf(state, options.tenant ?? command.metadata.actor.tenant);
    // A registration is the registering officer's MPP's, whatever the request said.
    if (command.type === 'RegisterDossier' && tenant) command = { ...command, data: { ...command.data, tenant: tenant.code } };
    const definition = this.definitionFor(command, state, options.serviceCode, tenant);
    const numbering = this.numbers.numberingFor(
      command.type,
      definition.code,
      command.metadata.at,
      state,
      billDocumentOf(definition.fee),
      tenant && { code: tenant.code, prefix: tenant.prefix, home: tenant === this.tenants!.home, calendar: tenant.calendar },
    );
    // The number is drawn by the store inside the append (D16); the decision prints a placeholder the store replaces.
    const placeholder = numbering && `@@berkas-number-${randomUUID()}@@`;
    const events = decide(command, state, {
      definition,
      calendar: tenant?.calendar ?? this.calendar,
      tariffs: this.tariffs,
      documentNumber: placeholder,
      version: this.versionsFor(state, tenant),
      ...this.limits,
    });
    if (!events.length) return { dossierId, version, eventTypes: [], duplicate: false };

    const { actor, at, commandId } = command.metadata;
    const correlationId = currentCorrelationId();
    // A bank reference is one MPP's to hold: another MPP's bank may issue the same (the home tenant's keys stay as they were).
    const claims = uniqueClaimsOf(events).map((c) => (tenant && tenant !== this.tenants!.home ? `${tenant.code}:${c}` : c));
    const result = await this.store
      .appendToStream(
        dossierStream(dossierId),
        {
          events: events.map((e) => ({
            type: e.type,
            data: e.data as unknown as Record<string, unknown>,
            metadata: {
              commandId,
              at,
              actor: { officerId: actor.officerId, role: actor.role },
              ...(tenant ? { tenant: tenant.code } : {}),
              ...(correlationId ? { correlationId } : {}),
            },
          })),
          result: { events: events.map((e) => e.type), ...(placeholder ? { number: placeholder } : {}) },
          number: numbering && { sequence: numbering.sequence, prefix: numbering.prefix, placeholder: placeholder! },
          ...(claims.length ? { claims } : {}),
        },
        { expectedVersion: version, commandId, fingerprint: options.fingerprint },
      )
      .catch((e: unknown) => this.refuseTaken(e));
    if (result.duplicate) {
      this.folded?.delete(dossierId);
      return this.replay({ streamId: result.streamId, version: result.version, result: result.result }, undefined);
    }
    this.remember(dossierId, state, result.version, {
      events,
      placeholder,
      number: result.result?.number as string | undefined,
      at,
      by: actor.officerId,
    });
    return {
      dossierId: dossierIdOf(result.streamId)!,
      version: result.version,
      eventTypes: events.map((e) => e.type),
      duplicate: false,
      number: result.result?.number as string | undefined,
    };
  }

  /**
   * The MPP a command acts in: a new dossier's is the officer's (the home tenant's for a caller without one); an
   * existing dossier's is the one it was registered at, and an officer of another MPP is told it does not exist.
   */
  private tenantOf(state: DossierState, acting: string | undefined): Tenant | undefined {
    if (!this.tenants) return undefined;
    if (state.status === 'none') {
      const t = acting === undefined ? this.tenants.home : this.tenants.get(acting);
      if (!t) throw new DomainError('DOSSIER.NOT_FOUND', `No MPP "${acting}" in this deployment`);
      return t;
    }
    const t = this.tenants.of(state.tenant);
    if (acting !== undefined && acting !== t.code) throw new DomainError('DOSSIER.NOT_FOUND', 'No such dossier');
    return t;
  }

  /** A payment reference another dossier holds: refused, naming that dossier by its registration number. */
  private async refuseTaken(e: unknown): Promise<never> {
    if (!(e instanceof ClaimTakenError)) throw e;
    const claim = e.claim.replace(/^[a-z0-9-]+:/, '');
    const { channel, reference } = paymentOfClaim(claim) ?? { channel: '', reference: claim };
    const holder = dossierIdOf(e.holder);
    const registrationNumber = holder ? (await this.load(holder)).state.registrationNumber : '';
    throw new DomainError(
      'FEE.REFERENCE_USED_ELSEWHERE',
      `Payment ${reference} (${channel}) is already recorded on dossier ${registrationNumber || e.holder}`,
      { reference, channel, registrationNumber },
    );
  }

  /** Folds the appended events onto the state they were decided on: the dossier as of the new version. */
  private remember(
    dossierId: string,
    state: DossierState,
    version: number,
    appended: { events: DossierEvent[]; placeholder?: string; number?: string; at: string; by: string },
  ): void {
    if (!this.folded) return;
    const { placeholder, number, at, by } = appended;
    // The store put the drawn number where the decision had its placeholder; so does the remembered state.
    const events: DossierEvent[] =
      placeholder && number
        ? (JSON.parse(JSON.stringify(appended.events).replaceAll(placeholder, number)) as DossierEvent[])
        : appended.events;
    let next = state;
    for (const e of events) next = evolve(next, e, at, by);
    this.folded.set(dossierId, { state: next, version });
  }

  /** The versions a dossier may be moved to: the template's and its own MPP's (issue 23). */
  private versionsFor(state: DossierState, tenant: Tenant | undefined) {
    return (v: number) =>
      this.catalogue.visibleTo(state.service.code, v, tenant?.code ?? state.tenant) ? this.catalogue.get(state.service.code, v) : undefined;
  }

  /**
   * A new dossier is registered under the version its MPP registers under today (its own in effect, else the
   * template's); an existing one follows the version it was registered or moved to.
   */
  private definitionFor(command: DossierCommand, state: DossierState, serviceCode?: string, tenant?: Tenant): ServiceDefinition {
    const today = (tenant?.calendar ?? this.calendar).localDate(command.metadata.at);
    const def =
      command.type === 'RegisterDossier' && state.status === 'none'
        ? this.catalogue.current(serviceCode ?? '', tenant?.code, today)
        : this.catalogue.get(state.service.code, state.service.version);
    if (def) return def;
    if (state.status === 'none' && command.type !== 'RegisterDossier') throw new DomainError('DOSSIER.NOT_FOUND', 'No such dossier');
    throw new DomainError('SERVICE.UNKNOWN', `Unknown service "${serviceCode ?? state.service.code}"`, { service: serviceCode });
  }
}
