import { Logger } from '@nestjs/common';
import type { SqlDatabase } from '#berkas/sql';
import { RepeatingJob, type MppProfile } from '#berkas/platform';
import type { NoticeKind } from '#berkas/read-models';
import type { Channel } from './channels.js';
import { renderNotice } from './templates.js';

interface OutboxRow {
  event_id: string;
  channel: 'email' | 'phone';
  registration_number: string;
  kind: NoticeKind;
  language: string;
  recipient: string;
  params: Record<string, unknown>;
  attempts: number;
  tenant_id: string;
}

export interface DispatcherOptions {
  mpp: MppProfile;
  /** The tracking page's address, for the link in every notice. */
  trackingUrl: string;
  /** Each MPP's name and public pages (issue 23): a notice speaks for the MPP of its dossier. Without it, `mpp` and `trackingUrl`. */
  siteOf?: (tenant: string) => { mpp: MppProfile; trackingUrl: string; consoleUrl: string };
  maxAttempts: number;
  pollMs: number;
  /** How long a claimed message is left alone before another attempt may take it (a crash mid-send). */
  leaseSeconds?: number;
  batch?: number;
  /** A waiting notice older than this, with a newer one for the same address, is superseded (NOTIFY_COLLAPSE_AFTER_SECONDS). */
  collapseAfterSeconds?: number;
  /** Between a send and its record (tests stand a crash in here). */
  afterSend?: (eventId: string, channel: string) => Promise<void> | void;
}

/** The wait before attempt n+1: 30 s, 1 min, 2 min, … at most an hour. */
export const backoffSeconds = (attempts: number) => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

/**
 * Sends the outbox (D33). A message is claimed by pushing its next attempt a
 * lease ahead and counting the attempt, in one statement (SKIP LOCKED: two
 * dispatchers never take the same one); then sent; then recorded, with the
 * attempt in nt_attempts. A crash between the send and the record leaves the
 * message due again after the lease, so it goes at least once; a message
 * recorded as sent never goes again.
 */
export class NotificationDispatcher {
  private readonly logger = new Logger('Notices');
  private readonly loop: RepeatingJob;

  constructor(
    private readonly db: SqlDatabase,
    private readonly channels: { email: Channel; phone: Channel },
    private readonly o: DispatcherOptions,
  ) {
    this.loop = new RepeatingJob(
      o.pollMs,
      async () => void (await this.runOnce()),
      (e: unknown) => this.logger.warn(`notices: ${e instanceof Error ? e.message : String(e)}`),
    );
  }

  /** Sends every NOTIFY_POLL_MS until stopped (while this process leads the 'notifier' lease). */
  start(): void {
    this.loop.lead();
  }

  /** Stops, after the round in flight. */
  async stop(): Promise<void> {
    await this.loop.follow();
  }

  /**
   * Sends what is due now; answers how many messages it tried. A dossier's
   * notices to one address go in the order of its events: only the oldest
   * waiting one is taken, and a newer one waits while it is retried. A notice
   * still waiting when a newer one for the same address exists, and older than
   * `collapseAfterSeconds`, tells of a state that has passed: it is marked
   * `superseded` and only the latest goes (a backlog collapses to the latest state).
   */
  async runOnce(): Promise<number> {
    await this.db.query(
      `-- tenant: the dispatcher sends every MPP's notices
      UPDATE nt_outbox o SET status = 'superseded', last_error = NULL
        WHERE o.status = 'pending' AND o.created_at < now() - make_interval(secs => $1)
          AND EXISTS (SELECT 1 FROM nt_outbox n WHERE n.dossier_id = o.dossier_id AND n.channel = o.channel
                        AND n.recipient = o.recipient AND n.status IN ('pending', 'sent', 'logged') AND (n.created_at, n.event_id) > (o.created_at, o.event_id))`,
      [this.o.collapseAfterSeconds ?? 3600],
    );
    const { rows } = await this.db.query<OutboxRow>(
      `-- tenant: the dispatcher sends every MPP's notices
      UPDATE nt_outbox SET attempts = attempts + 1, next_attempt_at = now() + make_interval(secs => $2)
        WHERE (event_id, channel) IN (
          SELECT o.event_id, o.channel FROM nt_outbox o WHERE o.status = 'pending' AND o.next_attempt_at <= now()
             AND NOT EXISTS (SELECT 1 FROM nt_outbox p WHERE p.dossier_id = o.dossier_id AND p.channel = o.channel
                               AND p.recipient = o.recipient AND p.status = 'pending' AND (p.created_at, p.event_id) < (o.created_at, o.event_id))
           ORDER BY o.created_at, o.event_id LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING event_id, channel, registration_number, kind, language, recipient, params, attempts, tenant_id`,
      [this.o.batch ?? 20, this.o.leaseSeconds ?? 60],
    );
    for (const row of rows) await this.deliver(row);
    return rows.length;
  }

  private async deliver(row: OutboxRow): Promise<void> {
    const channel = this.channels[row.channel];
    const site = this.o.siteOf?.(row.tenant_id) ?? { mpp: this.o.mpp, trackingUrl: this.o.trackingUrl, consoleUrl: this.o.trackingUrl };
    const message = renderNotice(row.kind, row.params, {
      language: row.language,
      registrationNumber: row.registration_number,
      mpp: site.mpp,
      trackingUrl: site.trackingUrl,
      consoleUrl: site.consoleUrl,
    });
    let error: string | undefined;
    try {
      await channel.send(row.recipient, message, `${row.event_id}.${row.channel}`);
    } catch (e) {
      error = e instanceof Error ? e.message : String(e);
    }
    if (!error) await this.o.afterSend?.(row.event_id, row.channel);
    const failedForGood = error !== undefined && row.attempts >= this.o.maxAttempts;
    await this.db.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO nt_attempts (event_id, channel, attempt, at, via, ok, error) VALUES ($1, $2, $3, now(), $4, $5, $6)
         ON CONFLICT DO NOTHING`,
        [row.event_id, row.channel, row.attempts, channel.via, !error, error ?? null],
      );
      await tx.query(
        `UPDATE nt_outbox SET status = $3, via = $4, last_error = $5,
                sent_at = CASE WHEN $3 IN ('sent', 'logged') THEN now() ELSE sent_at END,
                next_attempt_at = now() + make_interval(secs => $6)
          WHERE event_id = $1 AND channel = $2 -- tenant: the notice just sent`,
        [
          row.event_id,
          row.channel,
          // With no channel configured the notice was written to the log: officers must not read "sent".
          error ? (failedForGood ? 'failed' : 'pending') : channel.via === 'log' ? 'logged' : 'sent',
          channel.via,
          error ?? null,
          backoffSeconds(row.attempts),
        ],
      );
    });
    if (error) this.logger.warn(`notice ${row.kind} for ${row.registration_number} by ${channel.via}, attempt ${row.attempts}: ${error}`);
  }
}
