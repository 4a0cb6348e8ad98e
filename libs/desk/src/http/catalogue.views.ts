import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// What the catalogue and calendar routes answer (issue 23), for the OpenAPI document.

class LabelView {
  @ApiProperty() id!: string;
  @ApiProperty() en!: string;
}

class OwnVersionView {
  @ApiProperty() version!: number;
  @ApiProperty({ description: 'the first day (the MPP’s date) new dossiers follow it' }) effectiveFrom!: string;
  @ApiProperty() publishedAt!: string;
  @ApiProperty() publishedBy!: string;
  @ApiProperty() reason!: string;
  @ApiPropertyOptional({ description: 'the version it was adapted from' }) basedOn?: number;
}

export class CatalogueEntryView {
  @ApiProperty() code!: string;
  @ApiProperty({ type: LabelView }) name!: LabelView;
  @ApiPropertyOptional({ description: 'the national template’s newest version: { version }; absent for a service of the MPP’s own' })
  template?: { version: number };
  @ApiProperty({ type: [OwnVersionView] }) own!: OwnVersionView[];
  @ApiPropertyOptional({
    description:
      'the version new dossiers of the MPP follow today: { version, slaDays }; absent for a service of its own not yet in effect',
  })
  current?: { version: number; slaDays: number };
  @ApiPropertyOptional({ description: 'the MPP’s draft, if any: { basedOn, updatedAt, updatedBy }' })
  draft?: { basedOn: number | null; updatedAt: string; updatedBy: string };
}

class ProblemView {
  @ApiProperty({ example: 'steps.1.slaDays' }) path!: string;
  @ApiProperty() message!: string;
}

export class DraftView {
  @ApiProperty() code!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the definition as edited' }) definition!: Record<
    string,
    unknown
  >;
  @ApiProperty({ nullable: true, type: Number }) basedOn!: number | null;
  @ApiProperty() updatedBy!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ description: 'the version it would get if published now' }) version!: number;
  @ApiProperty({ type: [ProblemView], description: 'what publishing would refuse; none: it may be published' }) problems!: ProblemView[];
}

export class DiscardedView {
  @ApiProperty() code!: string;
  @ApiProperty() discarded!: boolean;
}

export class PublishedView {
  @ApiProperty() code!: string;
  @ApiProperty() version!: number;
  @ApiProperty() effectiveFrom!: string;
}

class DatedNameView {
  @ApiProperty({ example: '2026-12-24' }) date!: string;
  @ApiProperty() name!: string;
}

class NationalYearView {
  @ApiProperty({ type: [DatedNameView] }) holidays!: DatedNameView[];
  @ApiProperty({ type: [DatedNameView] }) cutiBersama!: DatedNameView[];
  @ApiProperty({ nullable: true, type: String, description: 'the decree it comes from' }) source!: string | null;
}

export class CalendarYearView {
  @ApiProperty() year!: number;
  @ApiProperty({ enum: ['WIB', 'WITA', 'WIT'] }) timeZone!: string;
  @ApiProperty() saturdayOpen!: boolean;
  @ApiProperty({ type: NationalYearView, nullable: true, description: 'null: the year’s national calendar is not loaded' })
  national!: NationalYearView | null;
  @ApiProperty({ type: [DatedNameView] }) regional!: DatedNameView[];
  @ApiProperty({
    description: 'whether this officer may publish the national calendar (an administrator of the home MPP, who runs the deployment)',
  })
  nationalEditable!: boolean;
}

class DeskView {
  @ApiProperty() id!: string;
  @ApiProperty({ type: LabelView }) name!: LabelView;
  @ApiPropertyOptional({ type: LabelView }) unit?: LabelView;
}

export class DesksView {
  @ApiProperty({ type: [DeskView], description: 'the national template’s desks (desks.json), read only' }) template!: DeskView[];
  @ApiProperty({ type: [DeskView], description: 'the desks this MPP added' }) own!: DeskView[];
}
