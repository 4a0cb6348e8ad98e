import { escalationTables, QUARANTINE_TABLES } from '#berkas/read-models';
import { publicInboxTables } from '#berkas/public-inbox';
import { DESK_TABLES } from './tables.js';
import {
  ensureDemoSigning,
  LocalPkcs12Signer,
  RemoteSigner,
  SIGNED_DOCUMENTS_TABLES,
  SignedDocumentStore,
  type PermitSigner,
} from '#berkas/documents';
import { PermitSigning } from './application/permit-signing.js';
import { BANK_TABLES, BankNotifications } from './application/bank-notifications.js';
import { BANK_NOTIFICATIONS, BankController, ReconciliationController } from './http/bank.controller.js';
import { PermitsController } from './http/permits.controller.js';
import { EscalationsController } from './http/escalations.controller.js';
import { AggregatesController } from './http/aggregates.controller.js';
import { join } from 'node:path';
import { Inject, Module, type OnModuleInit } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';
import { RATE_LIMITS } from '#berkas/platform/rate-limits';
import { JwtModule } from '@nestjs/jwt';
import type { ServiceCatalogue, Tariffs, WorkingCalendar } from '#berkas/domain';
import type { EventStore } from '#berkas/event-store';
import { createTables, type SqlDatabase } from '#berkas/sql';
import type { BerkasConfig } from '#berkas/platform';
import {
  BERKAS_CONFIG,
  CALENDAR,
  CATALOGUE,
  EVENT_STORE,
  SQL_DATABASE,
  TARIFFS,
  TENANTS,
  type Tenant,
  type Tenants,
} from '#berkas/platform';
import { DocumentNumbers } from './application/document-numbers.js';
import { DossierCommandService } from './application/dossier-command.service.js';
import { RegisterDossierHandler, RunDossierCommandHandler } from './application/dossier.commands.js';
import { queryHandlers } from './application/dossier.queries.js';
import { OfficerGuard } from './auth/officer.guard.js';
import { officersOfHomeTenant, OfficerRepository } from './auth/officer.repository.js';
import { AccessLog } from './auth/access-log.js';
import { LoginAttempts } from './auth/login-attempts.js';
import { AuthController } from './http/auth.controller.js';
import { DossiersController } from './http/dossiers.controller.js';
import { MigrationsController } from './http/migrations.controller.js';
import { CatalogueController } from './http/catalogue.controller.js';
import { CalendarController } from './http/calendar.controller.js';
import { DossierReadsController } from './http/dossier-reads.controller.js';
import { ComplaintsController } from './http/complaints.controller.js';
import { SlaController } from './http/sla.controller.js';
import { ConsoleController } from './http/console.controller.js';
import { OfficersController } from './http/officers.controller.js';
import { QuarantineController } from './http/quarantine.controller.js';
import { DocumentsController } from './http/documents.controller.js';
import { DraftsController } from './http/drafts.controller.js';
import { FILE_STORE, fileStoreProvider, UPLOAD_CHECKS, uploadChecksProvider } from '#berkas/platform';

const commandHandlers = [RunDossierCommandHandler, RegisterDossierHandler];

/** The port the signing desk signs through. */
export const PERMIT_SIGNER = Symbol('PERMIT_SIGNER');

/** The configured certificate (SIGNING_P12), else the demo one, made once in the data directory and named as a demo. */
function permitSigner(c: BerkasConfig): PermitSigner {
  const { name, nip, title } = c.MPP.signingOfficial;
  if (c.SIGNING_REMOTE_URL)
    return new RemoteSigner({
      url: c.SIGNING_REMOTE_URL,
      clientId: c.SIGNING_REMOTE_CLIENT_ID,
      clientSecret: c.SIGNING_REMOTE_CLIENT_SECRET,
      nik: c.SIGNING_REMOTE_NIK,
      passphrase: c.SIGNING_REMOTE_PASSPHRASE,
      official: { name, nip, title, demo: false },
    });
  if (c.SIGNING_P12) return new LocalPkcs12Signer(c.SIGNING_P12, c.SIGNING_P12_PASSPHRASE, { name, nip, title, demo: false });
  const demo = ensureDemoSigning(join(c.BERKAS_DATA_DIR, 'signing'), { name, nip, organisation: c.MPP.government.split(' · ')[0] });
  return new LocalPkcs12Signer(demo.p12, demo.passphrase, { name, nip, title, demo: true });
}

