import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Answer schemas for the OpenAPI document: what each read returns, at the level a client codes against.

/** A text in Bahasa Indonesia and English. */
export class LabelView {
  @ApiProperty({ example: 'Verifikasi berkas' })
  id!: string;

  @ApiProperty({ example: 'Dossier verification' })
  en!: string;
}

export class DueDateView {
  @ApiProperty({ format: 'date-time' })
  dueAt!: string;

  @ApiProperty({ description: 'true: the due date reaches a year with no published holiday calendar' })
  provisional!: boolean;
}

export class OfficerView {
  @ApiProperty({ example: 'officer-verifikator' })
  officerId!: string;

  @ApiProperty({ example: 'verifikator' })
  username!: string;

  @ApiProperty({ example: 'Agus Verifikator' })
  name!: string;

  @ApiProperty({ enum: ['front-desk', 'processor', 'supervisor', 'admin'] })
  role!: string;

  @ApiProperty({ type: [String], example: ['back-office'] })
  desks!: string[];

  @ApiProperty()
  active!: boolean;
}

export class LoginView {
  @ApiProperty({ description: 'bearer token (HS256 JWT with exp)' })
  accessToken!: string;

  @ApiProperty({ type: 'object', additionalProperties: true, description: 'officerId, name, role, desks' })
  officer!: Record<string, unknown>;
}

export class QueueItemView {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ example: 'PBG-2026-000001' }) registrationNumber!: string;
  @ApiProperty({ example: 'pbg' }) service!: string;
  @ApiProperty() applicantName!: string;
  @ApiProperty({ example: 'in-process' }) publicStatus!: string;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description: 'id and label of the step' })
  step!: Record<string, unknown> | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) waitingSince!: string | null;
  @ApiPropertyOptional({ format: 'date-time', nullable: true }) stepDueAt!: string | null;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() dueProvisional!: boolean;
  @ApiProperty() stepDueProvisional!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiPropertyOptional({ nullable: true, description: 'officer holding the dossier at this desk' }) heldBy!: string | null;
}

export class QueueView {
  @ApiProperty({ example: 'back-office' }) desk!: string;
  @ApiProperty({ type: LabelView }) name!: LabelView;
  @ApiProperty({ type: [QueueItemView] }) items!: QueueItemView[];
  @ApiProperty({ description: 'dossiers waiting in all, with the same filter' }) total!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

export class SearchItemView {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ example: 'PBG-2026-000001' }) registrationNumber!: string;
  @ApiProperty({ example: 'pbg' }) service!: string;
  @ApiProperty() applicantName!: string;
  @ApiPropertyOptional({ nullable: true }) permitNumber!: string | null;
  @ApiProperty({ enum: ['in-process', 'returned', 'issued', 'handed-over', 'rejected', 'withdrawn'] }) lifecycle!: string;
  @ApiProperty({ example: 'in-process' }) publicStatus!: string;
  @ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description: 'id and label of the step' })
  step!: Record<string, unknown> | null;
  @ApiProperty({ type: [String], description: 'desks the dossier waits at now' }) pendingDesks!: string[];
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() overdue!: boolean;
}

export class SearchView {
  @ApiProperty({ type: [SearchItemView] }) items!: SearchItemView[];
  @ApiProperty({ description: 'every match this officer may see, whatever the page' }) total!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

export class ReturnedItemView {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty({ example: 'PBG-2026-000003' }) registrationNumber!: string;
  @ApiProperty({ example: 'pbg' }) service!: string;
  @ApiProperty() applicantName!: string;
  @ApiPropertyOptional({ nullable: true }) applicantPhone!: string | null;
  @ApiProperty({ description: 'the desk that returned it (it goes back there)' }) desk!: string;
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty({ format: 'date-time' }) returnedAt!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
}

export class ReturnedView {
  @ApiProperty({ type: [ReturnedItemView] }) items!: ReturnedItemView[];
  @ApiProperty() total!: number;
  @ApiProperty({ example: 50 }) limit!: number;
  @ApiProperty({ example: 0 }) offset!: number;
}

export class HistoryEntryView {
  @ApiProperty() version!: number;
  @ApiProperty({ example: 'StepCompleted' }) type!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiPropertyOptional({ nullable: true }) officerId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
}

const obj = (description: string) => ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description });

export class AvailableCommandView {
  @ApiProperty({ description: 'the command type, e.g. ClaimDossier, CompleteStep, RecordPayment' }) type!: string;
  @ApiProperty({ required: false }) desk?: string;
  @ApiProperty({ required: false, enum: ['forward', 'reject'] }) outcome?: string;
  @ApiProperty({ required: false }) positive?: boolean;
}

export class AvailabilityView {
  @ApiProperty({ required: false, description: 'the desk of the current step the officer works it from' }) desk?: string;
  @ApiProperty({ required: false, description: 'another officer holds it at that desk' }) heldBy?: string;
  @ApiProperty({ type: [AvailableCommandView] }) commands!: AvailableCommandView[];
}

