import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { dossierUpcastSteps, ServiceCatalogue, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { NotificationDispatcher, type Channel, type Message } from '#berkas/notifications';
import { loadMppProfile } from '#berkas/platform';
import { buildProjector } from '#berkas/read-models';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import { DATA_DIR, officers, PBG_PARTICULARS, readDataFolder, testCommandService } from '#berkas/testing';

/**
 * Issue 23: an MPP's own words in the notices of a service (`notices` in its definition, edited in the catalogue). The
 * applicant's registration notice carries them after the notice's own text, in the applicant's language (the notices
 * of services without them: test/notifications.int-spec.ts).
 */
const engines = await sqlEngines();
const mpp = loadMppProfile('data/mpp-profile.json');
const NOTE = {
  id: 'Bawa KTP asli dan tanda terima saat mengambil PBG di loket 3.',
  en: 'Bring your original ID card and the receipt to collect the PBG at counter 3.',
};

/** The template, with PBG's newest version carrying a word for the registration notice. */
function catalogueWithNotes(): ServiceCatalogue {
  return ServiceCatalogue.parse(
    readDataFolder(join(DATA_DIR, 'catalogue')).map((f) =>
      f.path.endsWith('pbg.v3.json') ? { ...f, text: JSON.stringify({ ...JSON.parse(f.text), notices: { registered: NOTE } }) } : f,
    ),
  );
}

describeEngines(engines)("a service's own words in its notices on %s", (_engine, factory) => {
  it('adds them to the notice in the applicant’s language', async () => {
    const { db, drop } = await factory();
    try {
      const cat = catalogueWithNotes();
      expect(cat.latest('pbg')!.notices.registered).toEqual(NOTE);
      const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
      const service = testCommandService(store, cat);
      const projector = buildProjector(store, db, cat);
      await projector.init();
      const register = async (language: 'id' | 'en', serviceCode: string, data: object) => {
        const id = randomUUID();
        await service.execute(
          id,
          {
            type: 'RegisterDossier',
            data: {
              dossierId: id,
              applicant: { name: 'Budi Santoso', nik: '3273011508800001', email: `budi-${language}@example.id`, language, notices: true },
              ...data,
            },
            metadata: { commandId: randomUUID(), actor: officers.frontDesk, at: new Date().toISOString() },
          } as DossierCommand,
          { serviceCode },
        );
      };
      const pbg = {
        requirements: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
        inputs: { 'luas-lantai': 100 },
        particulars: PBG_PARTICULARS,
      };
      await register('id', 'pbg', pbg);
      await register('en', 'pbg', pbg);
      await projector.catchUp();
      const sent: { to: string; message: Message }[] = [];
      const capture: Channel = { via: 'log', send: async (to, message) => void sent.push({ to, message }) };
      const dispatcher = new NotificationDispatcher(
        db,
        { email: capture, phone: capture },
        {
          mpp,
          trackingUrl: 'https://mpp.example.go.id/',
          maxAttempts: 3,
          pollMs: 1000,
        },
      );
      await dispatcher.runOnce();
      const to = (address: string) => sent.find((s) => s.to === address)!.message.text;
      // After the notice's own words, before the tracking link, in the applicant's language.
      expect(to('budi-id@example.id')).toMatch(new RegExp(`^Berkas .*\\n\\n${NOTE.id.replace(/\./g, '\\.')}\\n\\nLacak berkas Anda:`, 's'));
      expect(to('budi-en@example.id')).toContain(`\n\n${NOTE.en}\n\nTrack your dossier:`);
      expect(to('budi-en@example.id')).not.toContain(NOTE.id);
    } finally {
      await drop();
    }
  });
});
