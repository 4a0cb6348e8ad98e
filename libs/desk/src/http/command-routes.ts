import {
  applyDecorators,
  Body,
  createParamDecorator,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  type ExecutionContext,
  type Type,
} from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import type { DossierCommand, DossierCommandType, Role } from '#berkas/domain';
import { Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { CommandAnswers } from './command-headers.js';
import {
  AnswerComplaintDto,
  ApproveDto,
  AssessFeeDto,
  CancelFeeDto,
  CompleteStepDto,
  CorrectPaymentDto,
  RefundDepositDto,
  DeskDto,
  EmptyDto,
  HandOverDto,
  InspectionReportDto,
  NoteDto,
  PaymentDto,
  RecommendationDto,
  RejectDto,
  ReturnDto,
  RevokeDto,
  ScheduleInspectionDto,
  WithdrawDto,
  SendBackDto,
  RepairStepDto,
  MigrationDto,
} from './dtos/index.js';

type DataOf<T extends DossierCommandType> = Extract<DossierCommand, { type: T }>['data'];

/** What every command request brings besides its body: who sends it and its two headers. */
export interface CommandRequest {
  readonly officer: OfficerClaims;
  /** Idempotency-Key: one per intended command (a retry answers the first outcome). */
  readonly idempotencyKey: string | undefined;
  /** If-Match: the dossier version the officer acted on (409 if it moved). */
  readonly ifMatch: string | undefined;
}

/** The officer (set by OfficerGuard) and the command headers of the request. */
export const CommandRequestOf = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandRequest => {
  const req = ctx.switchToHttp().getRequest<{ officer: OfficerClaims; headers: Record<string, string | undefined> }>();
  return { officer: req.officer, idempotencyKey: req.headers['idempotency-key'], ifMatch: req.headers['if-match'] };
});

/** What a route's body becomes may need the desk's own services (the permit's verification code). */
export interface CommandDeps {
  verificationCode(): string;
}

/** One command on a dossier as the officers' API takes it: POST /api/dossiers/:id/<path>. */
interface CommandRoute<B extends object, T extends DossierCommandType> {
  /** The method name (Swagger's operation id). */
  readonly name: string;
  readonly path: string;
  readonly type: T;
  readonly body: Type<B>;
  readonly data: (body: B, deps: CommandDeps) => DataOf<T>;
  /** Checked before the decider (which checks again, with the desk and the state). */
  readonly roles?: Role[];
  readonly summary?: string;
}

const route = <B extends object, T extends DossierCommandType>(r: CommandRoute<B, T>) =>
  r as unknown as CommandRoute<object, DossierCommandType>;

/**
 * Every command route that is the body turned into a command and nothing else,
 * in one table (registration, reassignment and the fee preview have routes of
 * their own in DossiersController: they do more than that).
 */
