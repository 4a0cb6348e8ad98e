import { ArgumentsHost, Catch, HttpException, HttpStatus, Logger, type ExceptionFilter } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { DomainError, type DomainErrorCode } from '#berkas/domain';
import { CommandIdReusedError, ConcurrencyError } from '#berkas/event-store';
import { isUnavailable } from '#berkas/sql';
import { TooManyAttempts } from './too-many-attempts.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code?: string;
  errors?: { field: string; reason: string }[];
  [extra: string]: unknown;
}

const STATUS_BY_CODE: Partial<Record<DomainErrorCode, number>> = {
  'DOSSIER.NOT_FOUND': HttpStatus.NOT_FOUND,
  'DOSSIER.NOT_AT_DESK': HttpStatus.FORBIDDEN,
  'AUTH.ROLE': HttpStatus.FORBIDDEN,
  'AUTH.SEPARATION_OF_DUTIES': HttpStatus.FORBIDDEN,
  'DOSSIER.HELD_BY_OTHER': HttpStatus.CONFLICT,
  'DOSSIER.ALREADY_REGISTERED': HttpStatus.CONFLICT,
  'FEE.REFERENCE_USED_ELSEWHERE': HttpStatus.CONFLICT,
};

/** What each HTTP status means to the person reading it, in Bahasa Indonesia and English. */
const TITLES: Record<number, string> = {
  400: 'Permintaan tidak valid / Invalid request',
  401: 'Belum masuk atau sesi berakhir / Not logged in or session expired',
  403: 'Tidak diizinkan / Not allowed',
  404: 'Tidak ditemukan / Not found',
  409: 'Bentrok dengan perubahan lain / Conflicts with another change',
  413: 'Permintaan terlalu besar / Request too large',
  415: 'Jenis atau pengodean isi permintaan tidak didukung / Unsupported body type or encoding',
  422: 'Tidak dapat diproses / Cannot be processed',
  429: 'Terlalu banyak percobaan / Too many attempts',
  503: 'Layanan sementara tidak tersedia / Service temporarily unavailable',
};
export const titleFor = (status: number): string =>
  TITLES[status] ?? (status >= 500 ? 'Kesalahan sistem / Internal error' : `HTTP ${status}`);

/** Field-level validation failure, raised by the validation pipe. */
export class ValidationProblem extends HttpException {
  constructor(readonly errors: { field: string; reason: string }[]) {
    super('Validation failed', HttpStatus.BAD_REQUEST);
  }
}

/** Every error leaves as application/problem+json (RFC 9457), in one shape. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  constructor(private readonly retryAfterSeconds = 5) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request>();
    this.send(ctx.getResponse<Response>(), exception, req.method, req.originalUrl);
  }

  /** Writes the problem for `exception` to a plain Node response (Express's or the public fast path's). */
  send(res: ServerResponse, exception: unknown, method: string, url: string): void {
    const problem = this.toProblem(exception);
    problem.instance = url;
    if (problem.status === 503) {
      res.setHeader('Retry-After', String(this.retryAfterSeconds));
      this.logger.warn(`503 ${method} ${url.split('?')[0]}: ${(exception as Error)?.message ?? exception}`);
    } else if (exception instanceof TooManyAttempts) res.setHeader('Retry-After', String(exception.retryAfterSeconds));
    else if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const body = JSON.stringify(problem);
    res.statusCode = problem.status;
    res.setHeader('Content-Type', 'application/problem+json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(body));
    res.end(body);
  }

  private toProblem(e: unknown): Problem {
    if (isUnavailable(e))
      return {
        type: 'urn:berkas:problem:unavailable',
        title: titleFor(503),
        status: 503,
        detail: `Basis data sedang tidak dapat dihubungi. Coba lagi dalam ${this.retryAfterSeconds} detik (perintah: dengan Idempotency-Key yang sama). / The database cannot be reached right now; try again in ${this.retryAfterSeconds} seconds (a command: with the same Idempotency-Key).`,
        code: 'SERVICE.UNAVAILABLE',
      };
    if (e instanceof ValidationProblem)
      return { type: 'urn:berkas:problem:validation', title: 'Permintaan tidak valid / Invalid request', status: 400, errors: e.errors };
    if (e instanceof DomainError)
      return {
        type: `urn:berkas:problem:${e.code.toLowerCase()}`,
        title: e.message,
        status: STATUS_BY_CODE[e.code] ?? HttpStatus.UNPROCESSABLE_ENTITY,
        code: e.code,
        ...(e.details ? { details: e.details } : {}),
      };
    if (e instanceof CommandIdReusedError)
      return {
        type: 'urn:berkas:problem:idempotency.key_reused',
        title:
          'Kunci Idempotency-Key ini sudah dipakai untuk permintaan lain; buat kunci baru / This Idempotency-Key was already used for a different request: use a new key',
        status: 422,
        code: 'IDEMPOTENCY.KEY_REUSED',
      };
    if (e instanceof ConcurrencyError)
      return {
        type: 'urn:berkas:problem:concurrency',
        title: 'Berkas telah diubah petugas lain / The dossier was changed by someone else: reload and retry',
        status: 409,
        code: 'DOSSIER.CONCURRENT_CHANGE',
        currentVersion: e.actualVersion ?? 0,
      };
    if (e instanceof HttpException) {
      const status = e.getStatus();
      const body = e.getResponse();
      const detail = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? e.message);
      // A refusal the console words by itself names its code: `new UnauthorizedException({ message, code })`.
      const code = e instanceof TooManyAttempts ? e.code : typeof body === 'object' ? (body as { code?: unknown }).code : undefined;
      // express' body parser reports malformed JSON and oversized bodies as HttpErrors (400/413).
      return {
        type: `urn:berkas:problem:http-${status}`,
        title: titleFor(status),
        status,
        detail: Array.isArray(detail) ? detail.join('; ') : String(detail),
        ...(typeof code === 'string' ? { code } : {}),
        ...(e instanceof TooManyAttempts ? { retryAfter: e.retryAfterSeconds } : {}),
      };
    }
    // The body parser's refusals (http-errors with a 4xx status): malformed JSON, too large, an unsupported charset or
    // Content-Encoding (415). Anything else unknown is ours, a 500.
    // Worded as Nest words them when they come through Express, so the fast path's answers are the same (D23).
    const status = (e as { status?: number; type?: string })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500)
      return { type: `urn:berkas:problem:http-${status}`, title: titleFor(status), status, detail: (e as Error).message };
    return { type: 'urn:berkas:problem:internal', title: titleFor(500), status: 500 };
  }
}
