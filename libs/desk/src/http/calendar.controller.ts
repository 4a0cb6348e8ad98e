import { Body, Controller, ForbiddenException, Get, Inject, NotFoundException, Param, ParseIntPipe, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CalendarYearView } from './catalogue.views.js';
import { ApiProblems, CatalogueSync, CLOCK, TENANTS, ValidationProblem, type Clock, type Tenants } from '#berkas/platform';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { NationalCalendarDto, RegionalHolidaysDto } from './dtos/index.js';
import { publishedBy } from './publication.js';

type Day = { date: string; name: string };

/** Problems of a list of days for `year`, under `field`: a date outside the year, or one listed twice (across lists). */
function dayProblems(field: string, days: Day[], year: number, seen: Set<string>): { field: string; reason: string }[] {
  const problems: { field: string; reason: string }[] = [];
  days.forEach((h, i) => {
    const valid = !Number.isNaN(Date.parse(`${h.date}T00:00:00Z`)) && new Date(`${h.date}T00:00:00Z`).toISOString().startsWith(h.date);
    if (!valid || !h.date.startsWith(`${year}-`)) problems.push({ field: `${field}.${i}.date`, reason: `must be a date in ${year}` });
    else if (seen.has(h.date)) problems.push({ field: `${field}.${i}.date`, reason: 'is listed twice' });
    seen.add(h.date);
  });
  return problems;
}

const tidy = (days: Day[]) => days.map((h) => ({ date: h.date, name: h.name.trim() })).sort((x, y) => (x.date < y.date ? -1 : 1));

/**
 * Issue 23: an MPP's working days. The national calendar (the SKB's holidays and cuti bersama) is every MPP's: read
 * from `CALENDAR_DIR`, and a year published by an administrator of the home MPP (who runs the deployment) replaces
 * that year's for all. Each MPP's administrator publishes its own regional holidays of a year. Both come with the
 * reason, and from then on every deadline counted skips the days (deadlines already recorded keep their day, D07).
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
      nationalEditable: this.nationalEditable(o),
    };
  }

  @Put(':year/national')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarYearView })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  @ApiOperation({
    summary:
      "Publish a year of the national calendar, every MPP's (the SKB's holidays and cuti bersama, all of them), with the reason: administrators of the home MPP",
  })
  async publishNational(@CurrentOfficer() o: OfficerClaims, @Param('year', ParseIntPipe) year: number, @Body() b: NationalCalendarDto) {
    if (year < 2000 || year > 2100) throw new NotFoundException(`No calendar for ${year}`);
    if (!this.nationalEditable(o))
      throw new ForbiddenException({
        code: 'CALENDAR.NATIONAL_HOME_ONLY',
        message:
          'Kalender nasional diterbitkan oleh administrator MPP induk / The national calendar is published by the home MPP’s administrators',
      });
    const seen = new Set<string>();
    const problems = [...dayProblems('holidays', b.holidays, year, seen), ...dayProblems('cutiBersama', b.cutiBersama, year, seen)];
    if (problems.length) throw new ValidationProblem(problems);
    const { signed, metadata } = publishedBy(o, this.clock.now(), b.reason);
    await this.sync.publishNational(
      { year, source: b.source.trim(), holidays: tidy(b.holidays), cutiBersama: tidy(b.cutiBersama), ...signed },
      metadata,
    );
    return this.year(o, year);
  }

  /** The national calendar is every MPP's: the home MPP's administrators, who run the deployment, publish it. */
  private nationalEditable(o: OfficerClaims): boolean {
    return o.role === 'admin' && o.tenant === this.tenants.home.code;
  }

  @Put(':year/regional')
  @Roles('admin')
  @ApiOkResponse({ type: CalendarYearView })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  @ApiOperation({ summary: "Publish the MPP's regional holidays of a year (all of them: they replace the year's), with the reason" })
  async publish(@CurrentOfficer() o: OfficerClaims, @Param('year', ParseIntPipe) year: number, @Body() b: RegionalHolidaysDto) {
    if (year < 2000 || year > 2100) throw new NotFoundException(`No calendar for ${year}`);
    const calendar = this.tenants.of(o.tenant).calendar;
    const problems = dayProblems('holidays', b.holidays, year, new Set());
    b.holidays.forEach((h, i) => {
      if (!problems.some((p) => p.field === `holidays.${i}.date`) && calendar.nationalYear(year)?.holidays.some((n) => n.date === h.date))
        problems.push({ field: `holidays.${i}.date`, reason: 'is already a national holiday' });
    });
    if (problems.length) throw new ValidationProblem(problems);
    const { signed, metadata } = publishedBy(o, this.clock.now(), b.reason);
    await this.sync.publishHolidays({ tenant: o.tenant, year, holidays: tidy(b.holidays), ...signed }, metadata);
    return this.year(o, year);
  }
}
