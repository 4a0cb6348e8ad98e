import { OfficerView } from './auth.views.js';
import { ApiProblems } from '#berkas/platform';
import { randomUUID } from 'node:crypto';
import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Param,
  Patch,
  Post,
  UnprocessableEntityException,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  OmitType,
  PartialType,
} from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Role, ServiceCatalogue } from '#berkas/domain';
import { hashSecret } from '#berkas/platform';
import { ValidationProblem } from '#berkas/platform';
import { CATALOGUE, TENANTS, type Tenants } from '#berkas/platform';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { LastAdministratorError, OfficerRepository, type Officer } from '../auth/officer.repository.js';
import { PASSWORD_LENGTH, USERNAME_PATTERN } from '../auth/first-administrator.js';
import { LoginAttempts } from '../auth/login-attempts.js';
import { temporaryPassword } from '../auth/passwords.js';

const ROLES: Role[] = ['front-desk', 'processor', 'supervisor', 'admin', 'overseer'];

export class OfficerCreateDto {
  @ApiProperty({ example: 'verifikator3' })
  @Matches(USERNAME_PATTERN, { message: 'username: 3-40 lowercase letters, digits, . _ -' })
  username!: string;

  @ApiProperty()
  @IsString()
  @MinLength(2)
  @MaxLength(120)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: [String], example: ['back-office'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsString({ each: true })
  desks?: string[];

  @ApiPropertyOptional({
    example: 'Bali',
    description: "an overseer's province (as the tenants file names it): its MPPs' figures; left out, every MPP's",
  })
  @IsOptional()
  @IsString()
  @MinLength(3)
  @MaxLength(60)
  oversees?: string;

  @ApiProperty({ description: 'at least 10 characters' })
  @IsString()
  @MinLength(PASSWORD_LENGTH.min)
  @MaxLength(PASSWORD_LENGTH.max)
  password!: string;
}

/** Every field optional except that the username cannot change; `active: false` deactivates the account. */
export class OfficerUpdateDto extends PartialType(OmitType(OfficerCreateDto, ['username'] as const)) {
  @ApiPropertyOptional({ description: 'false: the officer can no longer log in, and their tokens stop working on the next request' })
  @IsOptional()
  @IsBoolean()
  active?: boolean;
}

const view = (o: Officer) => ({
  officerId: o.officerId,
  username: o.username,
  name: o.name,
  role: o.role,
  desks: o.desks,
  active: o.active,
  mustChangePassword: o.mustChangePassword,
  ...(o.oversees ? { oversees: o.oversees } : {}),
});

/** Admins manage officer accounts and the desks they are assigned to; changes apply to the officer's next request. */
@ApiTags('officers')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Roles('admin')
@Controller('api/officers')
@ApiProblems(400, 401, 403, 404, 409, 503)
export class OfficersController {
  constructor(
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(LoginAttempts) private readonly attempts: LoginAttempts,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}

  private readonly logger = new Logger('Accounts');

  @Get()
  @ApiOkResponse({ type: [OfficerView] })
  async list(@CurrentOfficer() admin: OfficerClaims) {
    return (await this.officers.all(admin.tenant)).map(view);
  }

  @Post()
  @ApiOperation({ summary: 'Create an officer account' })
  @ApiCreatedResponse({ type: OfficerView })
  async create(@CurrentOfficer() admin: OfficerClaims, @Body() body: OfficerCreateDto) {
    this.checkDesks(body.desks ?? [], admin.tenant);
    this.checkOversight(admin, body.role, body.oversees);
    if (await this.officers.usernameTaken(admin.tenant, body.username))
      throw new ConflictException(`Nama pengguna ${body.username} sudah dipakai / Username ${body.username} is taken`);
    const officer: Officer = {
      officerId: `officer-${randomUUID()}`,
      tenant: admin.tenant,
      username: body.username,
      name: body.name,
      role: body.role,
      desks: body.desks ?? [],
      passwordHash: await hashSecret(body.password),
      active: true,
      tokenVersion: 1,
      // The administrator chose it: the officer chooses their own at first sign-in.
      mustChangePassword: true,
      ...(body.role === 'overseer' && body.oversees ? { oversees: body.oversees } : {}),
    };
    await this.officers.save(officer);
    return view(officer);
  }

