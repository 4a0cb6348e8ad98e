import {
  Controller,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiConsumes, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import {
  FileTooLarge,
  isUploadType,
  SHA256,
  UPLOAD_TYPES,
  REFUSAL_STATUS,
  UploadChecks,
  UploadRefused,
  type FileStore,
} from '#berkas/files';
import {
  ApiProblems,
  BERKAS_CONFIG,
  CLOCK,
  FILE_STORE,
  UPLOAD_CHECKS,
  ValidationProblem,
  type BerkasConfig,
  type Clock,
} from '#berkas/platform';
import type { dossierDetail } from '#berkas/read-models';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { GetDossierDetail } from '../application/dossier.queries.js';
import { CommandAnswers } from './command-headers.js';
import { CommandRequestOf, type CommandRequest } from './command-routes.js';
import { dossierFileName } from './dossier-file-name.js';
import { runDossierCommand } from './dossiers.controller.js';

/** An upload not kept, answered with its reason (the console words each code; see ERROR_TEXT). */
class UploadProblem extends HttpException {
  constructor(code: string, status: number, message: string) {
    super({ code, message }, status);
  }
}

const tooLarge = (max: number) =>
  new UploadProblem(
    'DOCUMENT.TOO_LARGE',
    HttpStatus.PAYLOAD_TOO_LARGE,
    `Berkas lebih besar dari ${Math.round(max / 1048576)} MB / The file is larger than ${max} bytes`,
  );

const unsupported = (reason: string) =>
  new UploadProblem('DOCUMENT.UNSUPPORTED_TYPE', HttpStatus.UNSUPPORTED_MEDIA_TYPE, `Berkas harus PDF, JPEG atau PNG / ${reason}`);

/**
 * A dossier's files (issue 22): handed in at the counter or by the desk that
 * asks for them, each stored by its SHA-256 before the `DocumentAttached`
 * event that names it; read by whoever may read the dossier, each read in
 * the access log.
 */
@ApiTags('dossiers')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api')
export class DocumentsController {
  constructor(
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(UPLOAD_CHECKS) private readonly checks: UploadChecks,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('dossiers/:id/files')
  @HttpCode(200)
  @Roles('front-desk', 'processor', 'supervisor')
  @CommandAnswers()
  @ApiConsumes('application/pdf', 'image/jpeg', 'image/png')
  @ApiQuery({ name: 'requirement', description: "the service's requirement code the file is for" })
  @ApiQuery({ name: 'name', description: 'the file name the officer sees (up to 120 characters)' })
  @ApiQuery({ name: 'replaces', required: false, description: 'SHA-256 of the current file of the requirement this one replaces' })
  @ApiOperation({
    summary: "Attach a file to one of the dossier's requirements (the body is the file; PDF, JPEG or PNG by its content)",
    description:
      'The file is held on disk while it is checked: the virus scanner when CLAMD_ADDRESS is set; a PDF must pass ' +
      '`qpdf --check`, be unencrypted and carry no JavaScript (DOCUMENT.BROKEN, DOCUMENT.ENCRYPTED, ' +
      'DOCUMENT.ACTIVE_CONTENT); an image is written again without its metadata. A check that cannot run answers 503 ' +
      "DOCUMENT.CHECK_UNAVAILABLE. Past FILE_DOSSIER_MAX_BYTES for the dossier's current files: 422 DOCUMENT.DOSSIER_FULL.",
  })
  @ApiProblems(400, 401, 403, 404, 409, 413, 415, 422, 503)
  async attach(
    @Param('id', ParseUUIDPipe) id: string,
    @CommandRequestOf() request: CommandRequest,
    @Req() req: Request,
    @Query('requirement') requirement?: string,
    @Query('name') name?: string,
    @Query('replaces') replaces?: string,
  ) {
    const problems = [
      ...(typeof requirement === 'string' && /^[a-z0-9-]{2,60}$/.test(requirement)
        ? []
        : [{ field: 'requirement', reason: 'a requirement code' }]),
      ...(typeof name === 'string' && name.trim().length > 0 && name.length <= 120
        ? []
        : [{ field: 'name', reason: '1 to 120 characters' }]),
      ...(replaces === undefined || SHA256.test(replaces) ? [] : [{ field: 'replaces', reason: 'the SHA-256 of a file of this dossier' }]),
    ];
    if (problems.length) throw new ValidationProblem(problems);
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim();
    if (!isUploadType(type)) throw unsupported('send application/pdf, image/jpeg or image/png');
    const max = this.config.FILE_MAX_BYTES;
    if (Number(req.headers['content-length'] ?? 0) > max) throw tooLarge(max);
    let stored;
    try {
      stored = await this.checks.accept(req, type, max, this.files);
    } catch (e) {
      if (e instanceof FileTooLarge) throw tooLarge(max);
      if (e instanceof UploadRefused)
        throw e.reason === 'UNSUPPORTED_TYPE'
          ? unsupported(e.message)
          : new UploadProblem(`DOCUMENT.${e.reason}`, REFUSAL_STATUS[e.reason], e.message);
      throw e;
    }
    const data = {
      requirement: requirement!,
      name: name!.trim(),
      contentType: type,
      size: stored.size,
      sha256: stored.sha256,
      ...(replaces ? { replaces } : {}),
    };
    return runDossierCommand(this.commands, this.clock, id, request, 'AttachDocument', data, data);
  }

  @Get('dossiers/:id/files/:sha256')
  @ApiOperation({ summary: "One of the dossier's files, to whoever may read the dossier (recorded in the access log)" })
  @ApiProblems(401, 403, 404, 410, 503)
  @ApiOkResponse({
    description: 'the file, named after the registration number and the requirement',
    content: Object.fromEntries(Object.keys(UPLOAD_TYPES).map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  })
  async read(@CurrentOfficer() officer: OfficerClaims, @Param('id') id: string, @Param('sha256') sha256: string) {
    if (id.length > 80 || !SHA256.test(sha256)) throw new NotFoundException();
    const d = await this.queries.execute<GetDossierDetail, Awaited<ReturnType<typeof dossierDetail>>>(
      new GetDossierDetail(id, this.clock.now(), officer, `document ${sha256.slice(0, 12)}`),
    );
    const doc = d?.documents?.find((x) => x.sha256 === sha256);
    if (doc?.disposedAt)
      throw new UploadProblem(
        'DOCUMENT.DISPOSED',
        HttpStatus.GONE,
        'Berkas sudah dimusnahkan sesuai jadwal retensi / The file was disposed of by the retention schedule',
      );
    const content = doc && (await this.files.get(sha256));
    if (!d || !doc || !content) throw new NotFoundException('Berkas tidak ditemukan / No such file in this dossier');
    return new StreamableFile(content, {
      type: doc.contentType,
      length: doc.size,
      disposition: `inline; filename="${dossierFileName(d.registrationNumber, d.documents!, doc)}"`,
    });
  }
}
