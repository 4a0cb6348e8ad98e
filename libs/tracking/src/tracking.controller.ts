import { PermitVerificationView, TrackingView } from './tracking.views.js';
import {
  ApiProblems,
  BERKAS_CONFIG,
  CATALOGUE,
  CLOCK,
  clientGroup,
  FILE_STORE,
  TENANTS,
  UPLOAD_CHECKS,
  type BerkasConfig,
  type Tenants,
  type Clock,
} from '#berkas/platform';
import type { FileStore, UploadChecks } from '#berkas/files';
import { NO_FILES, receiveCorrection, receiveUploads } from './corrections.js';
import { ApplicationRefused, APPLICANT_FIELDS, checkApplication, ServiceNotFound } from './applications.js';
import { applicationPage, draftReceivedPage, draftStatusPage, servicesPage } from './page/application-html.js';
import { DRAFT_LIMITS, DRAFT_NUMBER } from '#berkas/public-inbox';
import { DraftLimitReached } from './tracking-lookups.js';
import { PublicProblem } from './public-problem.js';
import { COMPLAINT_CATEGORIES, type ServiceCatalogue } from '#berkas/domain';
import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Redirect,
  Req,
  Res,
  StreamableFile,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { documentFileName, documentPdf, verificationUrl } from '#berkas/documents';
