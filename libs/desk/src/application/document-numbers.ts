import { randomBytes } from 'node:crypto';
import { drawsNumber, type DossierCommandType, type NUMBERED_COMMANDS, type WorkingCalendar } from '#berkas/domain';
import { receiptPin } from '#berkas/documents';

// Crockford-style alphabet: no 0/O or 1/I mix-ups when a code is read aloud or typed from paper.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh permit verification code (see DocumentNumbers.verificationCode). */
export const newVerificationCode = (): string => [...randomBytes(16)].map((b) => ALPHABET[b % ALPHABET.length]).join('');

/** Which register a command draws its number from, and how the number is printed (the decider puts it in its event). */
export interface Numbering {
  sequence: string;
  /** The printed number is this prefix and the counter's value, zero-padded to 6 digits. */
  prefix: string;
}

const permitRegister = (s: string, y: string): Numbering => ({ sequence: `permit-${s}-${y}`, prefix: `${s.toUpperCase()}/${y}/` });

/** The registers, by the command that draws from them: per year, some per service too. */
const REGISTERS: Record<keyof typeof NUMBERED_COMMANDS, (service: string, y: string, bill: 'SKRD' | 'SKPD') => Numbering> = {
  RegisterDossier: (s, y) => ({ sequence: `reg-${s}-${y}`, prefix: `${s.toUpperCase()}-${y}-` }),
  // Levies (SKRD) and taxes (SKPD) draw from one register, each printed under its own name: the payment code made of
  // the number's digits stays unique across both.
  AssessFee: (_s, y, bill) => ({ sequence: `skrd-${y}`, prefix: `${bill}/${y}/` }),
  RejectDossier: (_s, y) => ({ sequence: `rejection-${y}`, prefix: `SP/${y}/` }),
  // One permit register per service and year, whichever command draws from it.
  ApproveDossier: (s, y) => permitRegister(s, y),
  RecordDeemedApproval: (s, y) => permitRegister(s, y),
  IssuePermit: (s, y) => permitRegister(s, y),
};

/**
 * Numbers printed on paper: registration receipts, SKRD bills, permits,
 * rejection letters. Each register is a counter drawn in the transaction that
 * appends the event using the number, so the registers have no gaps.
 */
export class DocumentNumbers {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly pinSecret: string,
  ) {}

  /**
   * The register a command numbers from, or undefined for a command that prints no number. `tenant`: the MPP whose
   * register it is (issue 23): each MPP counts its own, in its own year, printed after its prefix; the home tenant's
   * registers are the ones counted before tenants existed, so its numbers carry on where they were.
   */
  numberingFor(
    type: DossierCommandType,
    service: string,
    now: string,
    state: { permitNumber?: string },
    bill: 'SKRD' | 'SKPD' = 'SKRD',
    tenant?: { code: string; prefix?: string; home: boolean; calendar: WorkingCalendar },
  ): Numbering | undefined {
    if (!drawsNumber(type, state)) return undefined;
    const year = (tenant?.calendar ?? this.calendar).localDate(now).slice(0, 4);
    const n = REGISTERS[type as keyof typeof REGISTERS](service, year, bill);
    return {
      sequence: tenant && !tenant.home ? `${tenant.code}:${n.sequence}` : n.sequence,
      prefix: tenant?.prefix ? `${tenant.prefix}-${n.prefix}` : n.prefix,
    };
  }

  /**
   * Unguessable code behind the permit's QR: 16 symbols of 32, 80 bits from
   * the system's CSPRNG (a byte modulo 32 is uniform). Guessing at the public
   * rate limit (120 a minute per address), one address would need about 20
   * billion years to hit any of a million permits, a million addresses about
   * 20,000 years. Codes printed before were 12 symbols (60 bits) and still verify.
   */
  verificationCode(): string {
    return newVerificationCode();
  }

  /**
   * The receipt PIN, derived from the dossier id (known before the number is
   * drawn) so a retried registration prints the same PIN; only its hash is stored.
   */
  pin(dossierId: string): string {
    return receiptPin(this.pinSecret, dossierId);
  }
}
