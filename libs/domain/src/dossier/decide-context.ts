import type { ServiceDefinition } from '../catalogue/service-definition.js';
import type { WorkingCalendar } from '../sla/working-calendar.js';

/** What a decision needs besides the command and the state. Its own module, so the deciders' helpers import it without a cycle. */
export interface DecideContext {
  /** The definition the dossier lives under (for registration: the newest one). */
  definition: ServiceDefinition;
  calendar: WorkingCalendar;
}
