import { PermitVerificationView, TrackingView } from '#berkas/platform';
import { ApiProblems } from '#berkas/platform';
import { Body, Controller, Get, Header, HttpCode, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { ServiceCatalogue } from '#berkas/domain';
import { renderTracking, type PublicTrackingView } from '#berkas/read-models';
import { BERKAS_CONFIG, pinMatches, TooManyAttempts, type BerkasConfig } from '#berkas/platform';
import { PIN_ATTEMPTS, PUBLIC_READS } from './pin-attempts.token.js';
import type { PublicReads } from './public-reads.js';
import type { PinAttempts } from './pin-attempts.js';
import { BerkasThrottlerGuard } from '#berkas/platform/rate-limits';
import { CATALOGUE } from '#berkas/platform';
import { TrackingLookupDto } from './tracking.dtos.js';
import { TRACKING_PAGE, TRACKING_SCRIPT, TRACKING_STYLE } from './tracking.page.js';

/** A dossier id no dossier has, so an unknown number costs the same keyed hash as a known one. */
const UNKNOWN = '00000000-0000-0000-0000-000000000000';
const NOT_FOUND = 'Nomor registrasi atau PIN tidak cocok / Registration number or PIN does not match';

/** Public, read-only: applicants follow their dossier; anyone verifies a permit's QR code. */
@ApiTags('public')
@UseGuards(BerkasThrottlerGuard)
@SkipThrottle({ login: true, 'login-account': true })
@Controller()
export class TrackingController {
  constructor(
    @Inject(PUBLIC_READS) private readonly reads: PublicReads,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(PIN_ATTEMPTS) private readonly attempts: PinAttempts,
  ) {}

  @Post('api/public/tracking')
  @HttpCode(200)
  @ApiOperation({ summary: 'Track a dossier with the registration number and the PIN from the receipt' })
  @ApiProblems(400, 404, 429, 503)
  @ApiOkResponse({ type: TrackingView })
  async track(@Body() body: TrackingLookupDto): Promise<PublicTrackingView> {
    const number = body.registrationNumber;
    // A number with too many wrong PINs is locked, whether it exists or not, even for the right PIN.
    const [attempts, found] = await Promise.all([this.attempts.status(number), this.reads.findTracking(number)]);
    if (attempts.lockedFor > 0) throw new TooManyAttempts(attempts.lockedFor);
    // Unknown number and wrong PIN look and take the same (one keyed hash each): no probing for valid numbers.
    const ok = pinMatches(this.config.PIN_SECRET, found?.dossierId ?? UNKNOWN, body.pin);
    if (!found || !ok) {
      const locked = await this.attempts.fail(number);
      if (locked > 0) throw new TooManyAttempts(locked);
      throw new NotFoundException(NOT_FOUND);
    }
    if (attempts.failures) await this.attempts.clear(number);
    return renderTracking(this.catalogue, found, new Date().toISOString());
  }

  @Get('api/public/permits/:code')
  @ApiOperation({ summary: 'Verify an issued permit by the code behind its QR' })
  @ApiProblems(404, 429, 503)
  @ApiOkResponse({ type: PermitVerificationView })
  async verify(@Param('code') code: string) {
    const permit = /^[A-Z0-9]{6,32}$/.test(code) ? await this.reads.findPermit(code) : undefined;
    if (!permit) throw new NotFoundException('Izin tidak ditemukan / No permit with this code');
    return { valid: true, ...permit };
  }

  @Get()
  @SkipThrottle({ tracking: true })
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'Public tracking page (Bahasa Indonesia / English)' })
  @ApiProblems(400)
  @ApiOkResponse({ description: 'the HTML page', content: { 'text/html': { schema: { type: 'string' } } } })
  page(): string {
    return TRACKING_PAGE;
  }

  @Get('assets/tracking.js')
  @ApiExcludeEndpoint()
  @SkipThrottle({ tracking: true })
  @Header('Content-Type', 'text/javascript; charset=utf-8')
  script(): string {
    return TRACKING_SCRIPT;
  }

  @Get('assets/tracking.css')
  @ApiExcludeEndpoint()
  @SkipThrottle({ tracking: true })
  @Header('Content-Type', 'text/css; charset=utf-8')
  style(): string {
    return TRACKING_STYLE;
  }
}
