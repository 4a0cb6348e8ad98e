import { Logger } from '@nestjs/common';
import {
  ServiceDefinitionSchema,
  type DatedName,
  type Desk,
  type Publication,
  type ServiceCatalogue,
  type ServiceDefinition,
} from '#berkas/domain';
import type { EventStore, StoredEvent } from '#berkas/event-store';
import type { Queryable } from '#berkas/sql';

/** The stream every MPP's published service versions are appended to, in the order they were published (issue 23). */
export const CATALOGUE_STREAM = 'catalogue';
export const SERVICE_VERSION_PUBLISHED = 'ServiceVersionPublished';
/** An MPP's regional holidays of one year, as its administrator published them (issue 23), on the same stream. */
export const REGIONAL_HOLIDAYS_PUBLISHED = 'RegionalHolidaysPublished';

export interface RegionalHolidaysPublished {
  tenant: string;
  year: number;
  holidays: { date: string; name: string }[];
  reason: string;
  publishedAt: string;
  publishedBy: string;
}

/** A year of the national calendar (the SKB's holidays and cuti bersama), published for every MPP (issue 23). */
export const NATIONAL_CALENDAR_PUBLISHED = 'NationalCalendarPublished';

export interface NationalCalendarPublished {
  year: number;
  /** The SKB it follows (`SKB 3 Menteri No. ...`). */
  source: string;
  holidays: DatedName[];
  cutiBersama: DatedName[];
  reason: string;
  publishedAt: string;
  publishedBy: string;
}

/** The desks an MPP works with beside the template's (issue 23): all of them, replacing what it published before. */
export const DESKS_PUBLISHED = 'DesksPublished';

export interface DesksPublished {
  tenant: string;
  desks: Desk[];
  reason: string;
  publishedAt: string;
  publishedBy: string;
}

/** A version an MPP published: the definition as validated, and who published it for whom, from when and why. */
export interface ServiceVersionPublished {
  definition: ServiceDefinition;
  publication: Publication;
}

/**
 * Keeps a process's catalogue in step with the versions MPPs publish from the console. Publishing appends to one
 * stream with the version read, so two publications never take the same number (the loser is a 409); every process
 * reads the stream at boot and then every `pollMs`, and at once when it meets a version it does not know yet (the
 * projector, before it folds a dossier registered under it).
 */
export class CatalogueSync {
  private readonly logger = new Logger('Catalogue');
  private seen = 0;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;
  /** This process's database role may not read the log (the public site's): it reads the `catalogue_events` view. */
  private throughView = false;

  constructor(
    private readonly store: EventStore,
    readonly catalogue: ServiceCatalogue,
    /** Applies an MPP's published regional holidays to its working calendar. */
    private readonly onHolidays: (published: RegionalHolidaysPublished) => void = () => undefined,
    /** The SQL database, when the log is PostgreSQL's: for the view a process without the log's grant reads. */
    private readonly db?: Queryable,
    /** Applies a year of the national calendar to every MPP's working calendar. */
    private readonly onNational: (published: NationalCalendarPublished) => void = () => undefined,
  ) {}

  /** Reads what was published since the last look. */
  refresh(): Promise<void> {
    this.inFlight ??= this.read().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  /** Makes sure the catalogue knows these versions, reading the stream once if one is missing. */
  async ensure(versions: { code: string; version: number }[]): Promise<void> {
    if (versions.some((v) => !this.catalogue.get(v.code, v.version))) await this.refresh();
  }

  /** Appends a publication with the stream version this process last read; a concurrent one makes it a ConcurrencyError. */
  publish(published: ServiceVersionPublished, metadata: Record<string, unknown>): Promise<void> {
    return this.append(SERVICE_VERSION_PUBLISHED, published, metadata);
  }

  /** Appends an MPP's regional holidays of a year (they replace that year's), then applies them here. */
  publishHolidays(published: RegionalHolidaysPublished, metadata: Record<string, unknown>): Promise<void> {
    return this.append(REGIONAL_HOLIDAYS_PUBLISHED, published, metadata);
  }

  /** Appends a year of the national calendar (it replaces that year's, the files' included), then applies it here. */
  publishNational(published: NationalCalendarPublished, metadata: Record<string, unknown>): Promise<void> {
    return this.append(NATIONAL_CALENDAR_PUBLISHED, published, metadata);
  }

  /** Appends an MPP's own desks (they replace those it published before), then applies them here. */
  publishDesks(published: DesksPublished, metadata: Record<string, unknown>): Promise<void> {
    return this.append(DESKS_PUBLISHED, published, metadata);
  }

  private async append(type: string, data: object, metadata: Record<string, unknown>): Promise<void> {
    await this.refresh();
    await this.store.appendToStream(CATALOGUE_STREAM, [{ type, data: data as Record<string, unknown>, metadata }], {
      expectedVersion: this.seen,
    });
    await this.refresh();
  }

  /** Polls every `pollMs` (0: never) until stopped. */
  start(pollMs: number): void {
    if (pollMs <= 0) return;
    const tick = () => {
      this.timer = setTimeout(() => {
        this.refresh()
          .catch((e: unknown) => this.logger.warn(`could not read the published catalogue: ${String(e)}`))
          .finally(tick);
      }, pollMs);
      this.timer.unref();
    };
    tick();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
  }

  private async read(): Promise<void> {
    const events = await this.published();
    for (const e of events) if (e.streamVersion > this.seen) this.apply(e);
    this.seen = Math.max(this.seen, events.at(-1)?.streamVersion ?? 0);
  }

  /** The stream's events: from the log, or, for a role the log is closed to (permission denied), from its view. */
  private async published(): Promise<Pick<StoredEvent, 'streamVersion' | 'type' | 'data'>[]> {
    if (!this.throughView)
      try {
        return (await this.store.readStream(CATALOGUE_STREAM)).events;
      } catch (e) {
        if (!this.db || (e as { code?: string }).code !== '42501') throw e;
        this.logger.log('the log is not this role’s to read: the published catalogue comes from the catalogue_events view');
        this.throughView = true;
      }
    const { rows } = await this.db!.query<{ stream_version: number; type: string; data: Record<string, unknown> }>(
      'SELECT stream_version, type, data FROM catalogue_events WHERE stream_version > $1 ORDER BY stream_version',
      [this.seen],
    );
    return rows.map((r) => ({ streamVersion: r.stream_version, type: r.type, data: r.data }));
  }

  private apply(e: Pick<StoredEvent, 'type' | 'data'>): void {
    if (e.type === REGIONAL_HOLIDAYS_PUBLISHED) return this.onHolidays(e.data as unknown as RegionalHolidaysPublished);
    if (e.type === NATIONAL_CALENDAR_PUBLISHED) return this.onNational(e.data as unknown as NationalCalendarPublished);
    if (e.type === DESKS_PUBLISHED) {
      const { tenant, desks } = e.data as unknown as DesksPublished;
      return this.catalogue.setOwnDesks(tenant, desks);
    }
    if (e.type !== SERVICE_VERSION_PUBLISHED) return;
    const { definition, publication } = e.data as unknown as ServiceVersionPublished;
    // Validated when it was published; parsed again so defaults a later schema adds are filled in.
    const parsed = ServiceDefinitionSchema.safeParse(definition);
    if (!parsed.success) this.logger.error(`${definition.code} v${definition.version} no longer parses: kept as published`);
    this.catalogue.publish(parsed.success ? parsed.data : definition, publication);
  }
}
