import { randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { dossierUpcastSteps, type Actor, type Applicant, type DossierCommand } from '#berkas/domain';
import { PostgresEventStore, upcasterFrom } from '#berkas/event-store';
import { createTables, type SqlDatabase } from '#berkas/sql';
import { describeEngines, sqlEngines } from '#berkas/sql/testing';
import {
  LogChannel,
  NotificationDispatcher,
  escalateDeadlines,
  remindExpiringPermits,
  SmsChannel,
  SmtpChannel,
  WhatsAppChannel,
  type Channel,
} from '#berkas/notifications';
import { loadMppProfile } from '#berkas/platform';
import { buildProjector, escalationTables, escalationList, markEscalationRead, noticesOf, type Projector } from '#berkas/read-models';
import { calendar2026, catalogue, officers, PBG_PARTICULARS, sampleApplication, testCommandService } from '#berkas/testing';

/**
 * Notices to applicants, end to end but for the network's far side: commands
 * append events, the projector fills the outbox, the dispatcher sends through
 * a real SMTP server (smtp-server, in process) and a local HTTP server standing
 * in for the WhatsApp Cloud API and an SMS gateway, which checks each request.
 */
const engines = await sqlEngines();
const mpp = loadMppProfile('data/mpp-profile.json');

interface Mail {
  to: string;
  raw: string;
}
interface Call {
  path: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

describeEngines(engines)('notices to applicants on %s', (_engine, factory) => {
  let db: SqlDatabase;
  let drop: () => Promise<void>;
  let projector: Projector;
  let service: ReturnType<typeof testCommandService>;
  let smtp: SMTPServer;
  let smtpUrl: string;
  let http: Server;
  let httpUrl: string;
  const mails: Mail[] = [];
  const calls: Call[] = [];
  /** What the stand-in gateways answer next (a status per call; 200 when the list is empty). */
  const answers: number[] = [];

  beforeAll(async () => {
    ({ db, drop } = await factory());
    const store = await PostgresEventStore.create(db, { upcaster: upcasterFrom(dossierUpcastSteps) });
    service = testCommandService(store, catalogue());
    projector = buildProjector(store, db, catalogue());
    await projector.init();
    await createTables(db, [escalationTables('kota-contoh')]);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, done) {
        let raw = '';
        stream.on('data', (c: Buffer) => (raw += c.toString()));
        stream.on('end', () => {
          mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw });
          done();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
    http = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw || '{}') as Record<string, unknown>;
        calls.push({ path: req.url ?? '', headers: req.headers, body });
        // As the Cloud API does outside the 24 hours after the applicant wrote: a business may not start with free text.
        if (req.url?.endsWith('/messages') && body.type !== 'template') {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"code":131047,"message":"Re-engagement message"}}');
          return;
        }
        const status = answers.shift() ?? 200;
        res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{"ok":true}' : '{"error":"busy"}');
      });
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => (smtp ? smtp.close(() => resolve()) : resolve()));
    await new Promise((resolve) => http?.close(resolve));
    await drop?.();
  });

  const register = async (applicant: Applicant, at = new Date().toISOString()) => {
    const id = randomUUID();
    const outcome = await service.execute(
      id,
      {
        type: 'RegisterDossier',
        data: {
          dossierId: id,
          applicant,
          requirements: ['bukti-tanah', 'ktp', 'gambar-arsitektur', 'gambar-struktur', 'gambar-mep'],
          inputs: { 'luas-lantai': 100 },
          particulars: PBG_PARTICULARS,
        },
        metadata: { commandId: randomUUID(), actor: officers.frontDesk, at },
      } as DossierCommand,
      { serviceCode: 'pbg' },
    );
    await projector.catchUp();
    return { id, number: outcome.number! };
  };
  /** An officer acts on a dossier, claiming it at their desk first (the front desk acts without claiming). */
  const officerActs = async (
    dossierId: string,
    actor: Actor,
    type: DossierCommand['type'],
    data: object,
    claim = actor !== officers.frontDesk,
  ) => {
    const metadata = () => ({ commandId: randomUUID(), actor, at: new Date().toISOString() });
    if (claim) await service.execute(dossierId, { type: 'ClaimDossier', data: {}, metadata: metadata() });
    await service.execute(dossierId, { type, data, metadata: metadata() } as DossierCommand);
  };
  const outbox = async (dossierId: string) =>
    (
      await db.query<{
        channel: string;
        recipient: string;
        kind: string;
        status: string;
        attempts: number;
        via: string | null;
        last_error: string | null;
      }>(
        "SELECT channel, recipient, kind, status, attempts, via, last_error FROM nt_outbox WHERE dossier_id = $1 ORDER BY channel -- tenant: the test reads every MPP's rows",
        [dossierId],
      )
    ).rows;
  const dispatcher = (
    channels: { email: Channel; phone: Channel },
    extra: Partial<ConstructorParameters<typeof NotificationDispatcher>[2]> = {},
  ) => new NotificationDispatcher(db, channels, { mpp, trackingUrl: 'https://mpp.example.go.id/', maxAttempts: 3, pollMs: 1000, ...extra });
  const dueNow = () =>
    db.query(`UPDATE nt_outbox SET next_attempt_at = now() WHERE status = 'pending' -- tenant: the test reads every MPP's rows`);
  const budi = { name: 'Budi Santoso', nik: '3273011508800001' };
  /** A mail's body as its reader sees it (quoted-printable undone). */
  const text = (m: Mail) =>
    Buffer.from(
      m.raw
        .split(/\r?\n\r?\n/)
        .slice(1)
        .join('\n')
        .replace(/=\r?\n/g, '')
        .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      'latin1',
    ).toString('utf8');

  it('tells an applicant who agreed, by e-mail over SMTP and by WhatsApp, in the language they chose, once', async () => {
    const d = await register({ ...budi, phone: '081234567890', email: 'budi@example.id', language: 'en', notices: true });
    expect((await outbox(d.id)).map((r) => [r.channel, r.recipient, r.kind, r.status])).toEqual([
      ['email', 'budi@example.id', 'registered', 'pending'],
      ['phone', '6281234567890', 'registered', 'pending'],
    ]);
    const wa = new WhatsAppChannel(`${httpUrl}/wa/v21.0`, '1234567890', 'wa-token-for-tests', {
      default: { name: 'berkas_pemberitahuan', language: { id: 'id', en: 'en_US' } },
      registered: { name: 'berkas_berkas_diterima', language: { id: 'id', en: 'en_US' } },
    });
    mails.length = calls.length = 0;
    expect(await dispatcher({ email: new SmtpChannel(smtpUrl, 'MPP Kota Contoh <mpp@kotacontoh.go.id>'), phone: wa }).runOnce()).toBe(2);
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toBe('budi@example.id');
    expect(mails[0].raw).toContain(`Subject: Dossier received (${d.number})`);
    expect(text(mails[0])).toContain(`https://mpp.example.go.id/?nomor=${d.number}`);
    expect(calls).toHaveLength(1);
    // The Cloud API's message call: the path with the phone number id, the bearer token, and an approved template
    // (a business may not start a conversation with free text): the kind's own, in the applicant's language.
    expect(calls[0].path).toBe('/wa/v21.0/1234567890/messages');
    expect(calls[0].headers.authorization).toBe('Bearer wa-token-for-tests');
    expect(calls[0].body).toMatchObject({
      messaging_product: 'whatsapp',
      to: '6281234567890',
      type: 'template',
      template: {
        name: 'berkas_berkas_diterima',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: d.number },
              { type: 'text', text: 'Dossier received' },
              { type: 'text', text: `https://mpp.example.go.id/?nomor=${d.number}` },
            ],
          },
        ],
      },
    });
    expect(calls[0].body.text).toBeUndefined();
    expect((await outbox(d.id)).map((r) => [r.status, r.via, r.attempts])).toEqual([
      ['sent', 'smtp', 1],
      ['sent', 'whatsapp', 1],
    ]);
    // Replaying the log (a rebuild) adds nothing and sends nothing.
    await projector.rebuild();
    await dueNow();
    expect(await dispatcher({ email: new LogChannel(), phone: new LogChannel() }).runOnce()).toBe(0);
  });

  it('retries a failed send with backoff, records each attempt, and gives up after the last', async () => {
    const d = await register({ ...budi, phone: '081298765432', notices: true });
    const sms = new SmsChannel(`${httpUrl}/sms`, '{"msisdn":"{to}","message":"{text}","ref":"{reference}"}', 'sms-token');
    const send = dispatcher({ email: new LogChannel(), phone: sms });
    calls.length = 0;
    answers.push(503);
    expect(await send.runOnce()).toBe(1);
    let [row] = await outbox(d.id);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, via: 'sms' });
    expect(row.last_error).toContain('503');
    // Not due again until the backoff has passed.
    expect(await send.runOnce()).toBe(0);
    await dueNow();
    expect(await send.runOnce()).toBe(1);
    [row] = await outbox(d.id);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    // The gateway got the configured body, with the reference it can dedupe on.
    expect(calls[1].body).toMatchObject({ msisdn: '6281298765432' });
    expect(String(calls[1].body.ref)).toMatch(/^[0-9a-f-]{36}\.phone$/);
    expect(String(calls[1].body.message)).toContain('Berkas diterima');
    const attempts = await db.query<{ ok: boolean }>(
      "SELECT ok FROM nt_attempts a JOIN nt_outbox o USING (event_id, channel) WHERE o.dossier_id = $1 ORDER BY attempt -- tenant: the test reads every MPP's rows",
      [d.id],
    );
    expect(attempts.rows.map((a) => a.ok)).toEqual([false, true]);

    const e = await register({ ...budi, phone: '081211112222', notices: true });
    answers.push(500, 500, 500);
    for (let i = 0; i < 3; i++) {
      await dueNow();
      await send.runOnce();
    }
    expect((await outbox(e.id))[0]).toMatchObject({ status: 'failed', attempts: 3 });
  });

  it('sends again after a crash between the send and its record, and never after that', async () => {
    const d = await register({ ...budi, email: 'sari@example.id', notices: true });
    const mail = new SmtpChannel(smtpUrl, 'MPP <mpp@kotacontoh.go.id>');
    mails.length = 0;
    const crashing = dispatcher(
      { email: mail, phone: new LogChannel() },
      {
        afterSend: () => {
          throw new Error('the process died here');
        },
      },
    );
    await expect(crashing.runOnce()).rejects.toThrow('the process died here');
    expect(mails).toHaveLength(1);
    expect((await outbox(d.id))[0]).toMatchObject({ status: 'pending', attempts: 1 });
    // The restarted process: the claim has lapsed (a lease of 0 s here), so the message goes again, once.
    const restarted = dispatcher({ email: mail, phone: new LogChannel() }, { leaseSeconds: 0 });
    await db.query(`UPDATE nt_outbox SET next_attempt_at = now() WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows`, [d.id]);
    expect(await restarted.runOnce()).toBe(1);
    expect(mails).toHaveLength(2);
    // The same Message-ID both times: a mailbox that dedupes shows one.
    const ids = mails.map((m) => /Message-ID: (<[^>]+>)/i.exec(m.raw)?.[1]);
    expect(ids[0]).toBeDefined();
    expect(ids[1]).toBe(ids[0]);
    expect((await outbox(d.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
    await dueNow();
    expect(await restarted.runOnce()).toBe(0);
    expect(mails).toHaveLength(2);
  });

  it("sends a dossier's notices in the order of its events, collapses a stale backlog to the latest, and says 'logged' for the log", async () => {
    const d = await register({ ...budi, phone: '081233334444', notices: true });
    const act = async (type: DossierCommand['type'], data: object, actor = officers.backOffice) => {
      await service.execute(d.id, {
        type,
        data,
        metadata: { commandId: randomUUID(), actor, at: new Date().toISOString() },
      } as DossierCommand);
      await projector.catchUp();
    };
    await act('ClaimDossier', {});
    await act('ReturnForCorrection', { reasons: ['KTP buram'] });
    const kinds = async () =>
      (
        await db.query<{ kind: string; status: string }>(
          "SELECT kind, status FROM nt_outbox WHERE dossier_id = $1 ORDER BY created_at, event_id -- tenant: the test reads every MPP's rows",
          [d.id],
        )
      ).rows.map((r) => `${r.kind}:${r.status}`);
    expect(await kinds()).toEqual(['registered:pending', 'returned:pending']);
    const sms = new SmsChannel(`${httpUrl}/sms`, '{"to":"{to}","text":"{text}"}', undefined);
    const send = dispatcher({ email: new LogChannel(), phone: sms });
    calls.length = 0;
    // The first fails: the second waits for it, though it is due too.
    answers.push(500);
    await send.runOnce();
    expect(calls.map((c) => String(c.body.text).split(':')[0])).toEqual(['Berkas diterima (' + d.number + ')']);
    await send.runOnce();
    expect(calls).toHaveLength(1);
    await dueNow();
    await send.runOnce();
    await send.runOnce();
    expect(calls.map((c) => String(c.body.text).split(' (')[0])).toEqual(['Berkas diterima', 'Berkas diterima', 'Berkas perlu diperbaiki']);
    expect(await kinds()).toEqual(['registered:sent', 'returned:sent']);

    // A backlog (the dispatcher was down for hours): the older notice tells of a state that has passed.
    const e = await register({ ...budi, phone: '081255556666', notices: true });
    const eAct = async (type: DossierCommand['type'], data: object) => {
      await service.execute(e.id, {
        type,
        data,
        metadata: { commandId: randomUUID(), actor: officers.backOffice, at: new Date().toISOString() },
      } as DossierCommand);
      await projector.catchUp();
    };
    await eAct('ClaimDossier', {});
    await eAct('ReturnForCorrection', { reasons: ['NIK tidak terbaca'] });
    await db.query(
      `UPDATE nt_outbox SET created_at = created_at - interval '3 hours' WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows`,
      [e.id],
    );
    calls.length = 0;
    await send.runOnce();
    await send.runOnce();
    expect(calls.map((c) => String(c.body.text).split(' (')[0])).toEqual(['Berkas perlu diperbaiki']);
    const eKinds = (
      await db.query<{ kind: string; status: string }>(
        "SELECT kind, status FROM nt_outbox WHERE dossier_id = $1 ORDER BY created_at, event_id -- tenant: the test reads every MPP's rows",
        [e.id],
      )
    ).rows.map((r) => `${r.kind}:${r.status}`);
    expect(eKinds).toEqual(['registered:superseded', 'returned:sent']);

    // No channel configured: written to the log, and officers read that, never "sent".
    const f = await register({ ...budi, phone: '081277778888', notices: true });
    await dispatcher({ email: new LogChannel(), phone: new LogChannel() }).runOnce();
    expect((await outbox(f.id)).map((r) => [r.status, r.via])).toEqual([['logged', 'log']]);
  });

  it('tells nobody who did not agree, no landline by SMS, and nobody about events older than two days', async () => {
    const silent = await register({ ...budi, phone: '081234567890', email: 'budi@example.id' });
    expect(await outbox(silent.id)).toEqual([]);
    const office = await register({ ...budi, phone: '0215551234', email: 'kantor@example.id', notices: true });
    expect((await outbox(office.id)).map((r) => r.channel)).toEqual(['email']);
    const old = await register({ ...budi, email: 'lama@example.id', notices: true }, new Date(Date.now() - 3 * 86_400_000).toISOString());
    expect(await outbox(old.id)).toEqual([]);
  });

  it('reminds the holder before the permit lapses, once per window, in their language, and not once a renewal is under way', async () => {
    // Issue 20: no permit had a validity period or an expiry reminder. A SIP holds five years; this one was issued
    // five years ago less 40 days, so it lapses in 40 days: inside the 60-day window, not yet in the 14-day one.
    const sip = catalogue().latest('sip-dokter')!;
    const now = Date.now();
    const issuedAt = new Date(now - 5 * 365.25 * 86_400_000 + 40 * 86_400_000).toISOString();
    const walk = async (nik: string, email: string) => {
      const id = randomUUID();
      const run = async (actor: Actor, type: DossierCommand['type'], data: object) => {
        if (actor !== officers.frontDesk) await run2(actor, 'ClaimDossier', {});
        await run2(actor, type, data);
      };
      const run2 = (actor: Actor, type: DossierCommand['type'], data: object) =>
        service.execute(id, { type, data, metadata: { commandId: randomUUID(), actor, at: issuedAt } } as DossierCommand, {
          serviceCode: 'sip-dokter',
        });
      await run(officers.frontDesk, 'RegisterDossier', {
        dossierId: id,
        applicant: { name: 'dr. Rahmat Hidayat', nik, email, language: 'en', notices: true },
        requirements: ['ktp', 'str', 'surat-tempat-praktik'],
        ...sampleApplication(sip),
      });
      await run(officers.backOffice, 'CompleteStep', { outcome: 'forward' });
      await run(officers.dinkes, 'CompleteStep', { outcome: 'forward' });
      await run(officers.kabid, 'ApproveDossier', { verificationCode: `V${id.slice(0, 8)}` });
      await run(officers.kadis, 'SignPermit', {});
      await run(officers.records, 'IssuePermit', {});
      await projector.catchUp();
      const permit = (
        await db.query<{ permit_number: string }>(
          "SELECT permit_number FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
          [id],
        )
      ).rows[0];
      return { id, permitNumber: permit.permit_number };
    };
    const held = await walk('3273012710880005', 'rahmat@example.id');
    // Events that old tell nobody when projected; the reminder is the job's, not an event's.
    expect(await outbox(held.id)).toEqual([]);
    const at = new Date(now).toISOString();
    expect(await remindExpiringPermits(db, catalogue(), at)).toEqual([`${held.permitNumber} (60 hari)`]);
    expect((await outbox(held.id)).map((r) => [r.channel, r.recipient, r.kind, r.status])).toEqual([
      ['email', 'rahmat@example.id', 'expiring', 'pending'],
    ]);
    // The job runs every hour: the same window is not told twice.
    expect(await remindExpiringPermits(db, catalogue(), at)).toEqual([]);
    mails.length = 0;
    await dispatcher({ email: new SmtpChannel(smtpUrl, 'MPP Kota Contoh <mpp@kotacontoh.go.id>'), phone: new LogChannel() }).runOnce();
    const reminder = mails.filter((m) => m.to === 'rahmat@example.id');
    expect(reminder).toHaveLength(1);
    expect(reminder[0].raw).toContain('Subject: Your permit expires soon');
    expect(text(reminder[0])).toContain(`Permit ${held.permitNumber} (Doctor's practice licence (SIP)) is valid until`);
    expect(text(reminder[0])).toContain('Apply for renewal at the MPP before then');
    // 30 days later the 14-day window is not reached yet (10 days left is; 26 is not).
    expect(await remindExpiringPermits(db, catalogue(), new Date(now + 14 * 86_400_000).toISOString())).toEqual([]);
    expect(await remindExpiringPermits(db, catalogue(), new Date(now + 30 * 86_400_000).toISOString())).toEqual([
      `${held.permitNumber} (14 hari)`,
    ]);

    // Another holder who has already applied for the renewal is not reminded.
    const renewing = await walk('3273014411900006', 'maya@example.id');
    const renewal = randomUUID();
    await service.execute(
      renewal,
      {
        type: 'RegisterDossier',
        data: {
          dossierId: renewal,
          applicant: { name: 'dr. Maya Sari', nik: '3273014411900006' },
          requirements: ['ktp', 'str'],
          ...sampleApplication(sip),
          variant: 'perpanjangan',
          previousPermit: {
            permitNumber: renewing.permitNumber,
            registrationNumber: 'x',
            issuedAt,
            serviceCode: 'sip-dokter',
            holderNik: '3273014411900006',
            revoked: false,
          },
        },
        metadata: { commandId: randomUUID(), actor: officers.frontDesk, at },
      } as DossierCommand,
      { serviceCode: 'sip-dokter' },
    );
    await projector.catchUp();
    expect(await remindExpiringPermits(db, catalogue(), at)).toEqual([]);
    expect((await outbox(renewing.id)).filter((r) => r.kind === 'expiring')).toEqual([]);
  });

  it('tells supervisors of a step near its due date, of one past it, and of a fiktif positif deadline tomorrow, each once, by e-mail too', async () => {
    // Issue 20: nothing warned a supervisor before or when a step passed its due date.
    const cal = calendar2026();
    const monday = '2026-03-02T02:00:00.000Z';
    const building = await register(budi, monday);
    const billboardId = randomUUID();
    await service.execute(
      billboardId,
      {
        type: 'RegisterDossier',
        data: {
          dossierId: billboardId,
          applicant: { name: 'PT Cahaya Iklan', nik: '3273010101750004', nib: '9120001234567' },
          requirements: ['ktp', 'nib', 'desain-reklame', 'denah-lokasi'],
          ...sampleApplication(catalogue().latest('reklame')!),
        },
        metadata: { commandId: randomUUID(), actor: officers.frontDesk, at: monday },
      } as DossierCommand,
      { serviceCode: 'reklame' },
    );
    await projector.catchUp();
    const mine = (rows: { dossierId: string; kind: string }[]) =>
      rows
        .filter((r) => r.dossierId === building.id || r.dossierId === billboardId)
        .map((r) => `${r.dossierId === building.id ? 'pbg' : 'reklame'}:${r.kind}`)
        .sort();
    // Each MPP's supervisors are its own (D54): the addresses are asked for by the dossier's MPP.
    const askedFor = new Set<string>();
    const escalate = (now: string) =>
      escalateDeadlines(db, catalogue(), () => cal, now, {
        share: 0.75,
        emails: (tenant) => {
          askedFor.add(tenant);
          return tenant === 'kota-contoh' ? ['kepala.mpp@kotacontoh.go.id', 'spv@kotacontoh.go.id'] : ['kepala@mpp-lain.example.id'];
        },
      });
    // Tuesday 16:00 WIB: the billboard's verification (1 working day, due Tuesday midnight) has used 79% of its time;
    // PBG's (3 working days, due Thursday midnight) 36%.
    expect(mine(await escalate('2026-03-03T09:00:00.000Z'))).toEqual(['reklame:due-soon']);
    // Thursday 08:00 WIB: PBG's verification has used 82% of its time; the billboard's is past its due date.
    expect(mine(await escalate('2026-03-05T01:00:00.000Z'))).toEqual(['pbg:due-soon', 'reklame:overdue']);
    // Again at once: nothing new.
    expect(mine(await escalate('2026-03-05T01:05:00.000Z'))).toEqual([]);
    // The billboard (fiktif positif, 7 working days) is deemed approved at the end of the 11th unless decided: told the day before.
    expect(mine(await escalate('2026-03-10T02:00:00.000Z'))).toEqual(['pbg:overdue', 'reklame:fiktif-positif-tomorrow']);
    // In the console's notice centre, with whether each dossier is still where it was; marked read by its first reader.
    const centre = await escalationList(db, catalogue(), { tenant: 'kota-contoh', unread: true });
    const pbgNotices = centre.items.filter((e) => e.dossierId === building.id);
    expect(pbgNotices.map((e) => [e.kind, e.step?.id, e.desks, e.current])).toEqual([
      ['overdue', 'verifikasi', ['back-office'], true],
      ['due-soon', 'verifikasi', ['back-office'], true],
    ]);
    expect(await markEscalationRead(db, 'kota-contoh', pbgNotices[0].id, 'spv-1', '2026-03-10T03:00:00.000Z')).toBe(true);
    expect(await markEscalationRead(db, 'kota-contoh', pbgNotices[0].id, 'spv-2', '2026-03-10T04:00:00.000Z')).toBe(true);
    expect(await markEscalationRead(db, 'kota-contoh', 'overdue/no-such', 'spv-1', '2026-03-10T04:00:00.000Z')).toBe(false);
    const all = (await escalationList(db, catalogue(), { tenant: 'kota-contoh' })).items.find((e) => e.id === pbgNotices[0].id);
    expect(all?.read).toEqual({ at: '2026-03-10T03:00:00.000Z', by: 'spv-1' });
    // Each new notice went to each supervisor's address, once; the applicant's notice list does not show them.
    const mailed = (
      await db.query<{ recipient: string; dossier_id: string }>(
        `SELECT recipient, dossier_id FROM nt_outbox WHERE kind = 'escalation' AND dossier_id = ANY($1) -- tenant: the test reads every MPP's rows`,
        [[building.id, billboardId]],
      )
    ).rows;
    expect(mailed).toHaveLength(2 * 5);
    expect([...askedFor]).toEqual(['kota-contoh']);
    expect(mailed.map((m) => m.recipient)).not.toContain('kepala@mpp-lain.example.id');
    expect((await noticesOf(db, 'kota-contoh', building.id)).map((n) => n.kind)).not.toContain('escalation');
    mails.length = 0;
    await dispatcher({ email: new SmtpChannel(smtpUrl, 'MPP Kota Contoh <mpp@kotacontoh.go.id>'), phone: new LogChannel() }).runOnce();
    const toHead = mails.filter((m) => m.to === 'kepala.mpp@kotacontoh.go.id' && m.raw.includes(building.number));
    expect(toHead.length).toBeGreaterThan(0);
    expect(toHead[0].raw).toContain(`Subject: Peringatan tenggat (${building.number})`);
    expect(text(toHead[0])).toMatch(/tenggat tahap "Verifikasi berkas"/);
    expect(text(toHead[0])).toContain(`konsol/berkas/${building.id}`);
    expect(text(toHead[0])).not.toContain('PIN');
  });

  it("says the fee step's pay-by date when the bill and the next step are projected in one batch", async () => {
    // The outbox folds a batch in memory (one statement per table): the notice must see the due date of its moment.
    const d = await register({ ...budi, email: 'satu-batch@example.id', notices: true });
    await officerActs(d.id, officers.backOffice, 'CompleteStep', { outcome: 'forward' });
    await officerActs(d.id, officers.tpa, 'RecordRecommendation', { positive: true, note: 'ok' });
    await officerActs(d.id, officers.pupr, 'RecordRecommendation', { positive: true, note: 'ok' });
    await officerActs(d.id, officers.cashier, 'AssessFee', {});
    const { rows: fee } = await db.query<{ total: number }>(
      `SELECT (data->>'total')::int AS total FROM events WHERE stream_id = $1 AND type = 'FeeAssessed'`,
      [`dossier-${d.id}`],
    );
    const payment = { reference: `PAY-${d.id.slice(0, 6)}`, amount: fee[0].total, channel: 'cashier' };
    await officerActs(d.id, officers.cashier, 'RecordPayment', payment, false);
    await officerActs(d.id, officers.cashier, 'CompleteStep', { outcome: 'forward' }, false);
    // The fee step's due date, and the next step's (started after the bill, in the same batch).
    const { rows: steps } = await db.query<{ due: string; billed: boolean }>(
      `SELECT s.data->'due'->>'dueAt' AS due, s.stream_version < f.stream_version AS billed
         FROM events s JOIN events f ON f.stream_id = s.stream_id AND f.type = 'FeeAssessed'
        WHERE s.stream_id = $1 AND s.type = 'StepStarted' ORDER BY s.stream_version`,
      [`dossier-${d.id}`],
    );
    const feeStepDue = steps.filter((r) => r.billed).at(-1)!.due;
    const nextStepDue = steps.find((r) => !r.billed)!.due;
    expect(nextStepDue).not.toBe(feeStepDue);
    await projector.catchUp();
    const { rows } = await db.query<{ params: { payBy?: string } }>(
      `SELECT params FROM nt_outbox WHERE dossier_id = $1 AND kind = 'fee-due' -- tenant: the test reads every MPP's rows`,
      [d.id],
    );
    expect(rows.map((r) => r.params.payBy)).toEqual([new Date(feeStepDue).toISOString()]);
    const { rows: contact } = await db.query<{ step_due_at: Date }>(
      "SELECT step_due_at FROM nt_contacts WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
      [d.id],
    );
    expect(contact[0].step_due_at.toISOString()).toBe(new Date(nextStepDue).toISOString());
  });

  it('says by when to pay in the fee notice, and leads the ready notice with the dossier number', async () => {
    // Issue 21: the fee notice gave the amount and channels but not the pay-by date; the ready notice led with the
    // permit number (PBG/2026/000001), which reads like another dossier's registration number.
    const d = await register({ ...budi, email: 'bayar@example.id', notices: true });
    const run = (actor: Actor, type: DossierCommand['type'], data: object) => officerActs(d.id, actor, type, data);
    await run(officers.backOffice, 'CompleteStep', { outcome: 'forward' });
    await run(officers.tpa, 'RecordRecommendation', { positive: true, note: 'ok' });
    await run(officers.pupr, 'RecordRecommendation', { positive: true, note: 'ok' });
    await run(officers.cashier, 'AssessFee', {});
    await projector.catchUp();
    const stepDue = (
      await db.query<{ step_due_at: Date }>(
        "SELECT step_due_at FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows",
        [d.id],
      )
    ).rows[0].step_due_at;
    const fee = (
      await db.query<{ params: { payBy?: string } }>(
        `SELECT params FROM nt_outbox WHERE dossier_id = $1 AND kind = 'fee-due' -- tenant: the test reads every MPP's rows`,
        [d.id],
      )
    ).rows[0];
    expect(fee.params.payBy).toBe(new Date(stepDue).toISOString());
    const fees = (
      await db.query<{ total: number }>(
        `SELECT (summary->'fee'->>'total')::int AS total FROM rm_dossiers WHERE dossier_id = $1 -- tenant: the test reads every MPP's rows`,
        [d.id],
      )
    ).rows[0].total;
    await run(officers.cashier, 'RecordPayment', { reference: `PAY-${d.id.slice(0, 6)}`, amount: fees, channel: 'cashier' });
    await run(officers.cashier, 'CompleteStep', { outcome: 'forward' });
    await run(officers.kabid, 'ApproveDossier', { verificationCode: `V${d.id.slice(0, 8)}` });
    await run(officers.kadis, 'SignPermit', {});
    await run(officers.records, 'IssuePermit', {});
    await projector.catchUp();
    mails.length = 0;
    const send = dispatcher({ email: new SmtpChannel(smtpUrl, 'MPP Kota Contoh <mpp@kotacontoh.go.id>'), phone: new LogChannel() });
    for (let i = 0; i < 6 && mails.filter((m) => m.to === 'bayar@example.id').length < 4; i++) {
      await dueNow();
      await send.runOnce();
    }
    const texts = mails.filter((m) => m.to === 'bayar@example.id').map(text);
    expect(texts.find((t) => t.includes('Retribusi berkas'))).toMatch(/Bayar paling lambat \d{1,2} \w+ \d{4}\./);
    expect(texts.find((t) => t.includes('siap diambil'))).toMatch(
      new RegExp(`^Berkas ${d.number}: izin Anda siap diambil \\(nomor izin PBG/\\d{4}/\\d{6}\\)`),
    );
  });
});
