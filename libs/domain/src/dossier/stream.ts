// A dossier's events live in one stream of the event store, named here and nowhere else.

const PREFIX = 'dossier-';

/** The stream that holds a dossier's events. */
export const dossierStream = (dossierId: string): string => `${PREFIX}${dossierId}`;

/** The dossier a stream belongs to, or undefined for a stream that is not a dossier's. */
export const dossierIdOf = (streamId: string): string | undefined =>
  streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;

/** The officer whose command recorded a stored event (its metadata's actor), for folding who did what. */
export const actorOf = (metadata: Record<string, unknown>): string | undefined =>
  (metadata.actor as { officerId?: unknown } | undefined)?.officerId as string | undefined;
