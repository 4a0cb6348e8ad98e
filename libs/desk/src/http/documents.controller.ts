import { Transform, type TransformCallback } from 'node:stream';
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
import { FileTooLarge, SHA256, type FileStore } from '#berkas/files';
import { ApiProblems, BERKAS_CONFIG, CLOCK, ValidationProblem, type BerkasConfig, type Clock } from '#berkas/platform';
import type { DocumentFacts } from '#berkas/domain';
import type { dossierDetail } from '#berkas/read-models';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { GetDossierDetail } from '../application/dossier.queries.js';
import { FILE_STORE } from '../application/file-store.provider.js';
import { CommandAnswers } from './command-headers.js';
import { CommandRequestOf, type CommandRequest } from './command-routes.js';
import { runDossierCommand } from './dossiers.controller.js';

type ContentType = DocumentFacts['contentType'];

/** What each accepted type's bytes begin with: the type is decided by the content, never by the name or the header alone. */
const SIGNATURES: Record<ContentType, { bytes: number[]; ext: string }> = {
  'application/pdf': { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], ext: 'pdf' },
  'image/jpeg': { bytes: [0xff, 0xd8, 0xff], ext: 'jpg' },
  'image/png': { bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], ext: 'png' },
};

class UnsupportedFile extends HttpException {
  constructor(reason: string) {
    super({ code: 'DOCUMENT.UNSUPPORTED_TYPE', message: `Berkas harus PDF, JPEG atau PNG / ${reason}` }, HttpStatus.UNSUPPORTED_MEDIA_TYPE);
  }
}

/** Passes the bytes on once their beginning matches the declared type; refuses them otherwise. */
class Sniff extends Transform {
  private head = Buffer.alloc(0);
  private checked = false;

  constructor(private readonly type: ContentType) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (this.checked) return done(null, chunk);
    this.head = Buffer.concat([this.head, chunk]);
    const want = SIGNATURES[this.type].bytes;
    if (this.head.length < want.length) return done();
    if (!want.every((b, i) => this.head[i] === b)) return done(new UnsupportedFile(`the content is not ${this.type}`));
    this.checked = true;
    const head = this.head;
    this.head = Buffer.alloc(0);
    done(null, head);
  }

  override _flush(done: TransformCallback): void {
    done(this.checked ? null : new UnsupportedFile(`the content is not ${this.type}`));
  }
}

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
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim() as ContentType;
    if (!(type in SIGNATURES)) throw new UnsupportedFile('send application/pdf, image/jpeg or image/png');
    const max = this.config.FILE_MAX_BYTES;
    if (Number(req.headers['content-length'] ?? 0) > max) throw new PayloadTooLarge(max);
    const sniff = new Sniff(type);
    req.on('error', (e) => sniff.destroy(e));
    req.pipe(sniff);
    let stored;
    try {
      stored = await this.files.put(sniff, { maxBytes: max });
    } catch (e) {
      if (e instanceof FileTooLarge) throw new PayloadTooLarge(max);
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
  @ApiProblems(401, 403, 404, 503)
  @ApiOkResponse({
    description: 'the file, named after the registration number and the requirement',
    content: Object.fromEntries(Object.keys(SIGNATURES).map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  })
  async read(@CurrentOfficer() officer: OfficerClaims, @Param('id') id: string, @Param('sha256') sha256: string) {
    if (id.length > 80 || !SHA256.test(sha256)) throw new NotFoundException();
    const d = await this.queries.execute<GetDossierDetail, Awaited<ReturnType<typeof dossierDetail>>>(
      new GetDossierDetail(id, this.clock.now(), officer, `document ${sha256.slice(0, 12)}`),
    );
    const doc = d?.documents?.find((x) => x.sha256 === sha256);
    const content = doc && (await this.files.get(sha256));
    if (!d || !doc || !content) throw new NotFoundException('Berkas tidak ditemukan / No such file in this dossier');
    const n = d.documents!.filter((x) => x.requirement === doc.requirement).indexOf(doc) + 1;
    return new StreamableFile(content, {
      type: doc.contentType,
      length: doc.size,
      disposition: `inline; filename="${d.registrationNumber}-${doc.requirement}-${n}.${SIGNATURES[doc.contentType].ext}"`,
    });
  }
}

class PayloadTooLarge extends HttpException {
  constructor(max: number) {
    super(
      {
        code: 'DOCUMENT.TOO_LARGE',
        message: `Berkas lebih besar dari ${Math.round(max / 1048576)} MB / The file is larger than ${max} bytes`,
      },
      HttpStatus.PAYLOAD_TOO_LARGE,
    );
  }
}
