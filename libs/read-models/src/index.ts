// The read side (docs/architecture.md): one folder per read model, each with
// its writer (the projection) and its readers (the queries) side by side.

// The projector: checkpoints, batches, quarantine (D36), rebuild in a shadow schema (D40).
export * from './projector/projection.js';
export * from './projector/projector.js';
export * from './projector/projector-thread.js';
export * from './projector/quarantine.js';
export * from './projector/shadow-rebuild.js';
export * from './projector/dossier-events-committed.js';
export * from './projector/record-commands.js';
export * from './read-model-projections.js';
export * from './projector.module.js';

// The fold shared by the officers' views and the public row, and the one overdue rule.
export * from './summary/dossier-summary.js';
export * from './summary/overdue.js';

// Officers: queues, search, detail, returned dossiers, statistics, dashboard.
export * from './officer-views/officer-views.projection.js';
export * from './officer-views/views.js';
export * from './officer-views/queue.js';
export * from './officer-views/search.js';
export * from './officer-views/detail.js';
export * from './officer-views/returned.js';
export * from './officer-views/statistics.js';
export * from './officer-views/dashboard.js';
export * from './officer-views/escalations.js';
export * from './officer-views/aggregates.js';
export * from './officer-views/migration-candidates.js';

// The public row an applicant looks up with number and PIN.
export * from './public-tracking/public-tracking.projection.js';
export * from './public-tracking/public-queries.js';
export * from './public-tracking/public-changes.js';

// Who did what, when: the audit trail, read from the event store (D58).
export * from './audit-trail/audit-trail.js';

// Notices waiting to go to applicants (dispatched by libs/notifications).
export * from './notification-outbox/notification-outbox.projection.js';
