import { randomUUID } from 'node:crypto';
import { dossierUpcastSteps, MPP_TIME_ZONES, WorkingCalendar, type Actor, type DossierCommand, type MppZoneCode } from '#berkas/domain';
import { catalogue, pbgRegistrationData, tariffs, TEST_PIN_SECRET, calendar2026 } from '#berkas/domain/testing';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { loadMppProfile, loadYearCalendars, Tenants, type Tenant } from '#berkas/platform';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { DocumentNumbers } from './document-numbers.js';
import { DossierCommandService } from './dossier-command.service.js';

const engines = await sqlEngines();
const years = loadYearCalendars('data/calendar');
const profile = loadMppProfile('data/mpp-profile.json');
const tenant = (code: string, prefix: string, timeZone: MppZoneCode): Tenant => ({
  code,
  prefix,
  profile,
  timeZone,
  zone: MPP_TIME_ZONES[timeZone],
  saturdayOpen: false,
  regionalHolidays: [],
  calendar: new WorkingCalendar({ zone: timeZone, saturdayOpen: false, regionalHolidays: [], years }),
});
const bandung = tenant('kota-bandung', 'BDG', 'WIB');
const denpasar = tenant('kota-denpasar', 'DPS', 'WITA');
const officer = (t: Tenant, role: Actor['role'], desks: string[]): Actor => ({
  officerId: `officer-${t.code}-${desks[0] ?? role}`,
  role,
  desks,
  tenant: t.code,
});

describeEngines(engines)('dossiers of two MPPs in one store, on %s', (_engine, factory) => {
  it("numbers each MPP's dossiers in its own register, in its own zone, and shows one MPP's dossier to no other", async () => {
    const { db, drop } = await factory();
    try {
      const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
      const numbers = new DocumentNumbers(calendar2026(), TEST_PIN_SECRET);
      const service = new DossierCommandService(store, catalogue(), calendar2026(), numbers, tariffs(), {
        tenants: new Tenants([bandung, denpasar], bandung),
        stateCacheEntries: 0,
      });
      const run = (id: string, type: DossierCommand['type'], data: object, actor: Actor, at = '2026-03-10T16:30:00.000Z') =>
        service.execute(id, { type, data, metadata: { commandId: randomUUID(), actor, at } } as DossierCommand, { serviceCode: 'pbg' });
      const register = async (t: Tenant) => {
        const id = randomUUID();
        return { id, ...(await run(id, 'RegisterDossier', pbgRegistrationData(id), officer(t, 'front-desk', ['front-office']))) };
      };

      const [b1, d1, b2] = [await register(bandung), await register(denpasar), await register(bandung)];
      expect([b1.number, d1.number, b2.number]).toEqual(['BDG-PBG-2026-000001', 'DPS-PBG-2026-000001', 'BDG-PBG-2026-000002']);
      const stream = await store.readStream(`dossier-${d1.id}`);
      expect(stream.events.map((e) => e.metadata.tenant)).toEqual(stream.events.map(() => 'kota-denpasar'));
      const [bState, dState] = [(await service.load(b1.id)).state, (await service.load(d1.id)).state];
      expect([bState.tenant, dState.tenant]).toEqual(['kota-bandung', 'kota-denpasar']);
      // Registered at 23:30 in Bandung, which is already 00:30 the next day in Denpasar: the deadlines follow each zone.
      expect(dState.due.dueAt).not.toBe(bState.due.dueAt);

      // Denpasar's verifier cannot touch Bandung's dossier; Bandung's can.
      const claim = (id: string, t: Tenant) => run(id, 'ClaimDossier', {}, officer(t, 'processor', ['back-office']));
      await expect(claim(b1.id, denpasar)).rejects.toMatchObject({ code: 'DOSSIER.NOT_FOUND' });
      expect((await service.load(b1.id)).version).toBe(b1.version);
      expect((await claim(b1.id, bandung)).eventTypes).toEqual(['DossierClaimed']);

      // A bank reference used in one MPP is free in the other (each MPP's bank numbers its own transfers), and still
      // taken within its own.
      const toFee = async (t: Tenant, id: string) => {
        const act = async (role: Actor['role'], desk: string, type: DossierCommand['type'], data: object) => {
          const who = officer(t, role, [desk]);
          if ((await service.load(id)).state.holders[desk] !== who.officerId)
            await run(id, 'ClaimDossier', { desk }, who, '2026-03-11T03:00:00.000Z');
          return run(id, type, data, who, '2026-03-11T03:00:00.000Z');
        };
        await act('processor', 'back-office', 'CompleteStep', { outcome: 'forward' });
        await act('processor', 'tpa', 'RecordRecommendation', { desk: 'tpa', positive: true, note: 'Sesuai' });
        await act('processor', 'dinas-pupr', 'RecordRecommendation', { desk: 'dinas-pupr', positive: true, note: 'Sesuai' });
        await act('processor', 'retribusi', 'AssessFee', {});
        return (await service.load(id)).state.fee!.total;
      };
      const pay = (t: Tenant, id: string, amount: number) =>
        run(
          id,
          'RecordPayment',
          { reference: 'TRF 0001', amount, channel: 'bank' },
          officer(t, 'processor', ['retribusi']),
          '2026-03-12T03:00:00.000Z',
        );
      const [bTotal, dTotal] = [await toFee(bandung, b1.id), await toFee(denpasar, d1.id)];
      expect((await pay(bandung, b1.id, bTotal)).eventTypes).toContain('PaymentRecorded');
      expect((await pay(denpasar, d1.id, dTotal)).eventTypes).toContain('PaymentRecorded');
      const bTotal2 = await toFee(bandung, b2.id);
      await expect(pay(bandung, b2.id, bTotal2)).rejects.toMatchObject({
        code: 'FEE.REFERENCE_USED_ELSEWHERE',
        details: { registrationNumber: b1.number },
      });

      // A dossier from before tenants (no tenant recorded) is the home tenant's.
      const plain = new DossierCommandService(store, catalogue(), calendar2026(), numbers, tariffs(), { stateCacheEntries: 0 });
      const old = randomUUID();
      await plain.execute(
        old,
        {
          type: 'RegisterDossier',
          data: pbgRegistrationData(old),
          metadata: {
            commandId: randomUUID(),
            actor: { officerId: 'officer-loket', role: 'front-desk', desks: ['front-office'] },
            at: '2026-03-02T02:00:00.000Z',
          },
        } as DossierCommand,
        { serviceCode: 'pbg' },
      );
      await expect(claim(old, denpasar)).rejects.toMatchObject({ code: 'DOSSIER.NOT_FOUND' });
      expect((await claim(old, bandung)).eventTypes).toEqual(['DossierClaimed']);
    } finally {
      await drop();
    }
  });
});
