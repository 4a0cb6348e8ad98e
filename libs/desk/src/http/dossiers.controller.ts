import { Body, Controller, HttpCode, Inject, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DossierCommand, DossierCommandType } from '#berkas/domain';
import { ApiProblems, CLOCK, ValidationProblem, type Clock } from '#berkas/platform';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { DocumentNumbers } from '../application/document-numbers.js';
import {
  CommandAnswers,
  commandId,
  expectedVersion,
  FeePreviewView,
  fingerprint,
  outcomeView as view,
  ReceiptView,
} from './command-headers.js';
import { OfficerRepository } from '../auth/officer.repository.js';
import { RegisterDossierCommand, RunDossierCommand, type Receipt } from '../application/dossier.commands.js';
import { DossierCommandService, type CommandOutcome } from '../application/dossier-command.service.js';
import { AssessFeeDto, ReassignDto, RegisterDossierDto, ReprintReceiptDto } from './dtos/index.js';
import { COMMAND_ROUTES, CommandRequestOf, installCommandRoutes, type CommandRequest, type CommandRunner } from './command-routes.js';

/**
 * The commands officers give: registration, reassignment and the fee preview
 * here, every other command from the table in command-routes.ts (installed on
 * this class below). Each goes through the CommandBus to the one command path.
 */
@ApiTags('dossiers')
@ApiBearerAuth()
@ApiHeader({
  name: 'Idempotency-Key',
  required: false,
  description:
    'one key per intended command: a retry of the same request answers the first outcome (duplicate: true); the same key on another request is a 422',
})
@ApiHeader({ name: 'If-Match', required: false, description: 'the dossier version (ETag) you acted on; 409 if it moved' })
@UseGuards(OfficerGuard)
@Controller('api')
export class DossiersController implements CommandRunner {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DocumentNumbers) private readonly numbers: DocumentNumbers,
    @Inject(DossierCommandService) private readonly preview: DossierCommandService,
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('dossiers')
  @Roles('front-desk')
  @ApiCreatedResponse({ type: ReceiptView })
  @ApiProblems(400, 401, 403, 413, 422, 503)
  @ApiOperation({ summary: 'Register a complete dossier at the front desk (receipt with registration number and PIN)' })
  async register(@CommandRequestOf() request: CommandRequest, @Body() body: RegisterDossierDto) {
    const { officer, idempotencyKey: key } = request;
    const receipt = await this.commands.execute<RegisterDossierCommand, Receipt>(
      new RegisterDossierCommand(
        body.service,
        body.applicant,
        body.requirements,
        body.inputs ?? {},
        officer,
        commandId(officer, key),
        this.clock.now(),
        fingerprint(key, 'RegisterDossier', undefined, body),
        { particulars: body.particulars, variant: body.variant, previousPermitNumber: body.previousPermitNumber },
      ),
    );
    return { ...view(receipt), registrationNumber: receipt.registrationNumber, pin: receipt.pin };
  }

  @Post('dossiers/:id/reassign')
  @HttpCode(200)
  @CommandAnswers()
  @Roles('supervisor')
  async reassign(@Param('id', ParseUUIDPipe) id: string, @CommandRequestOf() request: CommandRequest, @Body() b: ReassignDto) {
    const o = request.officer;
    const data = { desk: b.desk, toOfficerId: b.toOfficerId, reason: b.reason };
    // Only to an active officer who holds the desk the dossier waits at: anyone else could not act on it, and the desk
    // would be blocked from it. The desk is the one the decision resolves (a preview changes nothing).
    const [reassigned] = await this.preview.preview(id, {
      type: 'ReassignDossier',
      data,
      metadata: { commandId: 'preview', actor: o, at: this.clock.now() },
    });
    const desk = reassigned?.type === 'DossierReassigned' ? reassigned.data.desk : b.desk;
    const target = await this.officers.findInTenant(o.tenant, b.toOfficerId);
    if (!target?.active) throw new ValidationProblem([{ field: 'toOfficerId', reason: 'is not an active officer' }]);
    if (desk && !target.desks.includes(desk))
      throw new ValidationProblem([{ field: 'toOfficerId', reason: `does not hold desk "${desk}"` }]);
    return this.runCommand(id, request, 'ReassignDossier', data, b);
  }

  @Post('dossiers/:id/receipt')
  @HttpCode(200)
  @CommandAnswers()
  @Roles('front-desk', 'supervisor')
  @ApiOperation({
    summary:
      'Print a lost receipt again: the same registration number and PIN, the reason kept in the trail (the applicant sees that it happened)',
  })
  async reprintReceipt(@Param('id', ParseUUIDPipe) id: string, @CommandRequestOf() request: CommandRequest, @Body() b: ReprintReceiptDto) {
    const outcome = await this.runCommand(id, request, 'ReprintReceipt', { reason: b.reason.trim() }, b);
    // The PIN is derived from the dossier id (D21), so the receipt printed again carries the same one.
    return { ...outcome, pin: this.numbers.pin(id) };
  }

  @Post('dossiers/:id/fee/preview')
  @HttpCode(200)
  @ApiOkResponse({ type: FeePreviewView })
  @ApiProblems(400, 401, 403, 404, 413, 422, 503)
  @ApiOperation({ summary: 'The SKRD the same request to /fee would issue now (lines and total), without issuing it' })
  async previewFee(@Param('id', ParseUUIDPipe) id: string, @CurrentOfficer() o: OfficerClaims, @Body() b: AssessFeeDto) {
    const [assessed] = await this.preview.preview(id, {
      type: 'AssessFee',
      data: { inputs: b.inputs, exemption: b.exemption },
      metadata: { commandId: 'preview', actor: o, at: this.clock.now() },
    });
    if (assessed?.type !== 'FeeAssessed') throw new Error('AssessFee decided no FeeAssessed');
    const { lines, total, inputs, exemption } = assessed.data;
    return { lines, total, inputs, ...(exemption ? { exemption } : {}) };
  }

  verificationCode(): string {
    return this.numbers.verificationCode();
  }

  /** Every command on an existing dossier: the officer, the two headers and the time go with it. */
  runCommand(dossierId: string, request: CommandRequest, type: DossierCommandType, data: object, body: object) {
    return runDossierCommand(this.commands, this.clock, dossierId, request, type, data, body);
  }
}

/**
 * A command on a dossier as an HTTP request gives it (its officer, Idempotency-Key and If-Match), through the one
 * command path; answered as every command route answers. `body` is what the idempotency fingerprint covers.
 */
export async function runDossierCommand(
  commands: CommandBus,
  clock: Clock,
  dossierId: string,
  request: CommandRequest,
  type: DossierCommandType,
  data: object,
  body: object,
) {
  const { officer, idempotencyKey: key } = request;
  const command = {
    type,
    data,
    metadata: { commandId: commandId(officer, key), actor: officer, at: clock.now() },
  } as DossierCommand;
  const outcome = await commands.execute<RunDossierCommand, CommandOutcome>(
    new RunDossierCommand(dossierId, command, {
      expectedVersion: expectedVersion(request.ifMatch),
      fingerprint: fingerprint(key, type, dossierId, body),
    }),
  );
  return view(outcome);
}

installCommandRoutes(DossiersController, COMMAND_ROUTES);