export const COMMAND_ROUTES = [
  route({ name: 'claim', path: 'claim', type: 'ClaimDossier', body: DeskDto, data: (b) => ({ desk: b.desk }) }),
  route({ name: 'release', path: 'release', type: 'ReleaseDossier', body: DeskDto, data: (b) => ({ desk: b.desk }) }),
  route({
    name: 'complete',
    path: 'complete',
    type: 'CompleteStep',
    body: CompleteStepDto,
    data: (b) => ({ desk: b.desk, outcome: b.outcome, note: b.note, reasons: b.reasons }),
    summary: 'Finish a review or fee step: forward, or recommend rejection',
  }),
  route({
    name: 'returnForCorrection',
    path: 'return',
    type: 'ReturnForCorrection',
    body: ReturnDto,
    data: (b) => ({ desk: b.desk, reasons: b.reasons }),
    summary: 'Return to the applicant for correction, with reasons they will see',
  }),
  route({
    name: 'resubmit',
    path: 'resubmit',
    type: 'ResubmitCorrections',
    body: NoteDto,
    data: (b) => ({ note: b.note }),
    roles: ['front-desk'],
    summary: 'Take corrections in at the front desk; the dossier goes back to the desk that returned it',
  }),
  route({
    name: 'scheduleInspection',
    path: 'inspection',
    type: 'ScheduleInspection',
    body: ScheduleInspectionDto,
    data: (b) => ({ desk: b.desk, scheduledFor: b.scheduledFor, inspector: b.inspector?.trim() || undefined, note: b.note }),
    summary: 'Schedule a site inspection on a working day from today on, naming the inspector',
  }),
  route({
    name: 'recordInspection',
    path: 'inspection-report',
    type: 'RecordInspection',
    body: InspectionReportDto,
    data: (b) => ({ desk: b.desk, result: b.result, reportNumber: b.reportNumber, findings: b.findings }),
  }),
  route({
    name: 'recommend',
    path: 'recommendation',
    type: 'RecordRecommendation',
    body: RecommendationDto,
    data: (b) => ({ desk: b.desk, positive: b.positive, note: b.note }),
  }),
  route({
    name: 'assessFee',
    path: 'fee',
    type: 'AssessFee',
    body: AssessFeeDto,
    data: (b) => ({ inputs: b.inputs, exemption: b.exemption }),
    summary: 'Assess the fee and issue the SKRD (all lines at once)',
  }),
  route({
    name: 'cancelFee',
    path: 'fee/cancel',
    type: 'CancelFeeAssessment',
    body: CancelFeeDto,
    data: (b) => ({ reason: b.reason }),
    summary: 'Cancel an SKRD issued wrong (nothing paid on it yet), with the reason; the fee can then be assessed again',
  }),
  route({
    name: 'pay',
    path: 'payments',
    type: 'RecordPayment',
    body: PaymentDto,
    data: (b) => ({ reference: b.reference, amount: b.amount, channel: b.channel }),
  }),
  route({
    name: 'correctPayment',
    path: 'payments/correction',
    type: 'CorrectPayment',
    body: CorrectPaymentDto,
    data: (b) => ({ reference: b.reference, channel: b.channel, amount: b.amount, reason: b.reason.trim() }),
    roles: ['supervisor'],
    summary: 'Supervisors: correct a payment keyed in wrong (the amount it really was), with the reason; an event, never an edit',
  }),
  route({
    name: 'approve',
    path: 'approve',
    type: 'ApproveDossier',
    body: ApproveDto,
    // The approval numbers the permit; its verification code (the QR) comes with the number.
    data: (b, deps) => ({ note: b.note, verificationCode: deps.verificationCode() }),
    summary: 'Approve: the permit gets its number and verification code, and goes to the signing official',
  }),
  route({ name: 'reject', path: 'reject', type: 'RejectDossier', body: RejectDto, data: (b) => ({ reasons: b.reasons }) }),
  route({ name: 'sign', path: 'sign', type: 'SignPermit', body: EmptyDto, data: () => ({}) }),
  route({
    name: 'issue',
    path: 'issue',
    type: 'IssuePermit',
    body: EmptyDto,
    data: (_b, deps) => ({ verificationCode: deps.verificationCode() }),
    summary: 'Number and issue the permit (refused until the fee is paid in full)',
  }),
  route({ name: 'handOver', path: 'handover', type: 'HandOverPermit', body: HandOverDto, data: (b) => ({ receivedBy: b.receivedBy }) }),
  route({ name: 'withdraw', path: 'withdraw', type: 'WithdrawDossier', body: WithdrawDto, data: (b) => ({ reason: b.reason }) }),
  route({
    name: 'answerComplaint',
    path: 'complaint-answer',
    type: 'AnswerComplaint',
    body: AnswerComplaintDto,
    data: (b) => ({
      complaintNumber: b.complaintNumber,
      answer: b.answer.trim(),
      ...(b.duplicateOf ? { duplicateOf: b.duplicateOf } : {}),
    }),
    summary: "Supervisors: the answer to an applicant's complaint, shown on their tracking page and kept in the trail",
  }),
  route({
    name: 'refundDeposit',
    path: 'deposit-refund',
    type: 'RefundDeposit',
    body: RefundDepositDto,
    data: (b) => ({ reference: b.reference, reason: b.reason.trim() }),
    roles: ['supervisor'],
    summary:
      'Supervisors: the refundable deposit (the removal bond) paid back, with the transfer reference and why; once the dossier has left the desks',
  }),
  route({
    name: 'sendBack',
    path: 'send-back',
    type: 'SendBack',
    body: SendBackDto,
    data: (b) => ({ desk: b.desk, toStepId: b.toStepId, reasons: b.reasons }),
    summary: 'Send the dossier back to an earlier review desk, with the reasons (where the step allows it)',
  }),
  route({
    name: 'repairStep',
    path: 'repair',
    type: 'RepairStep',
    body: RepairStepDto,
    data: (b) => ({ toStepId: b.toStepId, reason: b.reason.trim() }),
    roles: ['supervisor', 'admin'],
    summary: 'Operator repair: move the dossier to another step of its definition, or repeat its step, with the reason',
  }),
  route({
    name: 'migrate',
    path: 'migration',
    type: 'MigrateDossier',
    body: MigrationDto,
    data: (b) => ({
      toVersion: b.toVersion,
      reason: b.reason.trim(),
      ...(b.stepMapping ? { stepMapping: b.stepMapping } : {}),
      ...(b.particulars ? { particulars: b.particulars } : {}),
      ...(b.inputs ? { inputs: b.inputs } : {}),
    }),
    roles: ['supervisor', 'admin'],
    summary: 'Move the dossier to another published version of its service (preview it first: POST …/migration/preview)',
  }),
  route({
    name: 'revoke',
    path: 'revoke',
    type: 'RevokePermit',
    body: RevokeDto,
    data: (b) => ({ reason: b.reason.trim() }),
    summary: 'Supervisors: an issued permit revoked (pencabutan), with a reason its verification page shows at once',
  }),
];

