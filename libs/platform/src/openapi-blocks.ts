import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Building blocks of the answer schemas in the OpenAPI document; each side keeps its own views beside its controllers.

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

/** An object property documented by a sentence, for views whose inner shape is read, not coded against. */
export const ApiObject = (description: string) =>
  ApiPropertyOptional({ type: 'object', nullable: true, additionalProperties: true, description });
