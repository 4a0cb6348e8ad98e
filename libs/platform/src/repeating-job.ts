import type { LeaderWork } from './leadership.js';

/**
 * The one polling loop of the background jobs (the fiktif positif sweep, the
 * complaint intake, the notice dispatcher): it runs every `everyMs` while this
 * process leads it (Leadership, D37): the next round
 * starts when the last one ended, never two at once, and `follow()` waits for
 * the round in flight so the next leader never overlaps with this one.
 */
export class RepeatingJob implements LeaderWork {
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<void> = Promise.resolve();
  private leading = false;

  constructor(
    private readonly everyMs: number,
    private readonly run: () => Promise<void>,
    private readonly onError: (e: unknown) => void,
  ) {}

  lead(): void {
    this.leading = true;
    this.schedule();
  }

  async follow(): Promise<void> {
    this.leading = false;
    if (this.timer) clearTimeout(this.timer);
    await this.round;
  }

  private schedule(): void {
    if (!this.leading) return;
    this.timer = setTimeout(() => {
      this.round = this.run()
        .catch(this.onError)
        .finally(() => this.schedule());
    }, this.everyMs);
    this.timer.unref();
  }
}
