import type { ServiceCatalogue } from '#berkas/domain';
import { OfficerViewsProjection } from './officer-views/officer-views.projection.js';
import { NotificationOutboxProjection } from './notification-outbox/notification-outbox.projection.js';
import type { Projection } from './projector/projection.js';
import { PublicTrackingProjection } from './public-tracking/public-tracking.projection.js';
import { DEFAULT_TENANT_CODE } from './tenancy.js';

/** The read models' names, in the order readModelProjections builds them (the quarantine API validates against it). */
export const READ_MODEL_NAMES = ['officer-views', 'public-tracking', 'notification-outbox'] as const;

/**
 * Every read model, whichever projector (the log's or Kafka's) keeps them. `home`: the tenant that owns what was
 * written before tenants existed (issue 23); its rows are given it as the tenant columns are added.
 */
export function readModelProjections(catalogue: ServiceCatalogue, home = DEFAULT_TENANT_CODE): Projection[] {
  return [
    new OfficerViewsProjection(catalogue, home),
    new PublicTrackingProjection(catalogue, home),
    new NotificationOutboxProjection(catalogue, undefined, undefined, home),
  ];
}
