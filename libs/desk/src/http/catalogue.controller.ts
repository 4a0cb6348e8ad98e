import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Put,
  UseGuards,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CatalogueEntryView, DesksView, DiscardedView, DraftView, PublishedView } from './catalogue.views.js';
import { stepDesks, validateDraft, type Label, type ServiceCatalogue } from '#berkas/domain';
import type { SqlDatabase } from '#berkas/sql';
import {
  ApiProblems,
  CATALOGUE,
  CatalogueSync,
  CLOCK,
  SQL_DATABASE,
  TENANTS,
  ValidationProblem,
  type Clock,
  type Tenants,
} from '#berkas/platform';
import { catalogueDrafts } from '../application/catalogue-drafts.js';
import { CurrentOfficer, OfficerGuard, Roles, type OfficerClaims } from '../auth/officer.guard.js';
import { DesksDto, PublishDto, SaveDraftDto, StartDraftDto } from './dtos/index.js';
import { publishedBy } from './publication.js';
import { OfficerRepository } from '../auth/officer.repository.js';

const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Issue 23: an MPP's administrators adapt the services it offers. The catalogue folder is the national template; an
 * MPP starts a draft from the template's version (or its own), edits it as often as it likes (each save answers what
 * publishing would refuse, field by field), and publishes it with the first day it applies and the reason. Publishing
 * checks it exactly as the boot checks the folder, numbers it after every version of the service, and appends it to
 * the published catalogue with who and why; new dossiers of that MPP are registered under it from that day, running
 * ones keep theirs (or are moved: POST /api/migrations). Supervisors read; administrators write.
 */
