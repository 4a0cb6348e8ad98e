import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength, MinLength } from 'class-validator';
import type { ServiceCatalogue } from '#berkas/domain';
import { SHA256, UPLOAD_TYPES, type FileStore } from '#berkas/files';
import { ApiProblems, CATALOGUE, CLOCK, FILE_STORE, SQL_DATABASE, type Clock } from '#berkas/platform';
import { decideDraft, draftById, waitingDrafts, type Draft } from '#berkas/public-inbox';
import type { SqlDatabase } from '#berkas/sql';
import { AccessLog } from '../auth/access-log.js';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { DossierCommandService } from '../application/dossier-command.service.js';
import { acceptDraft, draftNotFound, DraftNotWaiting, maySeeDraft } from '../application/online-applications.js';

export class ReturnDraftDto {
  @ApiProperty({
    example: ['Gambar arsitektur tidak terbaca / The architectural drawings cannot be read'],
    description: 'what the applicant must put right; shown to them on the public page',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MinLength(5, { each: true })
  @MaxLength(500, { each: true })
  reasons!: string[];
}

/**
 * Applications handed in online (issue 22), for the front desk and the
 * verifiers of each service's first desk: the drafts waiting, each with what
 * the applicant filled in and their files; accepted as a registration or
 * returned with reasons. Every read of a draft's particulars or files goes to
 * the access log, under the draft's number.
 */
@ApiTags('online applications')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/drafts')
export class DraftsController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(DossierCommandService) private readonly service: DossierCommandService,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(AccessLog) private readonly accessLog: AccessLog,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
  ) {}

  @Get()
  @Roles('front-desk', 'processor', 'supervisor')
  @ApiOperation({ summary: 'The online applications waiting for a desk, oldest first (each expires on its date if nobody decides it)' })
  @ApiProblems(401, 403, 503)
  @ApiOkResponse({
    schema: { type: 'object', properties: { items: { type: 'array', items: { type: 'object', additionalProperties: true } } } },
  })
  async list(@CurrentOfficer() officer: OfficerClaims) {
    const drafts = (await waitingDrafts(this.db, officer.tenant, 200)).filter((d) => maySeeDraft(this.catalogue, officer, d));
    return {
      items: drafts.map((d) => ({
        id: d.id,
        number: d.number,
        service: { ...d.service, name: this.catalogue.get(d.service.code, d.service.version)?.name },
        applicant: 'applicant' in d.application ? d.application.applicant.name : undefined,
        files: d.files.length,
        filedAt: d.filedAt,
        expiresAt: d.expiresAt,
        status: d.status,
      })),
    };
  }

  @Get(':id')
  @Roles('front-desk', 'processor', 'supervisor')
  @ApiOperation({ summary: 'One online application: what the applicant filled in and their files (recorded in the access log)' })
  @ApiProblems(401, 403, 404, 503)
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  async one(@CurrentOfficer() officer: OfficerClaims, @Param('id', ParseUUIDPipe) id: string) {
    const d = await this.open(officer, id, 'online application');
    const def = this.catalogue.get(d.service.code, d.service.version);
    return { ...d, service: { ...d.service, name: def?.name }, requirements: def?.requirements ?? [] };
  }

  @Get(':id/files/:sha256')
  @Roles('front-desk', 'processor', 'supervisor')
  @ApiOperation({ summary: "One of an online application's files (recorded in the access log)" })
  @ApiProblems(401, 403, 404, 503)
  @ApiOkResponse({
    description: "the file, named after the application's number and the requirement",
    content: Object.fromEntries(Object.keys(UPLOAD_TYPES).map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  })
  async file(@CurrentOfficer() officer: OfficerClaims, @Param('id', ParseUUIDPipe) id: string, @Param('sha256') sha256: string) {
    if (!SHA256.test(sha256)) throw new NotFoundException();
    const d = await this.open(officer, id, `online application file ${sha256.slice(0, 12)}`);
    const f = d.files.find((x) => x.sha256 === sha256);
    const content = f && (await this.files.get(sha256));
    if (!f || !content) throw new NotFoundException('Berkas tidak ditemukan / No such file in this application');
    const ext = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png' }[f.contentType];
    return new StreamableFile(content, {
      type: f.contentType,
      length: f.size,
      disposition: `inline; filename="${d.number}-${f.requirement}.${ext}"`,
    });
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('front-desk', 'processor')
  @ApiOperation({
    summary:
      'Accept an online application: the dossier is registered from it (its number and PIN reach the applicant on the public page) and its files attached',
  })
  @ApiProblems(401, 403, 404, 409, 422, 503)
  @ApiOkResponse({
    schema: { type: 'object', properties: { dossierId: { type: 'string', format: 'uuid' }, registrationNumber: { type: 'string' } } },
  })
  async accept(@CurrentOfficer() officer: OfficerClaims, @Param('id', ParseUUIDPipe) id: string) {
    const d = await this.open(officer, id, 'online application accepted');
    const { dossierId, registrationNumber } = await acceptDraft(this.db, this.commands, this.service, d, officer, this.clock.now());
    return { dossierId, registrationNumber };
  }

  @Post(':id/return')
  @HttpCode(200)
  @Roles('front-desk', 'processor', 'supervisor')
  @ApiOperation({ summary: 'Return an online application with reasons; the applicant reads them on the public page and may apply again' })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { number: { type: 'string' }, status: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' } } },
    },
  })
  async return(@CurrentOfficer() officer: OfficerClaims, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReturnDraftDto) {
    const d = await this.open(officer, id, 'online application returned');
    if (d.status !== 'waiting') throw new DraftNotWaiting(d.status === 'accepting' ? 'accepted' : d.status);
    const reasons = body.reasons.map((r) => r.trim());
    if (!(await decideDraft(this.db, id, { status: 'returned', by: officer.officerId, at: this.clock.now(), reasons })))
      throw new DraftNotWaiting((await draftById(this.db, officer.tenant, id))?.status ?? 'expired');
    return { number: d.number, status: 'returned', reasons };
  }

  /** The draft, when this officer may see it; the read is logged before anything leaves (refusals too). */
  private async open(officer: OfficerClaims, id: string, what: string): Promise<Draft> {
    // Another MPP's draft is not found, like one that does not exist.
    const d = await draftById(this.db, officer.tenant, id);
    if (!d) throw draftNotFound();
    const allowed = maySeeDraft(this.catalogue, officer, d);
    await this.accessLog.record({
      tenant: officer.tenant,
      officerId: officer.officerId,
      role: officer.role,
      dossierId: d.id,
      registrationNumber: d.number,
      what,
      allowed,
    });
    if (!allowed) throw draftNotFound();
    return d;
  }
}
