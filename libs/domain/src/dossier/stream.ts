// A dossier's events live in one stream of the event store, named here and nowhere else.

const PREFIX = 'dossier-';

/** The stream that holds a dossier's events. */
export const dossierStream = (dossierId: string): string => `${PREFIX}${dossierId}`;

/** The dossier a stream belongs to, or undefined for a stream that is not a dossier's. */
export const dossierIdOf = (streamId: string): string | undefined =>
  streamId.startsWith(PREFIX) ? streamId.slice(PREFIX.length) : undefined;
