import { Body, Controller, Get, Inject, NotFoundException, Param, ParseIntPipe, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarYearView } from './catalogue.views.js';
import { ApiProblems, CatalogueSync, CLOCK, TENANTS, ValidationProblem, type Clock, type Tenants } from '#berkas/platform';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { RegionalHolidaysDto } from './dtos/index.js';

/**
 * Issue 23: an MPP's working days. The national calendar (the SKB's holidays and cuti bersama) is the deployment's,
 * read from `CALENDAR_DIR`; each MPP's administrator publishes its own regional holidays of a year, with the reason,
 * and from then on every deadline the MPP counts skips them (deadlines already recorded keep their day, D07).
 */
@ApiTags('catalogue')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/calendar')
export class CalendarController {
  constructor(
    @Inject(CatalogueSync) private readonly sync: CatalogueSync,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':year')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: CalendarYearView })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiOperation({ summary: "A year of the MPP's working calendar: the national days off (read only) and its regional holidays" })
  async year(@CurrentOfficer() o: OfficerClaims, @Param('year', ParseIntPipe) year: number) {
    if (year < 2000 || year > 2100) throw new NotFoundException(`No calendar for ${year}`);
    await this.sync.refresh();
    const tenant = this.tenants.of(o.tenant);
    const national = tenant.calendar.nationalYear(year);
    return {
      year,
      timeZone: tenant.timeZone,
      saturdayOpen: tenant.saturdayOpen,
      national: national ? { holidays: national.holidays, cutiBersama: national.cutiBersama, source: national.source ?? null } : null,
      regional: tenant.calendar.regionalHolidays(year),
    };
  }

  @Put(':year/regional')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarYearView })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  @ApiOperation({ summary: "Publish the MPP's regional holidays of a year (all of them: they replace the year's), with the reason" })
  async publish(@CurrentOfficer() o: OfficerClaims, @Param('year', ParseIntPipe) year: number, @Body() b: RegionalHolidaysDto) {
    if (year < 2000 || year > 2100) throw new NotFoundException(`No calendar for ${year}`);
    const calendar = this.tenants.of(o.tenant).calendar;
    const problems: { field: string; reason: string }[] = [];
    const seen = new Set<string>();
    b.holidays.forEach((h, i) => {
      const valid = !Number.isNaN(Date.parse(`${h.date}T00:00:00Z`)) && new Date(`${h.date}T00:00:00Z`).toISOString().startsWith(h.date);
      if (!valid || !h.date.startsWith(`${year}-`)) problems.push({ field: `holidays.${i}.date`, reason: `must be a date in ${year}` });
      else if (seen.has(h.date)) problems.push({ field: `holidays.${i}.date`, reason: 'is listed twice' });
      else if (calendar.nationalYear(year)?.holidays.some((n) => n.date === h.date))
        problems.push({ field: `holidays.${i}.date`, reason: 'is already a national holiday' });
      seen.add(h.date);
    });
    if (problems.length) throw new ValidationProblem(problems);
    await this.sync.publishHolidays(
      {
        tenant: o.tenant,
        year,
        holidays: b.holidays.map((h) => ({ date: h.date, name: h.name.trim() })).sort((x, y) => (x.date < y.date ? -1 : 1)),
        reason: b.reason.trim(),
        publishedAt: this.clock.now(),
        publishedBy: o.officerId,
      },
      { at: this.clock.now(), actor: { officerId: o.officerId, role: o.role }, tenant: o.tenant },
    );
    return this.year(o, year);
  }
}
