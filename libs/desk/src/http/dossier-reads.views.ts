import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ApiObject, LabelView, DueDateView } from '#berkas/platform';

// What the officers' reads answer, for the OpenAPI document.

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

export class AvailableCommandView {
  @ApiProperty({ description: 'the command type, e.g. ClaimDossier, CompleteStep, RecordPayment' }) type!: string;
  @ApiProperty({ required: false }) desk?: string;
  @ApiProperty({ required: false, enum: ['forward', 'reject'] }) outcome?: string;
  @ApiProperty({ required: false }) positive?: boolean;
}

export class AvailabilityView {
  @ApiProperty({ required: false, description: 'the desk of the current step the officer works it from' }) desk?: string;
  @ApiProperty({ required: false, description: 'another officer holds it at that desk' }) heldBy?: string;
  @ApiProperty({
    required: false,
    enum: ['review', 'decision', 'signature'],
    description: 'the officer did this duty on the dossier, so the current one is another officer’s (separation of duties)',
  })
  separatedBy?: string;
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
  @ApiObject('the current step: id, kind, label, desks, pendingDesks, startedAt, due') step!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, description: 'desk -> officer holding it' })
  holders!: Record<string, string>;
  @ApiObject('reasons for correction, returnedAt, clockPaused, resubmittedAt, pausedWorkingDays') correction!: Record<
    string,
    unknown
  > | null;
  @ApiObject('skrdNumber, lines, total, paid, outstanding') fee!: Record<string, unknown> | null;
  @ApiObject('approved, at, reasons, letterNumber') decision!: Record<string, unknown> | null;
  @ApiObject('number, verificationCode, issuedAt') permit!: Record<string, unknown> | null;
  @ApiProperty({ description: 'ETag: send as If-Match' }) version!: number;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: [HistoryEntryView] }) history!: HistoryEntryView[];
  @ApiProperty({ type: AvailabilityView, description: 'what the signed-in officer may do now, as the decider answers' })
  available!: AvailabilityView;
  @ApiObject(
    'while with the applicant: since (date-time), stops (whether the service clock stops), workingDaysSoFar (what the deadline moves by when the corrections come back)',
  )
  clockPause!: Record<string, unknown> | null;
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

export class DossierAsOfView {
  @ApiProperty({ description: 'the event number this is the state after' }) version!: number;
  @ApiProperty({ description: "the dossier's newest event number" }) latestVersion!: number;
  @ApiProperty({ format: 'date-time', description: 'when that event happened' }) at!: string;
  @ApiProperty({ example: 'StepCompleted' }) event!: string;
  @ApiProperty() registrationNumber!: string;
  @ApiProperty() lifecycle!: string;
  @ApiProperty() publicStatus!: string;
  @ApiObject('the step then') step!: Record<string, unknown> | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) holders!: Record<string, string>;
  @ApiObject('the fee then') fee!: Record<string, unknown> | null;
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
