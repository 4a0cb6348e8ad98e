import {
  AccessLogView,
  DashboardView,
  DossierAsOfView,
  DossierDetailView,
  QueueView,
  ReturnedView,
  SearchView,
  StatisticsView,
} from './dossier-reads.views.js';
import { createHash } from 'node:crypto';
import { ZipArchive } from 'archiver';
import type { FileStore } from '#berkas/files';
import { ApiProblems, FILE_STORE } from '#berkas/platform';
import {
  Body,
  HttpCode,
  Post,
  Controller,
  ForbiddenException,
  Get,
  Inject,
  NotFoundException,
  Param,
  ParseIntPipe,
  ParseUUIDPipe,
  Query,
  Req,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  bapFacts,
  bapPdf,
  billFacts,
  billPdf,
  documentFacts,
  trailFacts,
  trailPdf,
  documentFileName,
  documentPdf,
  SignedDocumentStore,
  verificationUrl,
} from '#berkas/documents';
import {
  availableCommands,
  computeFeeLines,
  feeTotal,
  SYSTEM_ACTOR_TEXT,
  tariffYear,
  type FeeLine,
  type ServiceCatalogue,
  type Tariffs,
  type WorkingCalendar,
} from '#berkas/domain';
import { DossierCommandService } from '../application/dossier-command.service.js';
import { PermitSigning } from '../application/permit-signing.js';
import { noticesOf, type NoticeRecord } from '#berkas/read-models';
import type { Dashboard, DossierDetail, Page, QueuePage, ReturnedItem, SearchPage, dossierDetail, statistics } from '#berkas/read-models';
import {
  BERKAS_CONFIG,
  CATALOGUE,
  CLOCK,
  TARIFFS,
  TENANTS,
  SQL_DATABASE,
  ValidationProblem,
  type BerkasConfig,
  type Clock,
  type Tenants,
} from '#berkas/platform';
import type { SqlDatabase } from '#berkas/sql';
import {
  GetDeskQueue,
  GetDossierAsOf,
  GetDossierDetail,
  GetReturnedDossiers,
  GetStatistics,
  GetDashboard,
  SearchDossiers,
} from '../application/dossier.queries.js';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import {
  AccessLogQueryDto,
  FeeEstimateDto,
  DashboardExportQueryDto,
  DashboardQueryDto,
  QueuePageDto,
  QueueQueryDto,
  ReturnedQueryDto,
  SearchQueryDto,
} from './dtos/index.js';
import { AccessLog } from '../auth/access-log.js';
import { OfficerRepository } from '../auth/officer.repository.js';
import { dashboardWorkbook } from '../application/dashboard-workbook.js';
import { dossierFileName } from './dossier-file-name.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What officers read: a dossier with its audit trail, a desk's queue, statistics. */
/** The papers a dossier's documents route serves, by file name. */
const DOCUMENT_KINDS: Record<string, 'permit' | 'rejection' | 'draft' | 'bill' | 'bap'> = {
  'permit.pdf': 'permit',
  'rejection.pdf': 'rejection',
  'permit-draft.pdf': 'draft',
  'skrd.pdf': 'bill',
  'bukti-bayar.pdf': 'bill',
  'bap.pdf': 'bap',
};
const MISSING: Record<string, string> = {
  'permit.pdf': 'No permit has been issued for this dossier',
  'rejection.pdf': 'No rejection letter for this dossier',
  'skrd.pdf': 'No SKRD has been issued for this dossier',
  'bukti-bayar.pdf': 'Nothing has been paid yet',
  'bap.pdf': 'No site inspection has been recorded for this dossier',
};