import { ApiExcludeEndpoint, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { PublicTrackingView } from '#berkas/read-models';
import { TRACKING_LOOKUPS } from './tracking.tokens.js';
import type { PermitVerification, PublicLookups, TrackingLookups } from './tracking-lookups.js';
import { publicSiteOf } from './public-site.js';
import { BerkasThrottlerGuard } from '#berkas/platform/rate-limits';
import { TrackingLookupDto } from './tracking.dtos.js';
import { TRACKING_SCRIPT, TRACKING_STYLE } from './page/assets.js';
import { PublicPageFilter } from './page/public-page.filter.js';
import { complaintReceivedPage, correctionReceivedPage, formPage, resultPage, surveyThanksPage } from './page/tracking-html.js';
import type { PageZone, PublicMpp } from './page/layout.js';
import { verificationPage } from './page/verification-html.js';
import { formCredentials, REGISTRATION_NUMBER } from './credentials.js';

/** A registration number from a link's query (`?nomor=`), when it is one. */
const registrationNumberOrUndefined = (nomor: unknown): string | undefined =>
  typeof nomor === 'string' && REGISTRATION_NUMBER.test(nomor.trim().toUpperCase()) ? nomor.trim().toUpperCase() : undefined;

/** Public, read-only: applicants follow their dossier; anyone verifies a permit's QR code. */
@ApiTags('public')
@UseGuards(BerkasThrottlerGuard)
@SkipThrottle({ login: true })
@Controller()
export class TrackingController {
  constructor(
    @Inject(TRACKING_LOOKUPS) private readonly publicLookups: PublicLookups,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(FILE_STORE) private readonly files: FileStore,
    @Inject(UPLOAD_CHECKS) private readonly checks: UploadChecks,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** The MPP a request is for and its date today: the versions of its services it takes applications under (issue 23). */
  private offering(req: Request): { tenant: string; today: string } {
    const { tenant } = publicSiteOf(req, this.tenants);
    return { tenant: tenant.code, today: tenant.calendar.localDate(this.clock.now()) };
  }

  /** The MPP the request is for (D54): its lookups, its profile and where its pages live, its zone. */
  private site(req: Request): { lookups: TrackingLookups; mpp: PublicMpp; base: string; zone: PageZone } {
    const { tenant, base } = publicSiteOf(req, this.tenants);
    return {
      lookups: this.publicLookups.of(tenant.code),
      mpp: { ...tenant.profile, base },
      base,
      zone: { zone: tenant.zone, name: tenant.timeZone },
    };
  }

  @Post('api/public/tracking')
  @HttpCode(200)
  @ApiOperation({ summary: 'Track a dossier with the registration number and the PIN from the receipt' })
  @ApiProblems(400, 404, 413, 429, 503)
  @ApiOkResponse({ type: TrackingView })
  track(@Body() body: TrackingLookupDto, @Req() req: Request): Promise<PublicTrackingView> {
    return this.site(req).lookups.track(body.registrationNumber, body.pin, clientGroup(req.ip));
  }

  @Get('api/public/permits/:code')
  @ApiOperation({ summary: 'Verify an issued permit by the code behind its QR' })
  @ApiProblems(404, 429, 503)
  @ApiOkResponse({ type: PermitVerificationView })
  verify(@Param('code') code: string, @Req() req: Request): Promise<PermitVerification> {
    return this.site(req).lookups.verify(code);
  }

  @Get()
  @SkipThrottle({ tracking: true })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'Public tracking page (Bahasa Indonesia / English); ?nomor= fills in the registration number' })
  @ApiProblems(400)
  @ApiOkResponse({ description: 'the HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  page(@Req() req: Request, @Query('nomor') nomor?: string): string {
    return formPage(this.site(req).mpp, { number: registrationNumberOrUndefined(nomor) });
  }

  /**
   * The page's form, posted as a plain HTML form (no JavaScript needed): the
   * dossier's page, or the form again with what went wrong. Rate-limited and
   * PIN-locked like the JSON lookup, which it shares.
   */
  @Post()
  @HttpCode(200)
  @UseFilters(PublicPageFilter)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  async lookup(@Body() body: Record<string, unknown>, @Req() req: Request): Promise<string> {
    const { number, pin } = formCredentials(body);
    return this.result(this.site(req), number, pin, clientGroup(req.ip));
  }

  /**
   * The SKM survey's answers, from the result page's form: nine scores of 1 to
   * 4 and a comment; once per dossier. Answered by a redirect to the thanks
   * page (post, redirect, get), so a reload sends nothing again.
   */
  @Post('survei')
  @Redirect()
  @UseFilters(PublicPageFilter)
  @ApiExcludeEndpoint()
  async survey(@Body() body: Record<string, unknown>, @Req() req: Request): Promise<{ url: string; statusCode: number }> {
    const { number, pin } = formCredentials(body);
    const scores = Array.from({ length: 9 }, (_, i) => Number(body?.[`u${i + 1}`]));
    const comment = typeof body?.comment === 'string' ? body.comment.slice(0, 1000) : undefined;
    if (scores.some((s) => !Number.isInteger(s) || s < 1 || s > 4)) throw new BadRequestException();
    const site = this.site(req);
    await site.lookups.answerSurvey(number, pin, clientGroup(req.ip), scores, comment);
    return { url: `${site.base}/survei/terima-kasih?nomor=${encodeURIComponent(number)}`, statusCode: 303 };
  }

  @Get('survei/terima-kasih')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  surveyThanks(@Req() req: Request, @Query('nomor') nomor?: string): string {
    return surveyThanksPage(this.site(req).mpp, registrationNumberOrUndefined(nomor));
  }

  /**
   * A complaint about the dossier from the result page's form: a category and
   * the text. Answered by a redirect to its confirmation (post, redirect, get):
   * a reload shows the same number and files nothing; the same complaint sent
   * again within a day answers the first one's number.
   */
  @Post('pengaduan')
  @Redirect()
  @UseFilters(PublicPageFilter)
  @ApiExcludeEndpoint()
  async complaint(@Body() body: Record<string, unknown>, @Req() req: Request): Promise<{ url: string; statusCode: number }> {
    const { number, pin } = formCredentials(body);
    const category = COMPLAINT_CATEGORIES.find((c) => c === body?.category);
    const text = typeof body?.text === 'string' ? body.text.trim() : '';
    // At least 10 characters one can see: zero-width and other format characters, spaces and controls do not count.
    const visible = text.replace(/[\p{Cf}\p{Z}\p{Cc}\s]/gu, '').length;
    if (!category || visible < 10 || text.length > 2000) throw new BadRequestException();
    const site = this.site(req);
    const filed = await site.lookups.complain(number, pin, clientGroup(req.ip), category, text);
    return { url: `${site.base}/pengaduan/diterima?k=${site.lookups.complaintReceipt(number, filed)}`, statusCode: 303 };
  }

  /** The complaint's confirmation, from a signed link: the numbers only (no PIN, no words); a reload files nothing. */
  @Get('pengaduan/diterima')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  complaintFiled(@Req() req: Request, @Query('k') token: string | undefined, @Res({ passthrough: true }) res: Response): string {
    const site = this.site(req);
    const receipt = typeof token === 'string' && token.length < 400 ? site.lookups.readComplaintReceipt(token) : undefined;
    if (!receipt) res.status(404);
    return complaintReceivedPage(site.mpp, receipt, site.zone);
  }

  private async result(site: ReturnType<TrackingController['site']>, number: string, pin: string, client: string): Promise<string> {
    const { lookups } = site;
    // An application handed in online is followed with its own number (DAFTAR-...) and PIN, in the same box.
    if (DRAFT_NUMBER.test(number)) {
      const found = await lookups.draft(number, pin, client);
      const def = this.catalogue.get(found.draft.service.code, found.draft.service.version);
      return draftStatusPage(site.mpp, found, def?.name, site.zone);
    }
    const view = await lookups.track(number, pin, client);
    const finished = ['completed', 'rejected', 'revoked'].includes(view.status.code);
    const surveyOpen = finished && !(await lookups.surveyAnswered(number));
    const waiting = await lookups.complaintsWaiting(number);
    const corrections =
      view.status.code === 'returned' ? { ...(await lookups.correctionForm(number)), maxBytes: this.config.FILE_MAX_BYTES } : undefined;
    return resultPage(site.mpp, view, site.zone, pin, { surveyOpen, waiting, corrections });
  }

  /**
   * Corrections handed in from the result page (issue 22), a multipart form:
   * the number and PIN (checked before any file is read, with the lookup's
   * limits), then files per requirement, then a note. Each file goes through
   * the same checks as at the counter and is stored; the submission waits in
   * the public inbox for the officers' side, which attaches the files and
   * resubmits the dossier in the applicant's name. Answered by a redirect to
   * a confirmation (post, redirect, get); a refused file answers the form
   * again with its reason, and nothing is filed.
   */
  @Post('perbaikan')
  @Redirect()
  @UseFilters(PublicPageFilter)
  @ApiExcludeEndpoint()
  async corrections(@Req() req: Request): Promise<{ url: string; statusCode: number }> {
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) throw new BadRequestException();
    const site = this.site(req);
    const { number, target, files, note } = await receiveCorrection(req, {
      open: (n, p) => site.lookups.correctionTarget(n, p, clientGroup(req.ip)),
      checks: this.checks,
      store: this.files,
      maxBytes: this.config.FILE_MAX_BYTES,
      totalBytes: this.config.FILE_DOSSIER_MAX_BYTES,
    });
    if (!files.length) throw new PublicProblem(HttpStatus.BAD_REQUEST, NO_FILES);
    await site.lookups.fileCorrection(target.dossierId, files, note);
    return { url: `${site.base}/perbaikan/diterima?nomor=${encodeURIComponent(number)}`, statusCode: 303 };
  }

  @Get('perbaikan/diterima')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  correctionReceived(@Req() req: Request, @Query('nomor') nomor?: string): string {
    return correctionReceivedPage(this.site(req).mpp, registrationNumberOrUndefined(nomor));
  }

  /** The services one can apply for online (issue 22). */
  @Get('daftar')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiExcludeEndpoint()
  services(@Req() req: Request): string {
    const { tenant, today } = this.offering(req);
    return servicesPage(this.site(req).mpp, this.catalogue.servicesOf(tenant, today));
  }

  /** Where the application form lands (post, redirect, get): the draft's number and PIN, from a signed link. */
  @Get('daftar/diterima')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Referrer-Policy', 'no-referrer')
  @ApiExcludeEndpoint()
  draftFiled(@Req() req: Request, @Query('k') token: string | undefined, @Res({ passthrough: true }) res: Response): string {
    const site = this.site(req);
    const receipt = typeof token === 'string' && token.length < 400 ? site.lookups.readDraftReceipt(token) : undefined;
    if (!receipt) res.status(404);
    return draftReceivedPage(site.mpp, receipt, site.zone);
  }

  /** A service's application form, made from its current definition. */
  @Get('daftar/:code')
  @UseFilters(PublicPageFilter)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiExcludeEndpoint()
  applicationForm(@Param('code') code: string, @Req() req: Request): string {
    return applicationPage(this.site(req).mpp, this.definition(code, req), { maxBytes: this.config.FILE_MAX_BYTES });
  }

  /**
   * An application handed in online (issue 22), a multipart form: the
   * applicant's fields first, then a file per requirement. The address's
   * limits (DRAFT_LIMITS) are checked before any file is read; each file goes
   * through the counter's checks into the store; then the form is checked
   * against the service, every problem at once (the form comes back filled
   * in, each problem beside its field, and nothing is filed). A good one is
   * filed as a draft for the front desk or the verifier, and answered by a
   * redirect to its number and PIN (post, redirect, get).
   */
  @Post('daftar/:code')
  @Redirect()
  @UseFilters(PublicPageFilter)
  @ApiExcludeEndpoint()
  async apply(@Param('code') code: string, @Req() req: Request): Promise<{ url: string; statusCode: number }> {
    const def = this.definition(code, req);
    if (!(req.headers['content-type'] ?? '').startsWith('multipart/form-data')) throw new BadRequestException();
    const client = clientGroup(req.ip);
    const site = this.site(req);
    const { fields, files } = await receiveUploads(req, {
      checks: this.checks,
      store: this.files,
      maxBytes: this.config.FILE_MAX_BYTES,
      totalBytes: this.config.FILE_DOSSIER_MAX_BYTES,
      maxFiles: DRAFT_LIMITS.files,
      maxFields: APPLICANT_FIELDS.length + def.particulars.length + 10,
      open: async () => {
        if (!(await site.lookups.draftAllowed(client))) throw new DraftLimitReached();
        return { requirements: def.requirements };
      },
    });
    const { application, problems } = checkApplication(def, fields, files);
    if (problems.length) throw new ApplicationRefused(problems, fields);
    const expiresAt = new Date(Date.now() + this.config.DRAFT_EXPIRY_DAYS * 86_400_000).toISOString();
    const { receipt } = await site.lookups.fileDraft({
      service: { code: def.code, version: def.version },
      application,
      files,
      client,
      expiresAt,
    });
    return { url: `${site.base}/daftar/diterima?k=${receipt}`, statusCode: 303 };
  }

  /** The service's current definition, or the page saying there is no such service. */
  private definition(code: string, req: Request) {
    const { tenant, today } = this.offering(req);
    const def = /^[a-z0-9-]{1,40}$/.test(code) ? this.catalogue.current(code, tenant, today) : undefined;
    if (!def) throw new ServiceNotFound();
    return def;
  }

  /**
   * The applicant's copy of the permit (or the rejection letter) as a PDF, from
   * the result page's download button: the same number, PIN and limits as the
   * lookup. The copy shows the holder's name masked, as every public page does.
   */
  @Post('dokumen')
  @HttpCode(200)
  @UseFilters(PublicPageFilter)
  @Header('Cache-Control', 'no-store')
  @ApiExcludeEndpoint()
  async document(@Body() body: Record<string, unknown>, @Req() req: Request): Promise<StreamableFile> {
    const { number, pin } = formCredentials(body);
    const site = this.site(req);
    const facts = await site.lookups.document(number, pin, clientGroup(req.ip));
    if (!facts) throw new NotFoundException();
    // Never the request's Host header, which any client sets: the configured public address, else this server's own.
    const origin = `http://localhost:${req.socket.localPort ?? this.config.PORT}`;
    const { base: _base, ...profile } = site.mpp;
    const pdf = await documentPdf(facts, profile, {
      zone: site.zone.zone,
      verifyUrl: facts.verificationCode
        ? verificationUrl(this.config.PUBLIC_TRACKING_URL, origin, facts.verificationCode, site.base)
        : undefined,
    });
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `attachment; filename="${documentFileName(facts)}"`,
    });
  }

  /** The target of a permit's QR code: a page saying whether the permit is genuine and in force. Rate-limited like tracking. */
  @Get('verifikasi/:code')
  @UseFilters(PublicPageFilter)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiExcludeEndpoint()
  async verification(@Param('code') code: string, @Req() req: Request): Promise<string> {
    const site = this.site(req);
    return verificationPage(site.mpp, await site.lookups.verify(code.toUpperCase()), site.zone);
  }

  @Get('assets/tracking.js')
  @ApiExcludeEndpoint()
  @SkipThrottle({ tracking: true })
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  script(): string {
    return TRACKING_SCRIPT;
  }

  @Get('assets/tracking.css')
  @ApiExcludeEndpoint()
  @SkipThrottle({ tracking: true })
  @Header('Content-Type', 'text/css; charset=utf-8')
  @Header('Cache-Control', 'public, max-age=3600')
  style(): string {
    return TRACKING_STYLE;
  }
}
