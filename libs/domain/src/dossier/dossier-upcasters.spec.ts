import { dossierUpcastSteps } from './dossier-upcasters.js';
import { decide } from './decide.js';
import { catalogue, calendar2026, officers, sampleApplication, tariffs } from '#berkas/domain/testing';
import { initialState } from './dossier-state.js';

describe('dossier event schema history', () => {
  it('reads a registration of before D21 without the PIN hash it carried, and keeps everything else', () => {
    const v1 = {
      dossierId: 'd-1',
      registrationNumber: 'PBG-2026-000001',
      service: { code: 'pbg', version: 1 },
      applicant: { name: 'Budi Santoso', nik: '3273011508800001' },
      requirements: ['ktp'],
      inputs: { 'luas-lantai': 100 },
      pinHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==',
      registeredAt: '2026-03-02T02:00:00.000Z',
      due: { dueAt: '2026-03-30T10:00:00.000Z', provisional: false },
    };
    const v2 = dossierUpcastSteps.DossierRegistered[1](v1);
    expect(v2).not.toHaveProperty('pinHash');
    const { pinHash: _gone, ...rest } = v1;
    expect(v2).toEqual(rest);
  });

  it('prints the document number the command path drew, and a path that drew none is a bug, not a refusal', () => {
    const definition = catalogue().latest('sip-dokter')!;
    const requirements = definition.requirements.filter((r) => r.mandatory).map((r) => r.code);
    const command = {
      type: 'RegisterDossier' as const,
      data: {
        dossierId: 'd-2',
        applicant: { name: 'dr. Rahmat', nik: '3273012710880005' },
        requirements,
        ...sampleApplication(definition),
      },
      metadata: { commandId: 'c-1', actor: officers.frontDesk, at: '2026-03-02T02:00:00.000Z' },
    };
    const ctx = { definition, calendar: calendar2026(), tariffs: tariffs() };
    const [registered] = decide(command, initialState(), { ...ctx, documentNumber: 'SIP-DOKTER-2026-000007' });
    expect(registered).toMatchObject({ type: 'DossierRegistered', data: { registrationNumber: 'SIP-DOKTER-2026-000007' } });
    expect(() => decide(command, initialState(), ctx)).toThrow(/draws a document number/);
  });
});
