import { createHmac, randomBytes } from 'node:crypto';
import type { WorkingCalendar } from '../../../domain/src/index.js';
import type { EventStore } from '../../../event-store/src/index.js';

const pad = (n: number) => String(n).padStart(6, '0');
// Crockford-style alphabet: no 0/O or 1/I mix-ups when a code is read aloud or typed from paper.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** Numbers printed on paper: registration receipts, SKRD bills, permits, rejection letters. */
export class DocumentNumbers {
  constructor(
    private readonly store: EventStore,
    private readonly calendar: WorkingCalendar,
    private readonly pinSecret: string,
  ) {}

  private year(now: string): string {
    return this.calendar.localDate(now).slice(0, 4);
  }

  async registration(service: string, now: string): Promise<string> {
    const y = this.year(now);
    return `${service.toUpperCase()}-${y}-${pad(await this.store.nextSequence(`reg-${service}-${y}`))}`;
  }

  async skrd(now: string): Promise<string> {
    const y = this.year(now);
    return `SKRD/${y}/${pad(await this.store.nextSequence(`skrd-${y}`))}`;
  }

  async permit(service: string, now: string): Promise<string> {
    const y = this.year(now);
    return `${service.toUpperCase()}/${y}/${pad(await this.store.nextSequence(`permit-${service}-${y}`))}`;
  }

  async rejectionLetter(now: string): Promise<string> {
    const y = this.year(now);
    return `SP/${y}/${pad(await this.store.nextSequence(`rejection-${y}`))}`;
  }

  /** Unguessable code behind the permit's QR. */
  verificationCode(): string {
    return [...randomBytes(12)].map((b) => ALPHABET[b % ALPHABET.length]).join('');
  }

  /**
   * The receipt PIN, derived from the registration number so a retried
   * registration prints the same PIN; only its hash is stored.
   */
  pin(registrationNumber: string): string {
    const mac = createHmac('sha256', this.pinSecret).update(registrationNumber).digest();
    return String(mac.readUInt32BE(0) % 1_000_000).padStart(6, '0');
  }
}