@ApiTags('dossiers')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api')
export class DossierReadsController {
  constructor(
    private readonly queries: QueryBus,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(AccessLog) private readonly access: AccessLog,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(TARIFFS) private readonly tariffs: Tariffs,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(DossierCommandService) private readonly commands: DossierCommandService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PermitSigning) private readonly signing: PermitSigning,
    @Inject(SignedDocumentStore) private readonly signedDocuments: SignedDocumentStore,
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
    @Inject(FILE_STORE) private readonly files: FileStore,
  ) {}

  @Get('dossiers/:id')
  @ApiOperation({ summary: 'Dossier detail with the full audit trail' })
  @ApiProblems(401, 403, 404, 503)
  @ApiOkResponse({ type: DossierDetailView })
  async detail(@CurrentOfficer() officer: OfficerClaims, @Param('id') id: string, @Res({ passthrough: true }) res: Response) {
    if (id.length > 80) throw new NotFoundException();
    const d = await this.queries.execute<GetDossierDetail, Awaited<ReturnType<typeof dossierDetail>>>(
      new GetDossierDetail(id, this.clock.now(), officer),
    );
    if (!d) throw new NotFoundException(`No dossier ${id}`);
    res.setHeader('ETag', `"${d.version}"`);
    // What this officer may do now, as the decider answers (the console offers exactly these).
    // By the dossier's id: the route also takes a registration number, which is not a stream.
    const { state } = await this.commands.stateAt(d.dossierId, d.version);
    const definition = this.catalogue.get(state.service.code, state.service.version);
    const actor = { officerId: officer.officerId, role: officer.role, desks: officer.desks };
    return {
      ...d,
      available: definition ? availableCommands(state, definition, actor) : { commands: [] },
      clockPause: this.clockPause(d, definition?.pauseClockWhileWithApplicant ?? false, this.tenants.of(officer.tenant).calendar),
    };
  }

  /**
   * While the dossier is with the applicant: since when, whether the service's clock stops, and the working days
   * it has stopped so far (what the deadline moves by when the corrections come back). Null otherwise.
   */
  private clockPause(
    d: DossierDetail,
    stops: boolean,
    calendar: WorkingCalendar,
  ): { since: string; stops: boolean; workingDaysSoFar: number } | null {
    if (d.lifecycle !== 'returned' || !d.correction) return null;
    const since = d.correction.returnedAt;
    return { since, stops, workingDaysSoFar: stops ? calendar.workingDaysBetween(since, this.clock.now()) : 0 };
  }

  @Get('dossiers/:id/notices')
  @ApiOperation({ summary: 'The notices sent to the applicant about this dossier: what, by which channel, delivered or not, attempts' })
  @ApiProblems(401, 403, 404, 503)
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', additionalProperties: true } } })
  async notices(@CurrentOfficer() officer: OfficerClaims, @Param('id') id: string): Promise<NoticeRecord[]> {
    if (id.length > 80) throw new NotFoundException();
    const d = await this.queries.execute<GetDossierDetail, Awaited<ReturnType<typeof dossierDetail>>>(
      new GetDossierDetail(id, this.clock.now(), officer),
    );
    if (!d) throw new NotFoundException(`No dossier ${id}`);
    return noticesOf(this.db, officer.tenant, d.dossierId);
  }

  @Get('dossiers/:id/documents/:file')
  @ApiOperation({
    summary:
      'The permit (permit.pdf: the PAdES-signed file as signed, or made from the events for a permit signed before signatures), the draft the signing official reads before signing (permit-draft.pdf), the rejection letter (rejection.pdf), the SKRD or SKPD (skrd.pdf), the payment receipt (bukti-bayar.pdf), or the site inspection report (bap.pdf): the originals, with the full name',
  })
  @ApiProblems(401, 403, 404, 503)
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the PDF', schema: { type: 'string', format: 'binary' } })
  async document(
    @CurrentOfficer() officer: OfficerClaims,
    @Param('id') id: string,
    @Param('file') file: string,
    @Req() req: Request,
  ): Promise<StreamableFile> {
    const kind = Object.hasOwn(DOCUMENT_KINDS, file) ? DOCUMENT_KINDS[file] : undefined;
    if (!kind || id.length > 80) throw new NotFoundException();
    const d = await this.queries.execute<GetDossierDetail, Awaited<ReturnType<typeof dossierDetail>>>(
      new GetDossierDetail(id, this.clock.now(), officer),
    );
    if (!d) throw new NotFoundException(`No dossier ${id}`);
    const made = await this.issued(d, file, req, officer.tenant);
    if (!made) throw new NotFoundException(MISSING[file]);
    return new StreamableFile(made.pdf, { type: 'application/pdf', disposition: `inline; filename="${made.name}"` });
  }

  /**
   * The dossier's archive for the records office (issue 22), one ZIP: every
   * file handed in (replaced ones too), the papers it was issued (the signed
   * permit as signed), its event trail as a PDF, and a manifest with each
   * entry's SHA-256 and the last event's number, so the archive can be checked
   * later against the store. Streamed as it is built; each export is in the
   * access log.
   */
  @Get('dossiers/:id/archive.zip')
  @Roles('supervisor')
  @ApiOperation({ summary: "The dossier's archive for the records office: its files, papers and event trail (PDF), with a manifest" })
  @ApiProblems(401, 403, 404, 503)
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'the ZIP', schema: { type: 'string', format: 'binary' } })
  async archive(@CurrentOfficer() officer: OfficerClaims, @Param('id') id: string, @Req() req: Request): Promise<StreamableFile> {
    if (id.length > 80) throw new NotFoundException();
    const d = await this.queries.execute<GetDossierDetail, Awaited<ReturnType<typeof dossierDetail>>>(
      new GetDossierDetail(id, this.clock.now(), officer, 'archive'),
    );
    if (!d) throw new NotFoundException(`No dossier ${id}`);
    const exportedAt = this.clock.now();
    const names = new Map((await this.officers.all(officer.tenant)).map((o) => [o.officerId, o.name]));
    const who = (officerId: string) => names.get(officerId) ?? SYSTEM_ACTOR_TEXT[officerId]?.id ?? officerId;
    const zip = new ZipArchive({ zlib: { level: 6 } });
    const manifest: {
      path: string;
      sha256: string;
      size: number;
      requirement?: string;
      replacedAt?: string;
      missing?: true;
      disposedAt?: string;
    }[] = [];
    const add = (path: string, bytes: Buffer) => {
      zip.append(bytes, { name: path, date: new Date(exportedAt) });
      manifest.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
    };
    // The papers and the trail first: made before anything is opened, so a failure here leaves nothing open.
    const papers: { path: string; pdf: Buffer }[] = [];
    for (const file of ['permit.pdf', 'rejection.pdf', 'skrd.pdf', 'bukti-bayar.pdf', 'bap.pdf']) {
      const made = await this.issued(d, file, req, officer.tenant);
      if (made) papers.push({ path: `dokumen/${made.name}`, pdf: made.pdf });
    }
    const mpp = this.tenants.of(officer.tenant);
    papers.push({
      path: `${d.registrationNumber}-jejak-peristiwa.pdf`,
      pdf: await trailPdf(trailFacts(d, who, exportedAt), mpp.profile, mpp.zone),
    });
    // The files as handed in, each opened from the store only when the one before it is written: never all in memory,
    // and never dozens of store connections idle at once.
    const documents = d.documents ?? [];
    const queue = documents.map((doc) => {
      const path = `berkas/${dossierFileName(d.registrationNumber, documents, doc, { replaced: !!doc.replacedAt })}`;
      return {
        doc,
        entry: {
          path,
          sha256: doc.sha256,
          size: doc.size,
          requirement: doc.requirement,
          ...(doc.replacedAt ? { replacedAt: doc.replacedAt } : {}),
        },
      };
    });
    const nextFile = async (): Promise<void> => {
      for (let f = queue.shift(); f; f = queue.shift()) {
        const content = f.doc.disposedAt ? undefined : await this.files.get(f.doc.sha256);
        if (!content) {
          manifest.push({ ...f.entry, ...(f.doc.disposedAt ? { disposedAt: f.doc.disposedAt } : { missing: true as const }) });
          continue;
        }
        manifest.push(f.entry);
        zip.append(content, { name: f.entry.path, date: new Date(f.doc.at) });
        return;
      }
      zip.append(
        JSON.stringify(
          { registrationNumber: d.registrationNumber, dossierId: d.dossierId, exportedAt, lastEventVersion: d.version, entries: manifest },
          null,
          2,
        ),
        { name: 'manifest.json', date: new Date(exportedAt) },
      );
      await zip.finalize();
    };
    const fail = (e: unknown) => zip.destroy(e instanceof Error ? e : new Error(String(e)));
    zip.on('entry', (e: { name: string }) => {
      if (e.name.startsWith('berkas/')) nextFile().catch(fail);
    });
    for (const p of papers) add(p.path, p.pdf);
    nextFile().catch(fail);
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="${d.registrationNumber}-arsip.zip"`,
    });
  }

  /** One of the dossier's papers as a PDF with the name it is saved under, or undefined when the dossier has none. */
  private async issued(d: DossierDetail, file: string, req: Request, tenant: string): Promise<{ pdf: Buffer; name: string } | undefined> {
    const kind = DOCUMENT_KINDS[file];
    // Each MPP's papers carry its own name, address and zone.
    const { profile, zone } = this.tenants.of(tenant);
    if (kind === 'bill') {
      const skrd = file === 'skrd.pdf';
      const bill = billFacts(d, skrd ? 'skrd' : 'payment-receipt', profile.paymentCodePrefix);
      if (!bill) return undefined;
      return {
        pdf: await billPdf(bill, profile, zone),
        name: `${d.registrationNumber}-${skrd ? 'skrd' : 'bukti-bayar'}.pdf`,
      };
    }
    if (kind === 'bap') {
      // The inspection team prints its BAP to sign on site (issue 20: there was no printable BAP).
      const names = new Map((await this.officers.all(tenant)).map((o) => [o.officerId, o.name]));
      const bap = bapFacts(d, this.catalogue, (officerId) => names.get(officerId) ?? officerId);
      if (!bap) return undefined;
      return { pdf: await bapPdf(bap, profile, zone), name: `${d.registrationNumber}-bap.pdf` };
    }
    if (kind === 'draft') {
      const draft = await this.signing.draft(d.dossierId, this.clock.now());
      return { pdf: draft.pdf, name: documentFileName(draft.facts).replace(/\.pdf$/, '-draf.pdf') };
    }
    // A signed permit is served as it was signed: any byte made again would break its signature.
    const signature = kind === 'permit' ? d.permit?.signature : undefined;
    if (signature && d.permit?.number) {
      const signed = await this.signedDocuments.get(signature.sha256);
      if (!signed) throw new NotFoundException('The signed permit file is missing');
      return { pdf: signed, name: documentFileName({ kind, copy: 'original', registrationNumber: d.registrationNumber }) };
    }
    const facts = documentFacts(d, this.catalogue, kind, 'original');
    if (!facts) return undefined;
    // Never the request's Host header, which any client sets: the configured public address, else this server's own.
    const origin = `http://localhost:${req.socket.localPort ?? this.config.PORT}`;
    const pdf = await documentPdf(facts, profile, {
      zone,
      verifyUrl: facts.verificationCode
        ? verificationUrl(this.config.PUBLIC_TRACKING_URL, origin, facts.verificationCode, this.tenants.publicPath(this.tenants.of(tenant)))
        : undefined,
    });
    return { pdf, name: documentFileName(facts) };
  }

  @Post('services/:code/fee-estimate')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "The fee a registration's inputs would produce under the service's newest definition (what the counter's summary shows; the fee desk assesses it)",
  })
  @ApiProblems(400, 401, 403, 404, 422, 503)
  @ApiOkResponse({
    schema: {
      type: 'object',
      required: ['lines', 'total'],
      properties: {
        lines: { type: 'array', items: { type: 'object', additionalProperties: true }, description: 'code, label, amount' },
        total: { type: 'integer', description: 'whole Rupiah' },
      },
    },
  })
  feeEstimate(
    @CurrentOfficer() officer: OfficerClaims,
    @Param('code') code: string,
    @Body() b: FeeEstimateDto,
  ): { lines: FeeLine[]; total: number } {
    // The version the officer's MPP registers under today (issue 23): what the counter's registration will bill.
    const today = this.tenants.of(officer.tenant).calendar.localDate(this.clock.now());
    const def = this.catalogue.current(code, officer.tenant, today);
    if (!def) throw new NotFoundException(`No service ${code}`);
    if (def.fee.kind === 'none') return { lines: [], total: 0 };
    const lines = computeFeeLines(def.fee, b.inputs, {
      particulars: b.particulars ?? {},
      tariff: this.tariffs.forYear(tariffYear(this.clock.now())),
    });
    return { lines, total: feeTotal(lines) };
  }

  @Get('dossiers/:id/versions/:version')
  @ApiOperation({ summary: 'The dossier as it was just after its event number `version` (time travel), folded from the event log' })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiOkResponse({ type: DossierAsOfView })
  async asOf(
    @CurrentOfficer() officer: OfficerClaims,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('version', ParseIntPipe) version: number,
  ) {
    const d = await this.queries.execute<GetDossierAsOf, unknown>(new GetDossierAsOf(id, version, officer));
    if (!d) throw new NotFoundException(`No event ${version} in dossier ${id}`);
    return d;
  }

  @Get('queues/:desk')
  @ApiOperation({ summary: "A desk's work queue, a page at a time with the total: most urgent (default) or oldest first" })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiOkResponse({ type: QueueView })
  async queue(@CurrentOfficer() officer: OfficerClaims, @Param('desk') desk: string, @Query() q: QueuePageDto) {
    if (!this.catalogue.desks(officer.tenant).some((d) => d.id === desk)) throw new NotFoundException(`No desk ${desk.slice(0, 60)}`);
    const seesAll = officer.role === 'supervisor' || officer.role === 'admin';
    if (!seesAll && !officer.desks.includes(desk)) throw new ForbiddenException(`You are not assigned to desk ${desk}`);
    const page = await this.queries.execute<GetDeskQueue, QueuePage>(
      new GetDeskQueue(
        officer.tenant,
        desk,
        q.service,
        q.order,
        this.clock.now(),
        { limit: q.limit, offset: q.offset },
        q.overdue === 'true',
        q.mine === 'true' ? officer.officerId : undefined,
      ),
    );
    return { desk, name: this.catalogue.deskName(desk, officer.tenant), ...page };
  }

  @Get('search')
  @ApiOperation({
    summary:
      'Find dossiers by registration or permit number, or by part of the applicant name: newest first, a page at a time with the total. ' +
      'Processors find the dossiers that have reached one of their desks; the front desk and supervisors find all.',
  })
  @ApiProblems(400, 401, 503)
  @ApiOkResponse({ type: SearchView })
  search(@CurrentOfficer() officer: OfficerClaims, @Query() q: SearchQueryDto) {
    return this.queries.execute<SearchDossiers, SearchPage>(
      new SearchDossiers(q.q, q.service, this.clock.now(), officer, { limit: q.limit, offset: q.offset }),
    );
  }

  @Get('returned')
  @ApiOperation({
    summary:
      "Dossiers waiting for the applicant's corrections, longest waiting first, with the reasons (the front desk takes corrections in); " +
      'processors see those their own desk returned (`desk` required)',
  })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ type: ReturnedView })
  returned(@CurrentOfficer() officer: OfficerClaims, @Query() q: ReturnedQueryDto) {
    if (officer.role === 'processor' && (!q.desk || !officer.desks.includes(q.desk)))
      throw new ForbiddenException(q.desk ? `You are not assigned to desk ${q.desk}` : 'Name one of your desks');
    return this.queries.execute<GetReturnedDossiers, Page<ReturnedItem>>(
      new GetReturnedDossiers(officer.tenant, { limit: q.limit, offset: q.offset }, q.desk, q.service),
    );
  }

  @Get('access-log')
  @Roles('supervisor')
  @ApiOperation({ summary: "Who read which dossier's personal data (and who was refused), newest first" })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ type: AccessLogView })
  accessLog(@CurrentOfficer() officer: OfficerClaims, @Query() q: AccessLogQueryDto) {
    return this.access.find(officer.tenant, { dossierId: q.dossierId, officerId: q.officerId }, q.limit ?? 50, q.offset ?? 0);
  }

  @Get('dashboard')
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Supervisors: dossiers in and out per day over a period (at most a year), the slowest open dossiers and the stuck ones',
  })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ type: DashboardView })
  async dashboard(@CurrentOfficer() officer: OfficerClaims, @Query() q: DashboardQueryDto) {
    return this.queries.execute<GetDashboard, Dashboard>(this.dashboardQuery(officer.tenant, q));
  }

  @Get('dashboard/xlsx')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Supervisors: the dashboard and the statistics as an XLSX workbook, a sheet per table' })
  @ApiProblems(400, 401, 403, 503)
  @ApiProduces(XLSX)
  @ApiOkResponse({ description: 'the workbook', schema: { type: 'string', format: 'binary' } })
  async dashboardXlsx(@CurrentOfficer() officer: OfficerClaims, @Query() q: DashboardExportQueryDto): Promise<StreamableFile> {
    const query = this.dashboardQuery(officer.tenant, q);
    const [board, stats] = await Promise.all([
      this.queries.execute<GetDashboard, Dashboard>(query),
      this.queries.execute<GetStatistics, Awaited<ReturnType<typeof statistics>>>(new GetStatistics(officer.tenant, q.service, query.now)),
    ]);
    const name = (code: string) => this.catalogue.nameOf(code);
    const file = await dashboardWorkbook(board, stats, name, q.lang ?? 'id');
    return new StreamableFile(file, { type: XLSX, disposition: `attachment; filename="berkas-dasbor-${board.from}-${board.to}.xlsx"` });
  }

  /** The period (default: the last 30 local days, at most a year) and the stuck threshold asked for. */
  private dashboardQuery(tenant: string, q: DashboardQueryDto): GetDashboard {
    const now = this.clock.now();
    const to = q.to ?? this.tenants.of(tenant).calendar.localDate(now);
    const from = q.from ?? shiftDays(to, -29);
    if (from > to || shiftDays(from, 366) < to)
      throw new ValidationProblem([{ field: 'from', reason: 'the period must run forwards and last at most a year' }]);
    return new GetDashboard(tenant, from, to, q.service, now, q.stuckAfter ?? this.config.STUCK_AFTER_WORKING_DAYS);
  }

  @Get('statistics')
  @Roles('supervisor')
  @ApiOperation({ summary: 'Counts by status, on-time rate and time at each desk' })
  @ApiProblems(400, 401, 403, 503)
  @ApiOkResponse({ type: StatisticsView })
  stats(@CurrentOfficer() officer: OfficerClaims, @Query() q: QueueQueryDto) {
    return this.queries.execute<GetStatistics, Awaited<ReturnType<typeof statistics>>>(
      new GetStatistics(officer.tenant, q.service, this.clock.now()),
    );
  }
}

/** The yyyy-mm-dd date `days` days from `date`. */
function shiftDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
