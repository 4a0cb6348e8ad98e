import { LoginView, OfficerView } from './auth.views.js';
import { ApiProblems } from '#berkas/platform';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  UnauthorizedException,
  UseGuards,
} from '@nestjs/common';
import type { Request } from 'express';
import { JwtService } from '@nestjs/jwt';
import { ApiBearerAuth, ApiOperation, ApiTags, ApiOkResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { BerkasThrottlerGuard } from '#berkas/platform/rate-limits';
import type { ServiceCatalogue } from '#berkas/domain';
import {
  BERKAS_CONFIG,
  CATALOGUE,
  clientGroup,
  Metrics,
  TENANTS,
  TooManyAttempts,
  type BerkasConfig,
  type Tenants,
} from '#berkas/platform';
import { LoginAttempts } from '../auth/login-attempts.js';
import {
  AllowedBeforePasswordChange,
  CurrentAccount,
  CurrentOfficer,
  OfficerGuard,
  OpenToOverseers,
  type OfficerClaims,
} from '../auth/officer.guard.js';
import { OfficerRepository, type Officer } from '../auth/officer.repository.js';
import { passwordRefusals } from '../auth/passwords.js';
import { DUMMY_HASH, hashSecret, ValidationProblem, verifySecret } from '#berkas/platform';
import { ChangePasswordDto, LoginDto, SettingsQueryDto } from './dtos/index.js';

/** Wrong passwords are counted per account: a username within its MPP. */
const accountKey = (tenant: string, username: string) => `${tenant}/${username}`;

@ApiTags('auth')
@Controller('api')
export class AuthController {
  private readonly logger = new Logger('Accounts');

  constructor(
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
    private readonly jwt: JwtService,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(BERKAS_CONFIG) private readonly config: BerkasConfig,
    @Inject(LoginAttempts) private readonly attempts: LoginAttempts,
    @Inject(Metrics) private readonly metrics: Metrics,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}

  @Get('tenants')
  @SkipThrottle({ tracking: true })
  @ApiOperation({ summary: 'The MPPs (tenants) one signs in to: their codes and names, for the sign-in form' })
  @ApiProblems(503)
  @ApiOkResponse({
    schema: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' },
          name: { type: 'string' },
          timeZone: { type: 'string', enum: ['WIB', 'WITA', 'WIT'] },
          home: { type: 'boolean', description: 'the MPP that owns what was written before tenants (its administrators make overseers)' },
          province: { type: 'string', nullable: true },
        },
      },
    },
  })
  listTenants() {
    return this.tenants.all().map((t) => ({
      code: t.code,
      name: t.profile.name,
      timeZone: t.timeZone,
      home: t === this.tenants.home,
      province: t.province ?? null,
    }));
  }

  @Post('auth/login')
  @HttpCode(200)
  // Password guessing: requests per client address, and wrong passwords per account and client (D38).
  @UseGuards(BerkasThrottlerGuard)
  @SkipThrottle({ tracking: true })
  @ApiOperation({
    summary: 'Officer login: returns a bearer token',
    description:
      'Refusals name their code: AUTH.WRONG_CREDENTIALS (401), AUTH.LOCKED (429, retryAfter in seconds), AUTH.DEACTIVATED ' +
      '(403, only once the password proved who is asking). `mustChangePassword`: the officer must choose a password ' +
      '(POST /api/me/password) before any other call.',
  })
  @ApiProblems(400, 401, 403, 429, 503)
  @ApiOkResponse({ type: LoginView })
  async login(@Body() body: LoginDto, @Req() req: Request) {
    const username = body.username.trim().toLowerCase().slice(0, 80);
    const client = clientGroup(req.ip);
    // The MPP signed in to (the home tenant when the console does not ask): an unknown one is a wrong sign-in like any.
    const tenant = this.tenants.get(body.tenant ?? this.tenants.home.code)?.code;
    const officer = tenant ? await this.officers.findByUsername(tenant, username) : undefined;
    // Same work for unknown users as for a wrong password: no user enumeration by timing.
    const ok = await this.passwordHolds(accountKey(tenant ?? '?', username), client, body.password, officer?.passwordHash ?? DUMMY_HASH);
    if (!officer || !ok) {
      throw new UnauthorizedException({
        code: 'AUTH.WRONG_CREDENTIALS',
        message: 'Nama pengguna atau kata sandi salah / Wrong username or password',
      });
    }
    // Told only to whoever knows the password: a guesser learns nothing an unknown username would not tell.
    if (!officer.active)
      throw new ForbiddenException({
        code: 'AUTH.DEACTIVATED',
        message: 'Akun ini dinonaktifkan; hubungi administrator / This account is deactivated: ask an administrator',
      });
    await this.attempts.succeeded(accountKey(officer.tenant, username), client);
    return this.signIn(officer);
  }

  @Get('me')
  @ApiProblems(401, 503)
  @ApiOkResponse({ type: OfficerView, description: 'the officer, with desk names' })
  @ApiBearerAuth()
  @UseGuards(OfficerGuard)
  @AllowedBeforePasswordChange()
  me(@CurrentOfficer() officer: OfficerClaims, @CurrentAccount() account: Officer) {
    return {
      ...officer,
      desks: officer.desks.map((d) => ({ id: d, name: this.catalogue.deskName(d, officer.tenant) })),
      mustChangePassword: account.mustChangePassword,
      // The MPP signed in to, by name, when the deployment serves several: the console's header says it.
      ...(this.tenants.many ? { tenantName: this.tenants.get(officer.tenant)?.profile.name } : {}),
    };
  }

  @Post('me/password')
  @HttpCode(200)
  @UseGuards(OfficerGuard, BerkasThrottlerGuard)
  @SkipThrottle({ tracking: true })
  @AllowedBeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({
    summary: "Change one's own password",
    description:
      'Ends every session of the account (all tabs, all computers) and answers a new token for this one. A wrong current ' +
      'password is AUTH.WRONG_PASSWORD (403) and counts as a wrong login from this client.',
  })
  @ApiProblems(400, 401, 403, 429, 503)
  @ApiOkResponse({ type: LoginView })
  async changePassword(@CurrentAccount() officer: Officer, @Body() body: ChangePasswordDto, @Req() req: Request) {
    if (
      !(await this.passwordHolds(
        accountKey(officer.tenant, officer.username),
        clientGroup(req.ip),
        body.currentPassword,
        officer.passwordHash,
      ))
    )
      throw new ForbiddenException({ code: 'AUTH.WRONG_PASSWORD', message: 'Kata sandi saat ini salah / The current password is wrong' });
    const refusals = passwordRefusals(body.newPassword, officer, body.currentPassword);
    if (refusals.length) throw new ValidationProblem(refusals.map((reason) => ({ field: 'newPassword', reason })));
    const next = {
      ...officer,
      passwordHash: await hashSecret(body.newPassword),
      tokenVersion: officer.tokenVersion + 1,
      mustChangePassword: false,
    };
    await this.officers.save(next);
    this.logger.log(`officer ${officer.username} changed their password: their other sessions ended`);
    return this.signIn(next);
  }

  @Post('me/sign-out-everywhere')
  @HttpCode(200)
  @UseGuards(OfficerGuard)
  @AllowedBeforePasswordChange()
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Ends every session of the account, this one included (a counter PC left signed in)' })
  @ApiProblems(401, 503)
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: { endedAt: { type: 'string', format: 'date-time', description: 'every token issued before ends' } },
    },
  })
  async signOutEverywhere(@CurrentAccount() officer: Officer) {
    await this.officers.save({ ...officer, tokenVersion: officer.tokenVersion + 1 });
    this.logger.log(`officer ${officer.username} signed out everywhere`);
    return { endedAt: new Date().toISOString() };
  }

  /**
   * Whether `password` matches `hash`, under D38's guard against guessing: a
   * client locked out of the account is refused before the check (even with
   * the right password), and a wrong password counts against it, locking it
   * out when it is one too many (AUTH.LOCKED, with the wait). Signing in and
   * changing one's password share it.
   */
  private async passwordHolds(username: string, client: string, password: string, hash: string): Promise<boolean> {
    const wait = await this.attempts.refusedFor(username, client);
    if (wait > 0) throw new TooManyAttempts(wait, 'AUTH.LOCKED');
    if (await verifySecret(password, hash)) return true;
    const locked = await this.attempts.failed(username, client);
    if (locked > 0) {
      this.metrics.lockouts.inc({ kind: 'officer-login' });
      throw new TooManyAttempts(locked, 'AUTH.LOCKED');
    }
    return false;
  }

  /** A token for the account as it is now: role and desks are read again on every request; `ver` ends older tokens. */
  private async signIn(officer: Officer) {
    const accessToken = await this.jwt.signAsync({ sub: officer.officerId, name: officer.name, ver: officer.tokenVersion });
    return {
      accessToken,
      officer: { officerId: officer.officerId, name: officer.name, role: officer.role, desks: officer.desks },
      mustChangePassword: officer.mustChangePassword,
    };
  }

  @Get('settings')
  @ApiTags('catalogue')
  @ApiProblems(400)
  @ApiOperation({
    summary:
      "What the officers' console shows of an MPP (`tenant`, default the home one): its name, and where its applicants track their dossier",
  })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        mppName: { type: 'string' },
        trackingUrl: { type: 'string', nullable: true, description: "the public site with the MPP's path; null: this server's own" },
        trackingPath: {
          type: 'string',
          description: "the MPP's pages on the public site: / for the home tenant, /kota-denpasar/ for another",
        },
      },
    },
  })
  settings(@Query() q: SettingsQueryDto) {
    const tenant = this.tenants.get(q.tenant ?? '') ?? this.tenants.home;
    const path = `${this.tenants.publicPath(tenant)}/`;
    const site = this.config.PUBLIC_TRACKING_URL?.replace(/\/+$/, '');
    return {
      mppName: tenant === this.tenants.home ? this.config.MPP_NAME : tenant.profile.name,
      trackingUrl: site ? `${site}${path}` : null,
      trackingPath: path,
    };
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
  @OpenToOverseers()
  async colleagues(@CurrentOfficer() officer: OfficerClaims) {
    return (await this.officers.all(officer.tenant))
      .filter((o) => o.active)
      .map((o) => ({ officerId: o.officerId, name: o.name, desks: o.desks }));
  }

  @Get('services')
  @ApiProblems(400)
  @ApiOkResponse({
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
    description: 'service definitions (see docs/service-definitions.md)',
  })
  @ApiTags('catalogue')
  @ApiOperation({
    summary:
      'The service catalogue: requirements, steps, SLA and fee rules, each service in the version an MPP registers under today (its own, else the national template’s)',
  })
  services(@Query('tenant') tenant?: string) {
    const t = tenant ? this.tenants.get(tenant) : undefined;
    if (!t) return this.catalogue.services();
    return this.catalogue.servicesOf(t.code, t.calendar.localDate(new Date().toISOString()));
  }

  @Get('services/:code/versions')
  @ApiProblems(400, 404)
  @ApiOkResponse({
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
    description:
      'every published version of one service, oldest first (a running dossier follows the version it was registered or migrated to)',
  })
  @ApiTags('catalogue')
  @ApiOperation({ summary: 'Every published version of a service: what a dossier on an older one follows, and what it may migrate to' })
  versions(@Param('code') code: string, @Query('tenant') tenant?: string) {
    // The national template's versions, and the MPP's own (another MPP's are not its to follow).
    const found = this.catalogue.versionsOf(code, tenant && this.tenants.get(tenant) ? tenant : undefined);
    if (!found.length) throw new NotFoundException({ code: 'SERVICE.UNKNOWN', message: `Unknown service "${code}"` });
    return found;
  }

  @Get('desks')
  @ApiProblems(400)
  @ApiOkResponse({ schema: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'object' } } } } })
  @ApiTags('catalogue')
  @ApiOperation({ summary: "The desks: the template's, and with `tenant` those that MPP added" })
  desks(@Query('tenant') tenant?: string) {
    // The template's desks, and those the MPP added (issue 23).
    return this.catalogue.desks(tenant && this.tenants.get(tenant) ? tenant : undefined);
  }
}
