/**
 * Announces, in process, that a command's events are already committed. Only
 * a hint to run the projector now: projections never depend on receiving it.
 */
export class DossierEventsCommitted {
  constructor(
    readonly dossierId: string,
    readonly version: number,
  ) {}
}
