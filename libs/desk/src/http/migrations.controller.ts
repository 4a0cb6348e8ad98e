import { randomUUID } from 'node:crypto';
import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import {
  DomainError,
  stepDesks,
  type DossierCommand,
  type DossierEvent,
  type DossierState,
  type EventOf,
  type Label,
  type ServiceCatalogue,
} from '#berkas/domain';
import { migrationCandidates } from '#berkas/read-models';
import type { SqlDatabase } from '#berkas/sql';
import { ApiProblems, CATALOGUE, CLOCK, SQL_DATABASE, type Clock } from '#berkas/platform';
import { DossierCommandService, type CommandOutcome } from '../application/dossier-command.service.js';
import { RunDossierCommand } from '../application/dossier.commands.js';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { BatchMigrationDto, MigrationDto } from './dtos/index.js';

class StepAtView {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the step label, { id, en }' }) label!: Label;
  @ApiProperty({ type: [String] }) desks!: string[];
  @ApiProperty({ description: "the step's due date" }) stepDueAt!: string;
  @ApiProperty({ description: "the service's due date" }) dueAt!: string;
}

class MigrationSideView extends StepAtView {
  @ApiProperty() version!: number;
}

class MigrationPreviewView {
  @ApiProperty() dossierId!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ type: MigrationSideView }) from!: MigrationSideView;
  @ApiProperty({ type: MigrationSideView }) to!: MigrationSideView;
  @ApiProperty({ description: 'the fee under each version for the dossier’s data (none assessed yet), or the SKRD that stands (kept)' })
  fee!: { before?: number; after?: number; kept?: string };
  @ApiProperty({ description: 'papers the new version asks for that the dossier lacks: the desk asks the applicant' })
  requirementsMissing!: { code: string; label: Label }[];
  @ApiPropertyOptional({ type: [String], description: 'conditional steps of the new version this dossier passes by' })
  skipped?: string[];
}

class BatchItemView {
  @ApiProperty() dossierId!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ description: 'moved (run), would move (preview), or refused with the reason' }) ok!: boolean;
  @ApiPropertyOptional({ type: MigrationPreviewView }) preview?: MigrationPreviewView;
  @ApiPropertyOptional({ description: 'the refusal: { code, message }' }) refused?: { code: string; message: string };
}

class BatchView {
  @ApiProperty({ description: 'the batch id every migrated dossier’s trail names' }) batch!: string;
  @ApiProperty({ enum: ['preview', 'run'] }) mode!: 'preview' | 'run';
  @ApiProperty({ description: 'how many dossiers match the filter (at most 200 are taken per request)' }) matched!: number;
  @ApiProperty({ type: [BatchItemView] }) items!: BatchItemView[];
}

/** At most this many dossiers are previewed or moved per request; the rest are taken by the next one. */
const BATCH_LIMIT = 200;

/**
 * Issue 23: running dossiers moved to another published version of their service, one (POST
 * /api/dossiers/:id/migration, a command route) or a batch (here), always previewable first: the step they will be
 * at, their due dates and fee before and after, and what the new version asks that they lack.
 */
