import { Controller, Get, Inject, NotFoundException, Query, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { ServiceCatalogue } from '#berkas/domain';
import { ApiProblems, CATALOGUE, CLOCK, SQL_DATABASE, TENANTS, type Clock, type Tenants } from '#berkas/platform';
import type { SqlDatabase } from '#berkas/sql';
import { permitOnRecord } from '../application/permit-on-record.js';
import { AccessLog } from '../auth/access-log.js';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { RenewalBasisQueryDto } from './dtos/index.js';

/** Issued permits as the counter starts from them: a renewal or an amendment begins with the permit it renews. */
@ApiTags('dossiers')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/permits')
export class PermitsController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(AccessLog) private readonly access: AccessLog,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('renewal-basis')
  @Roles('front-desk', 'supervisor')
  @ApiOperation({
    summary:
      'What a renewal or amendment starts from: the issued permit by its number, with its holder, particulars, fee inputs and validity, to fill the registration form (the read is kept in the access log)',
  })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  async renewalBasis(@CurrentOfficer() officer: OfficerClaims, @Query() q: RenewalBasisQueryDto) {
    const found = await permitOnRecord(this.db, this.catalogue, officer.tenant, q.number);
    if (!found) throw new NotFoundException(`No issued permit ${q.number}`);
    const { summary: s, permit, validUntil } = found;
    await this.access.record({
      tenant: officer.tenant,
      officerId: officer.officerId,
      role: officer.role,
      dossierId: s.dossierId,
      registrationNumber: s.registrationNumber,
      what: 'renewal-basis',
      allowed: true,
    });
    // The version the MPP registers the renewal under today (its own, else the template's).
    const today = this.tenants.of(officer.tenant).calendar.localDate(this.clock.now());
    const latest = this.catalogue.current(s.service.code, officer.tenant, today);
    return {
      permitNumber: permit.number,
      registrationNumber: s.registrationNumber,
      service: s.service.code,
      issuedAt: permit.issuedAt,
      validUntil: validUntil ?? null,
      revoked: Boolean(permit.revoked),
      // What the newest definition takes of it: particulars it no longer defines are left behind.
      variants: (latest?.variants ?? []).filter((v) => v.previousPermit).map((v) => ({ code: v.code, label: v.label })),
      applicant: s.applicant,
      particulars: Object.fromEntries(Object.entries(s.particulars ?? {}).filter(([k]) => latest?.particulars.some((p) => p.code === k))),
      inputs: s.inputs ?? {},
    };
  }
}