export class DossierDetailView {
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'code, version, name, fiktifPositif' })
  service!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'name, nik, phone (personal data: need to know, logged)' })
  applicant!: Record<string, unknown>;
  @ApiProperty({ enum: ['in-process', 'returned', 'issued', 'handed-over', 'rejected', 'withdrawn'] }) lifecycle!: string;
  @ApiProperty() publicStatus!: string;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ type: DueDateView }) due!: DueDateView;
  @obj('the current step: id, kind, label, desks, pendingDesks, startedAt, due') step!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'desk -> officer holding it' })
  holders!: Record<string, string>;
  @obj('reasons for correction, returnedAt, resubmittedAt') correction!: Record<string, unknown> | null;
  @obj('skrdNumber, lines, total, paid, outstanding') fee!: Record<string, unknown> | null;
  @obj('approved, at, reasons, letterNumber') decision!: Record<string, unknown> | null;
  @obj('number, verificationCode, issuedAt') permit!: Record<string, unknown> | null;
  @ApiProperty({ description: 'ETag: send as If-Match' }) version!: number;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
  @ApiProperty({ type: AvailabilityView, description: 'what the signed-in officer may do now, as the decider answers' })
  available!: AvailabilityView;
}

export class StatisticsView {
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'per service: byStatus, closed, onTimeRate, overdueOpen',
  })
  services!: Record<string, unknown>[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description:
      'per desk: visits, open and overdueOpen (as its queue counts them), averageHours and averageWorkingDays of finished visits',
  })
  desks!: Record<string, unknown>[];
}

export class AccessEntryView {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty() officerId!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ format: 'uuid' }) dossierId!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ example: 'detail' }) what!: string;
  @ApiProperty({ description: 'false: the read was refused' }) allowed!: boolean;
}

export class AccessLogView {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [AccessEntryView] }) items!: AccessEntryView[];
}

export class SweepView {
  @ApiProperty({ type: [String], description: 'registration numbers deemed approved now' }) deemedApproved!: string[];
}

export class TrackingView {
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ type: LabelView }) service!: LabelView;
  @ApiProperty({ example: 'B*** S******', description: 'masked name' }) applicant!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'code, id, en' }) status!: Record<string, unknown>;
  @obj('step and desks (labels)') stage!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() dueProvisional!: boolean;
  @ApiProperty() overdue!: boolean;
  @obj('reasons, returnedAt, resubmittedAt') correction!: Record<string, unknown> | null;
  @obj('skrdNumber, lines, total, paid, outstanding') fee!: Record<string, unknown> | null;
  @ApiProperty() readyToCollect!: boolean;
  @obj('number, issuedAt') permit!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'at, text (id, en)' })
  timeline!: Record<string, unknown>[];
}

export class PermitVerificationView {
  @ApiProperty({ description: 'issued here and not revoked' }) valid!: boolean;
  @ApiProperty({ enum: ['valid', 'revoked'] }) status!: string;
  @obj('at, reason: when and why the issuer revoked it') revoked!: Record<string, unknown> | null;
  @ApiProperty({ example: 'PBG/2026/000001' }) permitNumber!: string;
  @ApiProperty({ type: LabelView }) service!: LabelView;
  @ApiProperty({ example: 'B*** S******', description: 'masked holder' }) holder!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}

export class DossierAsOfView {
  @ApiProperty({ description: 'the event number this is the state after' }) version!: number;
  @ApiProperty({ description: "the dossier's newest event number" }) latestVersion!: number;
  @ApiProperty({ format: 'date-time', description: 'when that event happened' }) at!: string;
  @ApiProperty({ example: 'StepCompleted' }) event!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty() lifecycle!: string;
  @ApiProperty() publicStatus!: string;
  @obj('the step then') step!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) holders!: Record<string, string>;
  @obj('the fee then') fee!: Record<string, unknown> | null;
}

export class DashboardView {
  @ApiProperty({ example: '2026-11-01' }) from!: string;
  @ApiProperty({ example: '2026-11-30' }) to!: string;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'date, registered, closed' })
  perDay!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'open, longest first: workingDays' })
  slowest!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'no move for stuckAfter working days' })
  stuck!: Record<string, unknown>[];
  @ApiProperty({ description: 'the threshold asked for, else STUCK_AFTER_WORKING_DAYS' }) stuckAfter!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'unit (day, week or month by the period length), buckets (first day of each), services[{service, points[{count, onTime, rate}]}], desks[{desk, points[{count, onTime, rate, averageHours}]}]',
  })
  trend!: Record<string, unknown>;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: 'SKM per service in the period: respondents, elements (NRR of the nine), index (IKM x 25), grade A-D',
  })
  ikm!: Record<string, unknown>[];
}
