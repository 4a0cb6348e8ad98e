import { LastPinTry } from '../tracking-lookups.js';
import { PublicProblem } from '../public-problem.js';
import { ArgumentsHost, Catch, HttpException, Inject, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isUnavailable } from '#berkas/sql';
import { BERKAS_CONFIG, CATALOGUE, TENANTS, TooManyAttempts, type BerkasConfig, type Tenants } from '#berkas/platform';
import { publicSiteOf } from '../public-site.js';
import type { ServiceCatalogue } from '#berkas/domain';
import { ApplicationRefused } from '../applications.js';
import { applicationPage } from './application-html.js';
import { formPage, lastTryProblem, lookupProblem } from './tracking-html.js';
import { verificationProblem } from './verification-html.js';

/**
 * On the public pages a failure is a page, not JSON: the form again (or the
 * verification page's verdict), with a
 * sentence in both languages that says what to do, and the status a robot
 * can read (429 with Retry-After, 503 while the database is away).
 */
@Catch()
export class PublicPageFilter implements ExceptionFilter {
  private readonly logger = new Logger('PublicPage');

  constructor(
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const req = host.switchToHttp().getRequest<Request>();
    let status = exception instanceof HttpException ? exception.getStatus() : 500;
    let retryAfter: number | undefined;
    if (exception instanceof TooManyAttempts) retryAfter = exception.retryAfterSeconds;
    else if (isUnavailable(exception)) {
      status = 503;
      retryAfter = this.config.DB_RETRY_AFTER_SECONDS;
      this.logger.warn(`503 ${req.method} ${req.path}: ${(exception as Error).message}`);
    } else if (status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (retryAfter) res.setHeader('Retry-After', String(retryAfter));
    const error =
      exception instanceof PublicProblem
        ? exception.text
        : exception instanceof LastPinTry
          ? lastTryProblem(exception.lockoutSeconds)
          : lookupProblem(status, retryAfter);
    res.status(status).type('html');
    // The page of the MPP the request was for (D54), with its links.
    const site = publicSiteOf(req, this.tenants);
    const mpp = { ...site.tenant.profile, base: site.base };
    if (req.path.startsWith('/verifikasi/')) {
      res.send(verificationProblem(mpp, status, error));
      return;
    }
    // An application form comes back filled in as it was sent, each problem beside its field (the files are chosen again).
    const service = /^\/daftar\/([a-z0-9-]{1,40})$/.exec(req.path)?.[1];
    const def = service
      ? this.catalogue.current(service, site.tenant.code, site.tenant.calendar.localDate(new Date().toISOString()))
      : undefined;
    if (def) {
      const refused = exception instanceof ApplicationRefused ? exception : undefined;
      const { persetujuan: _consent, ...values } = refused?.values ?? {};
      res.send(
        applicationPage(mpp, def, {
          maxBytes: this.config.FILE_MAX_BYTES,
          values,
          problems: refused?.problems,
          error,
          retryAfter,
        }),
      );
      return;
    }
    const number = typeof req.body?.registrationNumber === 'string' ? req.body.registrationNumber.slice(0, 40) : undefined;
    res.send(formPage(mpp, { number, error, retryAfter }));
  }
}
