import { HttpException, HttpStatus } from '@nestjs/common';

/**
 * Too many attempts: 429 with a standard Retry-After and a message in Bahasa
 * Indonesia and English; `code` names what was refused when a screen words it
 * (AUTH.LOCKED: wrong passwords for an account).
 */
export class TooManyAttempts extends HttpException {
  constructor(
    readonly retryAfterSeconds: number,
    readonly code?: string,
  ) {
    super(
      `Terlalu banyak percobaan, coba lagi dalam ${retryAfterSeconds} detik / Too many attempts, try again in ${retryAfterSeconds} seconds`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}