  @Patch(':officerId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change name, role, desks, password, or deactivate (active: false)' })
  @ApiOkResponse({ type: OfficerView })
  async update(@CurrentOfficer() admin: OfficerClaims, @Param('officerId') officerId: string, @Body() body: OfficerUpdateDto) {
    const officer = await this.officers.findInTenant(admin.tenant, officerId);
    if (!officer) throw new NotFoundException(`Petugas tidak ditemukan / No officer ${officerId.slice(0, 80)}`);
    if (body.desks) this.checkDesks(body.desks, admin.tenant);
    const role = body.role ?? officer.role;
    if (body.role !== undefined || body.oversees !== undefined) this.checkOversight(admin, role, body.oversees);
    if (body.active === false && officerId === admin.officerId)
      throw new ValidationProblem([{ field: 'active', reason: 'you cannot deactivate your own account' }]);
    // Deactivation and a new password end every token issued before; role and desks apply on the next request anyway.
    const endSessions = body.active === false || body.password !== undefined;
    const next: Officer = {
      ...officer,
      name: body.name ?? officer.name,
      role: body.role ?? officer.role,
      desks: body.desks ?? officer.desks,
      active: body.active ?? officer.active,
      passwordHash: body.password ? await hashSecret(body.password) : officer.passwordHash,
      tokenVersion: endSessions ? officer.tokenVersion + 1 : officer.tokenVersion,
      mustChangePassword: body.password !== undefined ? true : officer.mustChangePassword,
      oversees: role === 'overseer' ? (body.oversees ?? officer.oversees) : undefined,
    };
    try {
      await this.officers.saveKeepingAnAdministrator(next);
    } catch (e) {
      if (e instanceof LastAdministratorError)
        throw new UnprocessableEntityException(
          'Administrator aktif terakhir tidak dapat diturunkan atau dinonaktifkan; jadikan petugas lain administrator lebih dulu / ' +
            'The last active administrator cannot be demoted or deactivated: make another officer an administrator first',
        );
      throw e;
    }
    if (body.password !== undefined) await this.attempts.forget(officer.username);
    return view(next);
  }

  @Post(':officerId/password-reset')
  @HttpCode(200)
  @ApiOperation({
    summary: "Reset an officer's password to a temporary one",
    description:
      'Answers the temporary password once (it is not stored in clear): the officer signs in with it and must choose ' +
      'their own before anything else. Every session of the account ends; wrong guesses before the reset stop counting.',
  })
  @ApiOkResponse({ schema: { type: 'object', properties: { temporaryPassword: { type: 'string', example: 'k7mq-x3pa-9dtw' } } } })
  async resetPassword(@CurrentOfficer() admin: OfficerClaims, @Param('officerId') officerId: string) {
    const officer = await this.officers.findInTenant(admin.tenant, officerId);
    if (!officer) throw new NotFoundException(`Petugas tidak ditemukan / No officer ${officerId.slice(0, 80)}`);
    if (!officer.active)
      throw new ValidationProblem([{ field: 'active', reason: 'the account is deactivated: reactivate it before resetting its password' }]);
    const temporary = temporaryPassword();
    await this.officers.save({
      ...officer,
      passwordHash: await hashSecret(temporary),
      tokenVersion: officer.tokenVersion + 1,
      mustChangePassword: true,
    });
    await this.attempts.forget(officer.username);
    this.logger.log(`administrator ${admin.officerId} reset the password of ${officer.username}: their sessions ended`);
    return { temporaryPassword: temporary };
  }

  /**
   * Overseers read figures across the MPPs of the deployment: only the home MPP's administrators (the deployment's
   * own) make them, for a province one of its MPPs is in, or for all.
   */
  private checkOversight(admin: OfficerClaims, role: Role, oversees: string | undefined): void {
    if (role !== 'overseer') {
      if (oversees !== undefined) throw new ValidationProblem([{ field: 'oversees', reason: 'only an overseer oversees a province' }]);
      return;
    }
    if (admin.tenant !== this.tenants.home.code)
      throw new ValidationProblem([{ field: 'role', reason: "overseers are made by the home MPP's administrators" }]);
    if (oversees !== undefined && !this.tenants.all().some((t) => t.province === oversees))
      throw new ValidationProblem([{ field: 'oversees', reason: `no MPP of this deployment is in the province "${oversees}"` }]);
  }

  /** The template's desks and those the MPP added (issue 23). */
  private checkDesks(desks: string[], tenant: string): void {
    const known = new Set(this.catalogue.desks(tenant).map((d) => d.id));
    const unknown = desks.filter((d) => !known.has(d));
    if (unknown.length) throw new ValidationProblem(unknown.map((d) => ({ field: 'desks', reason: `unknown desk "${d}"` })));
  }
}
