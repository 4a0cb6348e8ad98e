import type { ServiceDefinition } from '../catalogue/service-definition.js';
import type { Tariffs } from '../catalogue/tariffs.js';
import type { WorkingCalendar } from '../sla/working-calendar.js';

/** What a decision needs besides the command and the state. Its own module, so the deciders' helpers import it without a cycle. */
export interface DecideContext {
  /** The definition the dossier lives under (for registration: the newest one). */
  definition: ServiceDefinition;
  calendar: WorkingCalendar;
  /** The region's tariffs by year (PBG's SHST and Ilo, tax rates): what a fee computed now reads. */
  tariffs: Tariffs;
  /**
   * The document number a numbered command draws (NUMBERED_COMMANDS): the
   * registration number, SKRD, rejection letter or permit number. The command
   * path passes a placeholder here that the store replaces with the number it
   * draws inside the append (D16), so callers never send an empty field.
   */
  documentNumber?: string;
  /** Another published version of the dossier's service, for a migration (issue 23); the command path looks it up. */
  version?: (version: number) => ServiceDefinition | undefined;
  /** The most a dossier's current files may weigh together (bytes); unset: no limit (FILE_DOSSIER_MAX_BYTES). */
  fileBytesPerDossier?: number;
}

/** The commands that draw a document number, and the field of their event the number is printed in. */
export const NUMBERED_COMMANDS = {
  RegisterDossier: 'registrationNumber',
  AssessFee: 'skrdNumber',
  RejectDossier: 'letterNumber',
  // The permit's number is the approval's, so the official signs the permit with its number on it.
  ApproveDossier: 'permitNumber',
  RecordDeemedApproval: 'permitNumber',
  // Only for a dossier approved before approvals drew the number.
  IssuePermit: 'permitNumber',
} as const;

/** Whether a numbered command draws its number for this dossier (issuance only draws for an approval that did not). */
export const drawsNumber = (type: string, state: { permitNumber?: string }): boolean =>
  type in NUMBERED_COMMANDS && !(type === 'IssuePermit' && state.permitNumber);

/** The number a numbered command prints; a command path that forgot to draw one is a bug, not a refusal. */
export function documentNumber(ctx: DecideContext, command: keyof typeof NUMBERED_COMMANDS): string {
  if (ctx.documentNumber === undefined) throw new Error(`${command} draws a document number: pass it as ctx.documentNumber`);
  return ctx.documentNumber;
}
