import { createHash } from 'node:crypto';

/**
 * A fixed UUID for a text (version 8, RFC 9562's custom kind): the outbox's key
 * for a notice that comes from a job rather than an event, so the job can run
 * as often as it likes and the notice is queued once.
 */
export function stableUuid(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
