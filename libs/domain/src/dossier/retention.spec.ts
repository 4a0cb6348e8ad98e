import { officers, pbg, refusal } from '#berkas/domain/testing';
import { RETENTION_JOB } from './dossier-commands.js';

describe("the files' retention", () => {
  const file = (sha: string) => ({
    type: 'AttachDocument' as const,
    data: { requirement: 'ktp', name: 'ktp.pdf', contentType: 'application/pdf' as const, size: 100, sha256: sha.repeat(64) },
  });
  const apply = { type: 'ApplyRetention' as const, data: {} };

  it('releases the files ten years after the dossier closed, once, by the retention job only', () => {
    const s = pbg();
    s.register();
    s.when(officers.frontDesk, file('a'));
    // Open: nothing is due, whatever the date.
    expect(refusal(() => s.when(RETENTION_JOB, apply, '2040-01-01T00:00:00.000Z'))).toBe('RETENTION.NOT_DUE');
    s.when(officers.frontDesk, { type: 'WithdrawDossier', data: { reason: 'Pemohon membatalkan permohonan' } }, '2026-03-10T02:00:00.000Z');
    expect(refusal(() => s.when(RETENTION_JOB, apply, '2036-03-09T02:00:00.000Z'))).toBe('RETENTION.NOT_DUE');
    expect(refusal(() => s.when(officers.supervisor, apply, '2036-03-11T02:00:00.000Z'))).toBe('AUTH.ROLE');
    const events = s.when(RETENTION_JOB, apply, '2036-03-11T02:00:00.000Z');
    expect(events).toEqual([
      {
        type: 'RetentionApplied',
        data: {
          files: ['a'.repeat(64)],
          filesYears: 10,
          basis: expect.stringContaining('UU 43/2009'),
          closedAt: '2026-03-10T02:00:00.000Z',
        },
      },
    ]);
    // Applied: a second run adds nothing.
    expect(s.when(RETENTION_JOB, apply, '2037-01-01T00:00:00.000Z')).toEqual([]);
  });
});