/**
 * Each MPP signs its permits as its own official (D54): the home tenant as SIGNING_* says, another MPP with the
 * certificate or remote NIK its entry names (the passphrase from the environment), else a demo certificate of its own.
 */
export function permitSigners(c: BerkasConfig, tenants: Tenants): (tenant: Tenant) => PermitSigner {
  const made = new Map<string, PermitSigner>();
  const make = (t: Tenant): PermitSigner => {
    if (t === tenants.home) return permitSigner(c);
    const { name, nip, title } = t.profile.signingOfficial;
    const passphrase = t.signing ? (process.env[t.signing.passphraseEnv] ?? '') : '';
    if (t.signing && 'remoteNik' in t.signing) {
      if (!c.SIGNING_REMOTE_URL) throw new Error(`Invalid configuration: TENANTS_FILE: ${t.code}: remoteNik needs SIGNING_REMOTE_URL`);
      return new RemoteSigner({
        url: c.SIGNING_REMOTE_URL,
        clientId: c.SIGNING_REMOTE_CLIENT_ID,
        clientSecret: c.SIGNING_REMOTE_CLIENT_SECRET,
        nik: t.signing.remoteNik,
        passphrase,
        official: { name, nip, title, demo: false },
      });
    }
    if (t.signing) return new LocalPkcs12Signer(t.signing.p12, passphrase, { name, nip, title, demo: false });
    const demo = ensureDemoSigning(join(c.BERKAS_DATA_DIR, 'signing', t.code), {
      name,
      nip,
      organisation: t.profile.government.split(' · ')[0],
    });
    return new LocalPkcs12Signer(demo.p12, demo.passphrase, { name, nip, title, demo: true });
  };
  return (t) => {
    let signer = made.get(t.code);
    if (!signer) made.set(t.code, (signer = make(t)));
    return signer;
  };
}

