import { randomUUID } from 'node:crypto';
import {
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Patch,
  Post,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import type { Role, ServiceCatalogue } from '../../../domain/src/index.js';
import { hashSecret } from '../../../platform/src/secrets.js';
import { ValidationProblem } from '../../../platform/src/problem-details.filter.js';
import { CATALOGUE } from '../../../platform/src/tokens.js';
import { OfficerGuard, Roles } from '../auth/officer.guard.js';
import { OfficerRepository, type Officer } from '../auth/officer.repository.js';

const ROLES: Role[] = ['front-desk', 'processor', 'supervisor', 'admin'];

export class OfficerCreateDto {
  @ApiProperty({ example: 'verifikator3' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,39}$/, { message: 'username: 3-40 lowercase letters, digits, . _ -' })
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

  @ApiProperty({ description: 'at least 10 characters' })
  @IsString()
  @MinLength(10)
  @MaxLength(200)
  password!: string;
}

/** Every field optional except that the username cannot change. */
export class OfficerUpdateDto extends PartialType(OmitType(OfficerCreateDto, ['username'] as const)) {}

const view = (o: Officer) => ({ officerId: o.officerId, username: o.username, name: o.name, role: o.role, desks: o.desks });

/** Admins manage officer accounts and the desks they are assigned to. Tokens already issued keep their claims until they expire. */
@ApiTags('officers')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Roles('admin')
@Controller('api/officers')
export class OfficersController {
  constructor(
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
  ) {}

  @Get()
  async list() {
    return (await this.officers.all()).map(view);
  }

  @Post()
  @ApiOperation({ summary: 'Create an officer account' })
  async create(@Body() body: OfficerCreateDto) {
    this.checkDesks(body.desks ?? []);
    if (await this.officers.findByUsername(body.username)) throw new ConflictException(`Username ${body.username} is taken`);
    const officer: Officer = {
      officerId: `officer-${randomUUID()}`,
      username: body.username,
      name: body.name,
      role: body.role,
      desks: body.desks ?? [],
      passwordHash: await hashSecret(body.password),
    };
    await this.officers.save(officer);
    return view(officer);
  }

  @Patch(':officerId')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change name, role, desks or password' })
  async update(@Param('officerId') officerId: string, @Body() body: OfficerUpdateDto) {
    const officer = await this.officers.findById(officerId);
    if (!officer) throw new NotFoundException(`No officer ${officerId.slice(0, 80)}`);
    if (body.desks) this.checkDesks(body.desks);
    const next: Officer = {
      ...officer,
      name: body.name ?? officer.name,
      role: body.role ?? officer.role,
      desks: body.desks ?? officer.desks,
      passwordHash: body.password ? await hashSecret(body.password) : officer.passwordHash,
    };
    await this.officers.save(next);
    return view(next);
  }

  private checkDesks(desks: string[]): void {
    const known = new Set(this.catalogue.desks().map((d) => d.id));
    const unknown = desks.filter((d) => !known.has(d));
    if (unknown.length) throw new ValidationProblem(unknown.map((d) => ({ field: 'desks', reason: `unknown desk "${d}"` })));
  }
}
