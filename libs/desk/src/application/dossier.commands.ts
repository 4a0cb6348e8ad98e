import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommand, type ICommandHandler } from '@nestjs/cqrs';
import { type Actor, type Applicant, type DossierCommand, type Particulars, type ServiceCatalogue } from '#berkas/domain';
import { DossierEventsCommitted } from '#berkas/read-models';
import type { SqlDatabase } from '#berkas/sql';
import { DomainError } from '#berkas/domain';
import { ConcurrencyError } from '#berkas/event-store';
import { CATALOGUE, Metrics, SQL_DATABASE, TENANTS, type Tenants } from '#berkas/platform';
import { DocumentNumbers } from './document-numbers.js';
import { DossierCommandService, type CommandOutcome } from './dossier-command.service.js';
import { PermitSigning } from './permit-signing.js';
import { permitOnRecord } from './permit-on-record.js';

type Options = { expectedVersion?: number; fingerprint?: string };

/** Any command on an existing dossier. */
export class RunDossierCommand implements ICommand {
  constructor(
    readonly dossierId: string,
    readonly command: DossierCommand,
    readonly options: Options = {},
  ) {}
}

@CommandHandler(RunDossierCommand)
export class RunDossierCommandHandler implements ICommandHandler<RunDossierCommand, CommandOutcome> {
  constructor(
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    private readonly eventBus: EventBus,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(PermitSigning) private readonly signing: PermitSigning,
  ) {}

  async execute({ dossierId, command, options }: RunDossierCommand): Promise<CommandOutcome> {
    // A signature is made in the PDF before the command is appended (D46).
    const run = () =>
      command.type === 'SignPermit' ? this.signing.sign(dossierId, command, options) : this.service.execute(dossierId, command, options);
    const outcome = await counted(this.metrics, command.type, run);
    if (outcome.eventTypes.length) this.eventBus.publish(new DossierEventsCommitted(outcome.dossierId, outcome.version));
    return outcome;
  }
}

async function counted<T extends { duplicate: boolean }>(metrics: Metrics, type: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const done = (outcome: string) => {
    metrics.commands.inc({ type, outcome });
    metrics.commandSeconds.observe({ type, outcome }, (performance.now() - started) / 1000);
  };
  try {
    const result = await run();
    done(result.duplicate ? 'duplicate' : 'ok');
    return result;
  } catch (e) {
    done(e instanceof DomainError ? 'refused' : e instanceof ConcurrencyError ? 'conflict' : 'error');
    throw e;
  }
}

export class RegisterDossierCommand implements ICommand {
  constructor(
    readonly service: string,
    readonly applicant: Applicant,
    readonly requirements: string[],
    readonly inputs: Record<string, number>,
    readonly actor: Actor,
    readonly commandId: string,
    readonly at: string,
    /** Hash of the request, when the client sent an Idempotency-Key. */
    readonly fingerprint?: string,
    /** The particulars taken down, the variant (new unless given), and for a renewal or amendment the previous permit's number. */
    readonly application: { particulars?: Particulars; variant?: string; previousPermitNumber?: string; draft?: string } = {},
  ) {}
}

export interface Receipt extends CommandOutcome {
  registrationNumber: string;
  /** Printed on the receipt; the store keeps only its hash. A retry prints the same PIN. */
  pin: string;
}

/** Registration at the front desk: the dossier is numbered in the transaction that registers it. */
@CommandHandler(RegisterDossierCommand)
export class RegisterDossierHandler implements ICommandHandler<RegisterDossierCommand, Receipt> {
  constructor(
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    @Inject(DocumentNumbers) private readonly numbers: DocumentNumbers,
    private readonly eventBus: EventBus,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}

  /** The previous permit from the register, as the decider judges it (service, holder, revocation). */
  private async previousPermit(tenant: string, permitNumber: string) {
    const found = await permitOnRecord(this.db, this.catalogue, tenant, permitNumber);
    if (!found)
      throw new DomainError('REGISTRATION.PREVIOUS_PERMIT_INVALID', `Permit ${permitNumber} is not in the register`, {
        permitNumber,
        found: false,
      });
    const { summary: s, permit, validUntil } = found;
    return {
      permitNumber: permit.number,
      registrationNumber: s.registrationNumber,
      issuedAt: permit.issuedAt,
      ...(validUntil ? { validUntil } : {}),
      serviceCode: s.service.code,
      holderNik: s.applicant.nik,
      revoked: Boolean(permit.revoked),
    };
  }

  async execute(c: RegisterDossierCommand): Promise<Receipt> {
    const dossierId = randomUUID();
    const { particulars, variant, previousPermitNumber, draft } = c.application;
    // A renewal starts from a permit of the officer's own MPP.
    const previousPermit = previousPermitNumber
      ? await this.previousPermit(this.tenants.of(c.actor.tenant).code, previousPermitNumber)
      : undefined;
    const outcome = await counted(this.metrics, 'RegisterDossier', () =>
      this.service.execute(
        dossierId,
        {
          type: 'RegisterDossier',
          // The registration number is drawn by the command path, in the append's transaction.
          data: {
            dossierId,
            applicant: c.applicant,
            requirements: c.requirements,
            inputs: c.inputs,
            ...(particulars ? { particulars } : {}),
            ...(variant ? { variant } : {}),
            ...(previousPermit ? { previousPermit } : {}),
            ...(draft ? { draft } : {}),
          },
          metadata: { commandId: c.commandId, actor: c.actor, at: c.at },
        },
        { serviceCode: c.service, fingerprint: c.fingerprint },
      ),
    );
    if (!outcome.duplicate) this.eventBus.publish(new DossierEventsCommitted(outcome.dossierId, outcome.version));
    const registrationNumber = outcome.number!;
    return { ...outcome, registrationNumber, pin: this.numbers.pin(outcome.dossierId) };
  }
}
