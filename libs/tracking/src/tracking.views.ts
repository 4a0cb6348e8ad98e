import { ApiProperty } from '@nestjs/swagger';
import { ApiObject, LabelView } from '#berkas/platform';

// What the public lookups answer, for the OpenAPI document.

export class TrackingView {
  @ApiProperty() registrationNumber!: string;
  @ApiProperty({ type: LabelView }) service!: LabelView;
  @ApiProperty({ example: 'B*** S******', description: 'masked name' }) applicant!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'code, id, en' }) status!: Record<string, unknown>;
  @ApiObject('step and desks (labels)') stage!: Record<string, unknown> | null;
  @ApiProperty({ format: 'date-time' }) registeredAt!: string;
  @ApiProperty({ format: 'date-time' }) dueAt!: string;
  @ApiProperty() dueProvisional!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiObject('reasons, returnedAt, resubmittedAt, clockPaused, pausedWorkingDays') correction!: Record<string, unknown> | null;
  @ApiObject('skrdNumber, document (SKRD or SKPD), lines (a refundable deposit marked), total, paid, outstanding') fee!: Record<
    string,
    unknown
  > | null;
  @ApiProperty() readyToCollect!: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'ready to collect: please collect by (then the counter calls)',
  })
  collectBy!: string | null;
  @ApiObject('number, issuedAt') permit!: Record<string, unknown> | null;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true }, description: 'at, text (id, en)' })
  timeline!: Record<string, unknown>[];
}

export class PermitVerificationView {
  @ApiProperty({ description: 'issued here and not revoked' }) valid!: boolean;
  @ApiProperty({ enum: ['valid', 'revoked'] }) status!: string;
  @ApiObject('at, reason: when and why the issuer revoked it') revoked!: Record<string, unknown> | null;
  @ApiProperty({ example: 'PBG/2026/000001' }) permitNumber!: string;
  @ApiProperty({ type: LabelView }) service!: LabelView;
  @ApiProperty({ example: 'B*** S******', description: 'masked holder' }) holder!: string;
  @ApiProperty({ format: 'date-time' }) issuedAt!: string;
}
