import { LoginView, OfficerView } from './auth.views.js';
import { ApiProblems } from '#berkas/platform';
import { Body, Controller, Get, HttpCode, Inject, Post, Req, UnauthorizedException, UseGuards } from '@nestjs/common';
import type { Request } from 'express';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { BerkasThrottlerGuard } from '#berkas/platform/rate-limits';
import type { ServiceCatalogue } from '#berkas/domain';
import { BERKAS_CONFIG, CATALOGUE, clientGroup, Metrics, TooManyAttempts, type BerkasConfig } from '#berkas/platform';
import { LoginAttempts } from '../auth/login-attempts.js';
import { CurrentOfficer, OfficerGuard, type OfficerClaims } from '../auth/officer.guard.js';
import { OfficerRepository } from '../auth/officer.repository.js';
import { DUMMY_HASH, verifySecret } from '#berkas/platform';
import { LoginDto } from './dtos/index.js';

@ApiTags('auth')
@Controller('api')
export class AuthController {
  constructor(
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
    private readonly jwt: JwtService,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(LoginAttempts) private readonly attempts: LoginAttempts,
    @Inject(Metrics) private readonly metrics: Metrics,
  ) {}

  @Post('auth/login')
  @HttpCode(200)
  // Password guessing: requests per client address, and wrong passwords per account and client (D38).
  @UseGuards(BerkasThrottlerGuard)
  @SkipThrottle({ tracking: true })
  @ApiOperation({ summary: 'Officer login: returns a bearer token' })
  @ApiProblems(400, 401, 429, 503)
  @ApiOkResponse({ type: LoginView })
  async login(@Body() body: LoginDto, @Req() req: Request) {
    const username = body.username.trim().toLowerCase().slice(0, 80);
    const client = clientGroup(req.ip);
    const wait = await this.attempts.refusedFor(username, client);
    if (wait > 0) throw new TooManyAttempts(wait);
    const officer = await this.officers.findByUsername(body.username);
    // Same work for unknown users as for a wrong password: no user enumeration by timing.
    const ok = await verifySecret(body.password, officer?.passwordHash ?? DUMMY_HASH);
    if (!officer || !ok) {
      const locked = await this.attempts.failed(username, client);
      if (locked > 0) {
        this.metrics.lockouts.inc({ kind: 'officer-login' });
        throw new TooManyAttempts(locked);
      }
      throw new UnauthorizedException('Nama pengguna atau kata sandi salah / Wrong username or password');
    }
    await this.attempts.succeeded(username, client);
    // Role and desks are read again on every request; `ver` lets a deactivation or password change end older tokens.
    const accessToken = await this.jwt.signAsync({ sub: officer.officerId, name: officer.name, ver: officer.tokenVersion });
    return { accessToken, officer: { officerId: officer.officerId, name: officer.name, role: officer.role, desks: officer.desks } };
  }

  @Get('me')
  @ApiProblems(401, 503)
  @ApiOkResponse({ type: OfficerView, description: 'the officer, with desk names' })
  @ApiBearerAuth()
  @UseGuards(OfficerGuard)
  me(@CurrentOfficer() officer: OfficerClaims) {
    return { ...officer, desks: officer.desks.map((d) => ({ id: d, name: this.catalogue.deskName(d) })) };
  }

  @Get('settings')
  @ApiTags('catalogue')
  @ApiProblems(400)
  @ApiOperation({ summary: "What the officers' console shows of this MPP: its name, and where applicants track their dossier" })
  @ApiOkResponse({
    schema: { type: 'object', properties: { mppName: { type: 'string' }, trackingUrl: { type: 'string', nullable: true } } },
  })
  settings() {
    return { mppName: this.config.MPP_NAME, trackingUrl: this.config.PUBLIC_TRACKING_URL ?? null };
  }

  @Get('colleagues')
  @ApiOperation({ summary: "Active officers' names and desks, so screens name who holds a dossier (no roles, no account data)" })
  @ApiProblems(401, 503)
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: { officerId: { type: 'string' }, name: { type: 'string' }, desks: { type: 'array', items: { type: 'string' } } },
      },
    },
  })
  @ApiBearerAuth()
  @UseGuards(OfficerGuard)
  async colleagues() {
    return (await this.officers.all()).filter((o) => o.active).map((o) => ({ officerId: o.officerId, name: o.name, desks: o.desks }));
  }

  @Get('services')
  @ApiProblems(400)
  @ApiOkResponse({
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
    description: 'service definitions (see docs/service-definitions.md)',
  })
  @ApiTags('catalogue')
  @ApiOperation({ summary: 'The service catalogue: requirements, steps, SLA and fee rules (newest versions)' })
  services() {
    return this.catalogue.services();
  }

  @Get('desks')
  @ApiProblems(400)
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'object' } } } } })
  @ApiTags('catalogue')
  desks() {
    return this.catalogue.desks();
  }
}