@ApiTags('catalogue')
@ApiBearerAuth()
@UseGuards(OfficerGuard)
@Controller('api/catalogue')
export class CatalogueController {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(CATALOGUE) private readonly catalogue: ServiceCatalogue,
    @Inject(CatalogueSync) private readonly sync: CatalogueSync,
    @Inject(TENANTS) private readonly tenants: Tenants,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(OfficerRepository) private readonly officers: OfficerRepository,
  ) {}

  @Get()
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: [CatalogueEntryView] })
  @ApiProblems(401, 403, 503)
  @ApiOperation({ summary: "The MPP's services: the template's version, its own published versions, the one in effect today, its draft" })
  async list(@CurrentOfficer() o: OfficerClaims) {
    await this.sync.refresh();
    const today = this.today(o);
    const drafts = new Map((await catalogueDrafts.all(this.db, o.tenant)).map((d) => [d.code, d]));
    // The template's services, the MPP's own (published, or still a draft), in code order.
    const codes = new Set([...this.catalogue.services().map((d) => d.code), ...this.catalogue.ownCodes(o.tenant), ...drafts.keys()]);
    return [...codes].sort().map((code) => {
      const template = this.catalogue.latest(code);
      const versions = this.catalogue.versionsOf(code, o.tenant);
      // The MPP's own versions: those with a publication (the template's have none).
      const own = versions.flatMap((d) => {
        const publication = this.catalogue.publicationOf(d.code, d.version);
        return publication ? [{ version: d.version, ...publication }] : [];
      });
      const current = this.catalogue.current(code, o.tenant, today);
      const draft = drafts.get(code);
      const name = current?.name ?? versions.at(-1)?.name ?? (draft?.definition.name as Label | undefined);
      return {
        code,
        name: name ?? { id: code, en: code },
        ...(template ? { template: { version: template.version } } : {}),
        own,
        ...(current ? { current: { version: current.version, slaDays: current.slaDays } } : {}),
        ...(draft ? { draft: { basedOn: draft.basedOn, updatedAt: draft.updatedAt, updatedBy: draft.updatedBy } } : {}),
      };
    });
  }

  @Get('desks')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: DesksView })
  @ApiProblems(401, 403, 503)
  @ApiOperation({ summary: "The desks the MPP's steps and officers may name: the template's, and those it added" })
  async desks(@CurrentOfficer() o: OfficerClaims): Promise<DesksView> {
    await this.sync.refresh();
    return { template: this.catalogue.desks(), own: this.catalogue.ownDesksOf(o.tenant) };
  }

  @Put('desks')
  @Roles('admin')
  @ApiOkResponse({ type: DesksView })
  @ApiProblems(400, 401, 403, 409, 503)
  @ApiOperation({
    summary:
      "Publish the MPP's own desks (all of them, with their units), with the reason: its service versions may then route steps to them and its officers work at them",
  })
  async publishDesks(@CurrentOfficer() o: OfficerClaims, @Body() b: DesksDto): Promise<DesksView> {
    await this.sync.refresh();
    const template = new Set(this.catalogue.desks().map((d) => d.id));
    const problems: { field: string; reason: string }[] = [];
    const seen = new Set<string>();
    b.desks.forEach((d, i) => {
      if (template.has(d.id)) problems.push({ field: `desks.${i}.id`, reason: 'is a desk of the national template' });
      else if (seen.has(d.id)) problems.push({ field: `desks.${i}.id`, reason: 'is listed twice' });
      seen.add(d.id);
    });
    // A desk the MPP's versions route steps to, or its officers work at, stays.
    const kept = new Set(b.desks.map((d) => d.id));
    const dropped = this.catalogue.ownDesksOf(o.tenant).filter((d) => !kept.has(d.id));
    const staffed = new Set(
      dropped.length ? (await this.officers.all(o.tenant)).filter((officer) => officer.active).flatMap((officer) => officer.desks) : [],
    );
    for (const gone of dropped) {
      const version = this.catalogue
        .definitions()
        .find(
          (def) =>
            this.catalogue.publicationOf(def.code, def.version)?.tenant === o.tenant &&
            def.steps.some((s) => stepDesks(s).includes(gone.id)),
        );
      if (version) problems.push({ field: 'desks', reason: `"${gone.id}" is a desk of ${version.code} version ${version.version}` });
      else if (staffed.has(gone.id))
        problems.push({ field: 'desks', reason: `"${gone.id}" still has officers: move them to another desk first` });
    }
    if (problems.length) throw new ValidationProblem(problems);
    const { signed, metadata } = publishedBy(o, this.clock.now(), b.reason);
    const label = (l: { id: string; en: string }) => ({ id: l.id.trim(), en: l.en.trim() });
    await this.sync.publishDesks(
      {
        tenant: o.tenant,
        desks: b.desks.map((d) => ({ id: d.id, name: label(d.name), ...(d.unit ? { unit: label(d.unit) } : {}) })),
        ...signed,
      },
      metadata,
    );
    return this.desks(o);
  }

  @Post(':code/draft')
  @Roles('admin')
  @ApiCreatedResponse({ type: DraftView })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  @ApiOperation({
    summary:
      'Start a draft from a version the MPP may follow (the template’s or its own); with copyOf, a new service of its own, as a copy of another',
  })
  async start(@CurrentOfficer() o: OfficerClaims, @Param('code') code: string, @Body() b: StartDraftDto) {
    const copy = b.copyOf !== undefined && b.copyOf !== code;
    if (copy) {
      if (!CODE.test(code) || code.length > 40)
        throw new ValidationProblem([{ field: 'code', reason: 'a new service’s code is kebab-case, at most 40 characters' }]);
      // A new service: a code the MPP does not offer yet (the template's and its own are taken).
      if (this.catalogue.latest(code) || this.catalogue.versionsOf(code, o.tenant).length)
        throw new ConflictException({
          code: 'CATALOGUE.CODE_TAKEN',
          message: `This MPP already offers a service ${code}: adapt it instead`,
        });
      if (!b.name) throw new ValidationProblem([{ field: 'name', reason: 'a new service needs its name in Bahasa Indonesia and English' }]);
    }
    const from = this.visible(o, copy ? b.copyOf! : code, b.from);
    if (await catalogueDrafts.get(this.db, o.tenant, code))
      throw new ConflictException({
        code: 'CATALOGUE.DRAFT_EXISTS',
        message: `There is already a draft of ${code}: edit it or discard it`,
      });
    const { version: _v, ...definition } = from;
    await catalogueDrafts.save(
      this.db,
      o.tenant,
      copy
        ? {
            code,
            definition: { ...definition, code, name: { id: b.name!.id.trim(), en: b.name!.en.trim() } },
            basedOn: null,
            updatedBy: o.officerId,
          }
        : { code, definition, basedOn: from.version, updatedBy: o.officerId },
      this.clock.now(),
    );
    return this.show(o, code);
  }

  @Get(':code/draft')
  @Roles('supervisor', 'admin')
  @ApiOkResponse({ type: DraftView })
  @ApiProblems(401, 403, 404, 503)
  @ApiOperation({ summary: 'The draft, with what publishing it would refuse (field and reason) and the version it would get' })
  show(@CurrentOfficer() o: OfficerClaims, @Param('code') code: string) {
    return this.draftView(o, code);
  }

  @Put(':code/draft')
  @Roles('admin')
  @ApiOkResponse({ type: DraftView })
  @ApiProblems(400, 401, 403, 404, 503)
  @ApiOperation({ summary: 'Save the draft as edited (saved even when it would not publish yet: the problems come back)' })
  async save(@CurrentOfficer() o: OfficerClaims, @Param('code') code: string, @Body() b: SaveDraftDto) {
    const draft = await this.draft(o, code);
    await catalogueDrafts.save(
      this.db,
      o.tenant,
      { code, definition: b.definition, basedOn: draft.basedOn, updatedBy: o.officerId },
      this.clock.now(),
    );
    return this.draftView(o, code);
  }

  @Delete(':code/draft')
  @Roles('admin')
  @ApiOkResponse({ type: DiscardedView })
  @ApiProblems(401, 403, 404, 503)
  @ApiOperation({ summary: 'Discard the draft' })
  async discard(@CurrentOfficer() o: OfficerClaims, @Param('code') code: string): Promise<DiscardedView> {
    if (!(await catalogueDrafts.remove(this.db, o.tenant, code))) throw new NotFoundException(`No draft of ${code.slice(0, 60)}`);
    return { code, discarded: true };
  }

  @Post(':code/publish')
  @HttpCode(201)
  @Roles('admin')
  @ApiCreatedResponse({ type: PublishedView })
  @ApiProblems(400, 401, 403, 404, 409, 503)
  @ApiOperation({
    summary:
      'Publish the draft: checked as the boot checks the catalogue, numbered, recorded with who and why; new dossiers of the MPP follow it from effectiveFrom',
  })
  async publish(@CurrentOfficer() o: OfficerClaims, @Param('code') code: string, @Body() b: PublishDto) {
    const draft = await this.draft(o, code);
    if (b.draftUpdatedAt && b.draftUpdatedAt !== draft.updatedAt)
      throw new ConflictException({ code: 'CATALOGUE.DRAFT_CHANGED', message: 'The draft was changed since you read it: read it again' });
    const today = this.today(o);
    if (b.effectiveFrom < today || Number.isNaN(Date.parse(b.effectiveFrom)))
      throw new ValidationProblem([{ field: 'effectiveFrom', reason: `must be a date from today (${today}) on` }]);
    await this.sync.refresh();
    const version = this.catalogue.nextVersion(code);
    const { problems, definition } = validateDraft(
      draft.definition,
      code,
      version,
      new Set(this.catalogue.desks(o.tenant).map((d) => d.id)),
    );
    if (!definition)
      throw new ValidationProblem(problems.map((p) => ({ field: p.path ? `definition.${p.path}` : 'definition', reason: p.message })));
    const { signed, metadata } = publishedBy(o, this.clock.now(), b.reason);
    await this.sync.publish(
      {
        definition,
        publication: { tenant: o.tenant, effectiveFrom: b.effectiveFrom, ...signed, ...(draft.basedOn ? { basedOn: draft.basedOn } : {}) },
      },
      metadata,
    );
    await catalogueDrafts.remove(this.db, o.tenant, code);
    return { code, version, effectiveFrom: b.effectiveFrom };
  }

  private today(o: OfficerClaims): string {
    return this.tenants.of(o.tenant).calendar.localDate(this.clock.now());
  }

  private visible(o: OfficerClaims, code: string, version: number) {
    const def = CODE.test(code) && this.catalogue.visibleTo(code, version, o.tenant) ? this.catalogue.get(code, version) : undefined;
    if (!def)
      throw new NotFoundException({ code: 'SERVICE.UNKNOWN', message: `No version ${version} of ${code.slice(0, 60)} for this MPP` });
    return def;
  }

  private async draft(o: OfficerClaims, code: string) {
    const draft = CODE.test(code) ? await catalogueDrafts.get(this.db, o.tenant, code) : undefined;
    if (!draft) throw new NotFoundException({ code: 'CATALOGUE.NO_DRAFT', message: `No draft of ${code.slice(0, 60)}` });
    return draft;
  }

  private async draftView(o: OfficerClaims, code: string) {
    const draft = await this.draft(o, code);
    const version = this.catalogue.nextVersion(code);
    const { problems } = validateDraft(draft.definition, code, version, new Set(this.catalogue.desks(o.tenant).map((d) => d.id)));
    return { ...draft, version, problems };
  }
}
