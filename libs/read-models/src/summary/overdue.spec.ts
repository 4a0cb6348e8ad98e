import { isOverdue } from './overdue.js';
import type { DossierSummary } from './summary.types.js';

const due = (dueAt: string) => ({ dueAt, provisional: false }) as DossierSummary['due'];
const dossier = (lifecycle: DossierSummary['lifecycle'], serviceDue: string, stepDue: string): DossierSummary =>
  ({
    lifecycle,
    closedAt: null,
    due: due(serviceDue),
    step: {
      id: 's',
      index: 0,
      kind: lifecycle === 'issued' ? 'handover' : 'review',
      label: { id: 's', en: 's' },
      desks: [],
      pendingDesks: [],
      startedAt: '2026-12-01T00:00:00Z',
      due: due(stepDue),
    },
  }) as unknown as DossierSummary;

describe('when a dossier is late', () => {
  const now = '2026-12-10T03:00:00.000Z';

  it('is late in process when its step or its whole deadline has passed', () => {
    expect(isOverdue(dossier('in-process', '2026-12-20T00:00:00Z', '2026-12-09T00:00:00Z'), now)).toBe(true);
    expect(isOverdue(dossier('in-process', '2026-12-09T00:00:00Z', '2026-12-20T00:00:00Z'), now)).toBe(true);
    expect(isOverdue(dossier('in-process', '2026-12-20T00:00:00Z', '2026-12-20T00:00:00Z'), now)).toBe(false);
    expect(isOverdue(dossier('returned', '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'), now)).toBe(false);
  });

  it('holds an issued permit late only once the applicant has had their time to collect it, whatever the service deadline', () => {
    // Issued within the service deadline, which has passed since while the permit waits to be collected: not late.
    expect(isOverdue(dossier('issued', '2026-12-05T00:00:00Z', '2026-12-18T00:00:00Z'), now)).toBe(false);
    // The collection time passed: the front desk follows up.
    expect(isOverdue(dossier('issued', '2026-12-20T00:00:00Z', '2026-12-09T00:00:00Z'), now)).toBe(true);
  });
});