@ApiTags('migrations')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api')
export class MigrationsController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('dossiers/:id/migration/preview')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: MigrationPreviewView })
  @ApiProblems(400, 401, 403, 404, 422, 503)
  @ApiOperation({ summary: 'What moving the dossier to another version would change (step, due dates, fee), changing nothing' })
  async preview(@Param('id', ParseUUIDPipe) id: string, @CurrentOfficer() o: OfficerClaims, @Body() b: MigrationDto) {
    return this.previewOne(id, o, b);
  }

  @Post('migrations')
  @HttpCode(200)
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: BatchView })
  @ApiProblems(400, 401, 403, 422, 503)
  @ApiOperation({
    summary:
      'Preview (mode preview, the default) or run a migration of the running dossiers of one service version, at one step if given; each moved dossier’s trail names the batch',
  })
  async batch(@CurrentOfficer() o: OfficerClaims, @Body() b: BatchMigrationDto): Promise<BatchView> {
    const mode = b.mode ?? 'preview';
    const batch = randomUUID();
    const { items, total } = await migrationCandidates(this.db, o.tenant, b.filter, BATCH_LIMIT);
    const results: BatchItemView[] = [];
    // One after another: each is its own command on its own stream, and a refusal stops only its dossier.
    for (const c of items) {
      const item: BatchItemView = { dossierId: c.dossierId, registrationNumber: c.registrationNumber, ok: false };
      try {
        item.preview = await this.previewOne(c.dossierId, o, b);
        if (mode === 'run') await this.run(c.dossierId, o, b, batch);
        item.ok = true;
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        item.refused = { code: e.code, message: e.message };
      }
      results.push(item);
    }
    return { batch, mode, matched: total, items: results };
  }

  private async run(dossierId: string, o: OfficerClaims, b: MigrationDto, batch: string): Promise<CommandOutcome> {
    const command: DossierCommand = {
      type: 'MigrateDossier',
      data: this.data(b, batch),
      // One command id per batch and dossier: a batch retried by the same request does not move a dossier twice.
      metadata: { commandId: `migration:${batch}:${dossierId}`, actor: o, at: this.clock.now() },
    };
    return this.commands.execute<RunDossierCommand, CommandOutcome>(new RunDossierCommand(dossierId, command));
  }

  private data(b: MigrationDto, batch?: string) {
    return {
      toVersion: b.toVersion,
      reason: b.reason.trim(),
      ...(batch ? { batch } : {}),
      ...(b.stepMapping ? { stepMapping: b.stepMapping } : {}),
      ...(b.particulars ? { particulars: b.particulars } : {}),
      ...(b.inputs ? { inputs: b.inputs } : {}),
    };
  }

  private async previewOne(id: string, o: OfficerClaims, b: MigrationDto): Promise<MigrationPreviewView> {
    const { state } = await this.service.load(id);
    const events = await this.service.preview(
      id,
      { type: 'MigrateDossier', data: this.data(b), metadata: { commandId: 'preview', actor: o, at: this.clock.now() } },
      state,
    );
    const migrated = events.find((e): e is EventOf<'DossierMigrated'> => e.type === 'DossierMigrated');
    const started = events.find((e): e is EventOf<'StepStarted'> => e.type === 'StepStarted');
    if (!migrated || !started) throw new Error('MigrateDossier decided no DossierMigrated and StepStarted');
    const target = this.catalogue.get(state.service.code, b.toVersion)!;
    return {
      dossierId: id,
      registrationNumber: state.registrationNumber,
      from: this.side(state),
      to: {
        version: target.version,
        id: started.data.stepId,
        label: target.steps[started.data.stepIndex]!.label,
        desks: started.data.desks,
        stepDueAt: started.data.due.dueAt,
        dueAt: migrated.data.due.dueAt,
      },
      fee: migrated.data.fee,
      requirementsMissing: migrated.data.requirementsMissing.map((code) => ({
        code,
        label: target.requirements.find((r) => r.code === code)!.label,
      })),
      ...skippedOf(events),
    };
  }

  private side(state: DossierState): MigrationSideView {
    const def = this.catalogue.get(state.service.code, state.service.version);
    const step = def?.steps[state.stepIndex];
    return {
      version: state.service.version,
      id: step?.id ?? '',
      label: step?.label ?? { id: '', en: '' },
      desks: step ? stepDesks(step) : [],
      stepDueAt: state.stepDue.dueAt,
      dueAt: state.due.dueAt,
    };
  }
}

const skippedOf = (events: DossierEvent[]) => {
  const s = events.find((e): e is EventOf<'StepStarted'> => e.type === 'StepStarted')?.data.skipped;
  return s?.length ? { skipped: s } : {};
};
