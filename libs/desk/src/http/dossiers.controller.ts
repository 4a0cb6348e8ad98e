import { Body, Controller, Headers, HttpCode, Inject, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { DossierCommand, DossierCommandType } from '#berkas/domain';
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
import { ApiProblems, ValidationProblem } from '#berkas/platform';
import { OfficerRepository } from '../auth/officer.repository.js';
import { RegisterDossierCommand, RunDossierCommand, type Receipt } from '../application/dossier.commands.js';
import { DossierCommandService, type CommandOutcome } from '../application/dossier-command.service.js';
import {
  AnswerComplaintDto,
  ApproveDto,
  AssessFeeDto,
  CancelFeeDto,
  CompleteStepDto,
  DeskDto,
  EmptyDto,
  HandOverDto,
  InspectionReportDto,
  NoteDto,
  PaymentDto,
  ReassignDto,
  RecommendationDto,
  RegisterDossierDto,
  RejectDto,
  ReturnDto,
  RevokeDto,
  ScheduleInspectionDto,
  WithdrawDto,
} from './dtos/index.js';

type DataOf<T extends DossierCommandType> = Extract<DossierCommand, { type: T }>['data'];

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
export class DossiersController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(DocumentNumbers) private readonly numbers: DocumentNumbers,
    @Inject(DossierCommandService) private readonly preview: DossierCommandService,
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
  ) {}

  @Post('dossiers')
  @Roles('front-desk')
  @ApiCreatedResponse({ type: ReceiptView })
  @ApiProblems(400, 401, 403, 413, 422, 503)
  @ApiOperation({ summary: 'Register a complete dossier at the front desk (receipt with registration number and PIN)' })
  async register(@CurrentOfficer() officer: OfficerClaims, @Body() body: RegisterDossierDto, @Headers() h: Record<string, string>) {
    const key = h['idempotency-key'];
    const receipt = await this.commands.execute<RegisterDossierCommand, Receipt>(
      new RegisterDossierCommand(
        body.service,
        body.applicant,
        body.requirements,
        body.inputs ?? {},
        officer,
        commandId(officer, key),
        new Date().toISOString(),
        fingerprint(key, 'RegisterDossier', undefined, body),
      ),
    );
    return { ...view(receipt), registrationNumber: receipt.registrationNumber, pin: receipt.pin };
  }

  @Post('dossiers/:id/claim')
  @HttpCode(200)
  @CommandAnswers()
  claim(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: DeskDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'ClaimDossier', { desk: b.desk }, b);
  }

  @Post('dossiers/:id/release')
  @HttpCode(200)
  @CommandAnswers()
  release(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: DeskDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'ReleaseDossier', { desk: b.desk }, b);
  }

  @Post('dossiers/:id/reassign')
  @HttpCode(200)
  @CommandAnswers()
  @Roles('supervisor')
  async reassign(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: ReassignDto,
    @Headers() h: Record<string, string>,
  ) {
    const data = { desk: b.desk, toOfficerId: b.toOfficerId, reason: b.reason };
    // Only to an active officer who holds the desk the dossier waits at: anyone else could not act on it, and the desk
    // would be blocked from it. The desk is the one the decision resolves (a preview changes nothing).
    const [reassigned] = await this.preview.preview(id, {
      type: 'ReassignDossier',
      data,
      metadata: { commandId: 'preview', actor: o, at: new Date().toISOString() },
    });
    const desk = reassigned?.type === 'DossierReassigned' ? reassigned.data.desk : b.desk;
    const target = await this.officers.findById(b.toOfficerId);
    if (!target?.active) throw new ValidationProblem([{ field: 'toOfficerId', reason: 'is not an active officer' }]);
    if (desk && !target.desks.includes(desk))
      throw new ValidationProblem([{ field: 'toOfficerId', reason: `does not hold desk "${desk}"` }]);
    return this.run(id, o, h, 'ReassignDossier', data, b);
  }

  @Post('dossiers/:id/complete')
  @HttpCode(200)
  @CommandAnswers()
  @ApiOperation({ summary: 'Finish a review or fee step: forward, or recommend rejection' })
  complete(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: CompleteStepDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'CompleteStep', { desk: b.desk, outcome: b.outcome, note: b.note, reasons: b.reasons }, b);
  }

  @Post('dossiers/:id/return')
  @HttpCode(200)
  @CommandAnswers()
  @ApiOperation({ summary: 'Return to the applicant for correction, with reasons they will see' })
  returnForCorrection(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: ReturnDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'ReturnForCorrection', { desk: b.desk, reasons: b.reasons }, b);
  }

  @Post('dossiers/:id/resubmit')
  @HttpCode(200)
  @CommandAnswers()
  @Roles('front-desk')
  @ApiOperation({ summary: 'Take corrections in at the front desk; the dossier goes back to the desk that returned it' })
  resubmit(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: NoteDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'ResubmitCorrections', { note: b.note }, b);
  }

  @Post('dossiers/:id/inspection')
  @HttpCode(200)
  @CommandAnswers()
  scheduleInspection(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: ScheduleInspectionDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'ScheduleInspection', { desk: b.desk, scheduledFor: b.scheduledFor, note: b.note }, b);
  }

  @Post('dossiers/:id/inspection-report')
  @HttpCode(200)
  @CommandAnswers()
  recordInspection(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: InspectionReportDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(
      id,
      o,
      h,
      'RecordInspection',
      { desk: b.desk, result: b.result, reportNumber: b.reportNumber, findings: b.findings },
      b,
    );
  }

  @Post('dossiers/:id/recommendation')
  @HttpCode(200)
  @CommandAnswers()
  recommend(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: RecommendationDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'RecordRecommendation', { desk: b.desk, positive: b.positive, note: b.note }, b);
  }

  @Post('dossiers/:id/fee')
  @HttpCode(200)
  @CommandAnswers()
  @ApiOperation({ summary: 'Assess the fee and issue the SKRD (all lines at once)' })
  assessFee(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: AssessFeeDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'AssessFee', { inputs: b.inputs, exemption: b.exemption }, b);
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
      metadata: { commandId: 'preview', actor: o, at: new Date().toISOString() },
    });
    if (assessed?.type !== 'FeeAssessed') throw new Error('AssessFee decided no FeeAssessed');
    const { lines, total, inputs, exemption } = assessed.data;
    return { lines, total, inputs, ...(exemption ? { exemption } : {}) };
  }

  @Post('dossiers/:id/fee/cancel')
  @HttpCode(200)
  @CommandAnswers()
  @ApiOperation({ summary: 'Cancel an SKRD issued wrong (nothing paid on it yet), with the reason; the fee can then be assessed again' })
  cancelFee(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: CancelFeeDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'CancelFeeAssessment', { reason: b.reason }, b);
  }

  @Post('dossiers/:id/payments')
  @HttpCode(200)
  @CommandAnswers()
  pay(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: PaymentDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'RecordPayment', { reference: b.reference, amount: b.amount, channel: b.channel }, b);
  }

  @Post('dossiers/:id/approve')
  @HttpCode(200)
  @CommandAnswers()
  approve(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: ApproveDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'ApproveDossier', { note: b.note }, b);
  }

  @Post('dossiers/:id/reject')
  @HttpCode(200)
  @CommandAnswers()
  reject(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: RejectDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'RejectDossier', { reasons: b.reasons }, b);
  }

  @Post('dossiers/:id/sign')
  @HttpCode(200)
  @CommandAnswers()
  sign(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() _b: EmptyDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'SignPermit', {}, _b);
  }

  @Post('dossiers/:id/issue')
  @HttpCode(200)
  @CommandAnswers()
  @ApiOperation({ summary: 'Number and issue the permit (refused until the fee is paid in full)' })
  issue(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() _b: EmptyDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'IssuePermit', { verificationCode: this.numbers.verificationCode() }, _b);
  }

  @Post('dossiers/:id/handover')
  @HttpCode(200)
  @CommandAnswers()
  handOver(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: HandOverDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'HandOverPermit', { receivedBy: b.receivedBy }, b);
  }

  @Post('dossiers/:id/withdraw')
  @HttpCode(200)
  @CommandAnswers()
  withdraw(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: WithdrawDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'WithdrawDossier', { reason: b.reason }, b);
  }

  /** Supervisors: the answer to an applicant's complaint, shown on their tracking page and kept in the trail. */
  @Post('dossiers/:id/complaint-answer')
  @HttpCode(200)
  @CommandAnswers()
  answerComplaint(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: AnswerComplaintDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'AnswerComplaint', { complaintNumber: b.complaintNumber, answer: b.answer.trim() }, b);
  }

  /** Supervisors: an issued permit revoked (pencabutan), with a reason its verification page shows at once. */
  @Post('dossiers/:id/revoke')
  @HttpCode(200)
  @CommandAnswers()
  revoke(
    @Param('id', ParseUUIDPipe) id: string,
    @CurrentOfficer() o: OfficerClaims,
    @Body() b: RevokeDto,
    @Headers() h: Record<string, string>,
  ) {
    return this.run(id, o, h, 'RevokePermit', { reason: b.reason.trim() }, b);
  }

  private async run<T extends DossierCommandType>(
    dossierId: string,
    officer: OfficerClaims,
    headers: Record<string, string>,
    type: T,
    data: DataOf<T>,
    body: object,
  ) {
    const key = headers['idempotency-key'];
    const command = {
      type,
      data,
      metadata: { commandId: commandId(officer, key), actor: officer, at: new Date().toISOString() },
    } as DossierCommand;
    const outcome = await this.commands.execute<RunDossierCommand, CommandOutcome>(
      new RunDossierCommand(dossierId, command, {
        expectedVersion: expectedVersion(headers['if-match']),
        fingerprint: fingerprint(key, type, dossierId, body),
      }),
    );
    return view(outcome);
  }
}