/** The officers' API: login, commands on dossiers, queues, detail, statistics. */
@Module({
  imports: [
    CqrsModule,
    RATE_LIMITS,
    JwtModule.registerAsync({
      inject: [BERKAS_CONFIG],
      useFactory: (c: BerkasConfig) => ({
        secret: c.JWT_SECRET,
        signOptions: { expiresIn: c.JWT_TTL as '8h', issuer: 'berkas', algorithm: 'HS256' },
        // The algorithm is pinned: a token signed any other way (or "none") is refused.
        verifyOptions: { issuer: 'berkas', algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [
    AuthController,
    DossiersController,
    MigrationsController,
    CatalogueController,
    CalendarController,
    DocumentsController,
    DraftsController,
    DossierReadsController,
    SlaController,
    ConsoleController,
    OfficersController,
    ComplaintsController,
    QuarantineController,
    BankController,
    ReconciliationController,
    PermitsController,
    EscalationsController,
    AggregatesController,
  ],
  providers: [
    fileStoreProvider,
    uploadChecksProvider,
    ...commandHandlers,
    ...queryHandlers,
    OfficerGuard,
    {
      provide: DossierCommandService,
      inject: [EVENT_STORE, CATALOGUE, CALENDAR, DocumentNumbers, TARIFFS, BERKAS_CONFIG, TENANTS],
      useFactory: (
        s: EventStore,
        c: ServiceCatalogue,
        cal: WorkingCalendar,
        n: DocumentNumbers,
        t: Tariffs,
        config: BerkasConfig,
        tenants: Tenants,
      ) =>
        new DossierCommandService(s, c, cal, n, t, {
          tenants,
          stateCacheEntries: config.COMMAND_STATE_CACHE_ENTRIES,
          fileBytesPerDossier: config.FILE_DOSSIER_MAX_BYTES,
        }),
    },
    {
      provide: DocumentNumbers,
      inject: [CALENDAR, BERKAS_CONFIG],
      useFactory: (cal: WorkingCalendar, c: BerkasConfig) => new DocumentNumbers(cal, c.PIN_SECRET),
    },
    { provide: SignedDocumentStore, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => new SignedDocumentStore(db) },
    {
      provide: BANK_NOTIFICATIONS,
      inject: [SQL_DATABASE, DossierCommandService, BERKAS_CONFIG],
      useFactory: (db: SqlDatabase, commands: DossierCommandService, c: BerkasConfig) =>
        c.SNAP_CLIENT_SECRET && c.SNAP_ACCESS_TOKEN
          ? new BankNotifications(db, commands, {
              secret: c.SNAP_CLIENT_SECRET,
              accessToken: c.SNAP_ACCESS_TOKEN,
              paymentCodePrefix: c.MPP.paymentCodePrefix,
            })
          : null,
    },
    { provide: PERMIT_SIGNER, inject: [BERKAS_CONFIG, TENANTS], useFactory: permitSigners },
    {
      provide: PermitSigning,
      inject: [DossierCommandService, EVENT_STORE, CATALOGUE, TENANTS, BERKAS_CONFIG, PERMIT_SIGNER, SignedDocumentStore, HttpAdapterHost],
      useFactory: (
        commands: DossierCommandService,
        store: EventStore,
        catalogue: ServiceCatalogue,
        tenants: Tenants,
        c: BerkasConfig,
        signers: (tenant: Tenant) => PermitSigner,
        documents: SignedDocumentStore,
        http: HttpAdapterHost,
      ) =>
        new PermitSigning(commands, store, catalogue, tenants, signers, documents, {
          publicTrackingUrl: c.PUBLIC_TRACKING_URL,
          // The port this server listens on (PORT=0 picks one at listen time).
          localOrigin: () => {
            const address = (http.httpAdapter?.getHttpServer() as Server | undefined)?.address();
            return `http://localhost:${address && typeof address === 'object' ? address.port : c.PORT}`;
          },
        }),
    },
    { provide: OfficerRepository, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => new OfficerRepository(db) },
    { provide: AccessLog, inject: [SQL_DATABASE], useFactory: (db: SqlDatabase) => new AccessLog(db) },
    {
      provide: LoginAttempts,
      inject: [SQL_DATABASE, BERKAS_CONFIG],
      useFactory: async (db: SqlDatabase, c: BerkasConfig) => {
        const attempts = new LoginAttempts(db, {
          clientFailures: c.LOGIN_CLIENT_FAILURES,
          accountFailures: c.LOGIN_ACCOUNT_RATE_LIMIT,
          windowSeconds: c.LOGIN_ACCOUNT_WINDOW_SECONDS,
          knownDays: c.LOGIN_KNOWN_CLIENT_DAYS,
        });
        return attempts;
      },
    },
  ],
  exports: [DossierCommandService, OfficerRepository, DocumentNumbers, PermitSigning, SignedDocumentStore, FILE_STORE, UPLOAD_CHECKS],
})
export class DeskModule implements OnModuleInit {
  constructor(
    @Inject(SQL_DATABASE) private readonly db: SqlDatabase,
    @Inject(TENANTS) private readonly tenants: Tenants,
  ) {}

  async onModuleInit(): Promise<void> {
    // The public inbox is written by the public side and read here: either may start first. The quarantine is listed
    // and retried here, written by whichever process projects (D36).
    await createTables(this.db, [
      DESK_TABLES,
      BANK_TABLES,
      SIGNED_DOCUMENTS_TABLES,
      publicInboxTables(this.tenants.home.code),
      QUARANTINE_TABLES,
      escalationTables(this.tenants.home.code),
      // Accounts made before tenants existed are the home tenant's (issue 23).
      officersOfHomeTenant(this.tenants.home.code),
    ]);
  }
}
