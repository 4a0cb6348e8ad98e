import { PermitVerificationView, TrackingView } from '#berkas/platform';
import { ApiProblems } from '#berkas/platform';
import { Body, Controller, Get, Header, HttpCode, Inject, Param, Post, UseGuards } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { PublicTrackingView } from '#berkas/read-models';
import { TRACKING_LOOKUPS } from './tracking.tokens.js';
import type { PermitVerification, TrackingLookups } from './tracking-lookups.js';
import { BerkasThrottlerGuard } from '#berkas/platform/rate-limits';
import { TrackingLookupDto } from './tracking.dtos.js';
import { TRACKING_PAGE, TRACKING_SCRIPT, TRACKING_STYLE } from './tracking.page.js';

/** Public, read-only: applicants follow their dossier; anyone verifies a permit's QR code. */
@ApiTags('public')
@UseGuards(BerkasThrottlerGuard)
@SkipThrottle({ login: true, 'login-account': true })
@Controller()
export class TrackingController {
  constructor(@Inject(TRACKING_LOOKUPS) private readonly lookups: TrackingLookups) {}

  @Post('api/public/tracking')
  @HttpCode(200)
  @ApiOperation({ summary: 'Track a dossier with the registration number and the PIN from the receipt' })
  @ApiProblems(400, 404, 413, 429, 503)
  @ApiOkResponse({ type: TrackingView })
  track(@Body() body: TrackingLookupDto): Promise<PublicTrackingView> {
    return this.lookups.track(body.registrationNumber, body.pin);
  }

  @Get('api/public/permits/:code')
  @ApiOperation({ summary: 'Verify an issued permit by the code behind its QR' })
  @ApiProblems(404, 429, 503)
  @ApiOkResponse({ type: PermitVerificationView })
  verify(@Param('code') code: string): Promise<PermitVerification> {
    return this.lookups.verify(code);
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