/** A controller that runs a command on a dossier: what every installed route calls. */
export interface CommandRunner extends CommandDeps {
  runCommand(dossierId: string, request: CommandRequest, type: DossierCommandType, data: object, body: object): Promise<unknown>;
}

/**
 * Gives the controller one method per route of the table, decorated as a
 * hand-written one would be (path, 200, the body's DTO for validation and the
 * OpenAPI document, roles, answers), each calling `runCommand`.
 */
export function installCommandRoutes(controller: Type<CommandRunner>, routes: readonly CommandRoute<object, DossierCommandType>[]): void {
  const proto = controller.prototype as Record<string, unknown>;
  for (const r of routes) {
    if (r.name in proto) throw new Error(`${controller.name} has a method ${r.name} already`);
    const handler = {
      [r.name](this: CommandRunner, id: string, request: CommandRequest, body: object) {
        return this.runCommand(id, request, r.type, r.data(body, this), body);
      },
    }[r.name];
    Object.defineProperty(proto, r.name, { value: handler, writable: true, configurable: true });
    // What TypeScript would have emitted for `(id: string, request: CommandRequest, body: Dto)`: the ValidationPipe
    // and Swagger read the body's class from it.
    Reflect.defineMetadata('design:paramtypes', [String, Object, r.body], proto, r.name);
    Param('id', ParseUUIDPipe)(proto, r.name, 0);
    CommandRequestOf()(proto, r.name, 1);
    Body()(proto, r.name, 2);
    applyDecorators(
      Post(`dossiers/:id/${r.path}`),
      HttpCode(200),
      CommandAnswers(),
      ...(r.roles ? [Roles(...r.roles)] : []),
      ...(r.summary ? [ApiOperation({ summary: r.summary })] : []),
    )(proto, r.name, Object.getOwnPropertyDescriptor(proto, r.name)!);
  }
}
