import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { AggregatesPage } from './aggregates.js';
import { useEffect, useState } from 'preact/hooks';
import { api, session, whenPasswordDue, whenUnauthorized, type Officer, type ServiceDefinition } from './api.js';
import { AccountMenu, AccountPage, PasswordForm } from './account.js';
import { Menu } from './menu.js';
import { ComplaintsPage } from './complaints.js';
import { QuarantinePage } from './quarantine.js';
import { DashboardPage } from './dashboard.js';
import { DossierPage } from './dossier/page.js';
import { DraftPage, DraftsPage } from './drafts.js';
import { OfficersPage } from './officers.js';
import { CataloguePage } from './catalogue.js';
import { HolidaysPage } from './holidays.js';
import { DesksPage } from './desks.js';
import { BatchMigrationPage } from './batch-migration.js';
import { Home } from './home.js';
import { LanguageProvider, useLang } from './i18n.js';
import { Login } from './login.js';
import { QueuePage } from './queue.js';
import { ReceiptPage } from './receipt.js';
import { AccessLogPage } from './access-log.js';
import { EscalationsPage, useUnreadEscalations } from './escalations.js';
import { ReconciliationPage } from './reconciliation.js';
import { RegisterPage } from './register.js';
import { ReturnedPage } from './returned.js';
import { SearchPage } from './search.js';
import { BASE, SessionCtx, type Session } from './session.js';

export function App() {
  return (
    <LanguageProvider>
      <LocationProvider scope={BASE}>
        <Shell />
      </LocationProvider>
    </LanguageProvider>
  );
}

/** Why the sign-in form is showing: never signed in, the session ended (expired, ended elsewhere), or signed out in another tab. */
export type SignedOutReason = 'none' | 'ended' | 'elsewhere';

type ShellState = Session | null | 'loading' | { passwordDue: Officer };

function Shell() {
  const { t, lang, setLang } = useLang();
  const [state, setState] = useState<ShellState>('loading');
  const [reason, setReason] = useState<SignedOutReason>('none');
  const logOut = () => {
    session.end();
    setReason('none');
    setState(null);
  };
  const ended = (why: SignedOutReason) => () => {
    setReason(why);
    setState(null);
  };
  whenUnauthorized(ended('ended'));
  whenPasswordDue(() => void load().catch(ended('ended')));
  const load = async () => {
    const me = await api<Officer>('GET', '/me');
    if (me.data.mustChangePassword) return setState({ passwordDue: me.data });
    const [services, desks, colleagues] = await Promise.all([
      // Each service in the version the officer's MPP registers under today (its own published one, or the template's).
      api<ServiceDefinition[]>('GET', `/services${me.data.tenant ? `?tenant=${encodeURIComponent(me.data.tenant)}` : ''}`),
      api<{ id: string; name: { id: string; en: string } }[]>(
        'GET',
        `/desks${me.data.tenant ? `?tenant=${encodeURIComponent(me.data.tenant)}` : ''}`,
      ),
      api<{ officerId: string; name: string; desks: string[] }[]>('GET', '/colleagues'),
    ]);
    setState({
      officer: me.data,
      services: services.data,
      deskNames: new Map(desks.data.map((d) => [d.id, d.name])),
      names: new Map(colleagues.data.map((c) => [c.officerId, c.name])),
      colleagues: colleagues.data,
      logOut,
    });
  };
  session.listen({ signedOut: ended('elsewhere'), renewed: () => void load().catch(ended('ended')) });
  useEffect(() => {
    // A new tab carries on the session of a tab already open; otherwise the sign-in form.
    void session.borrow().then((token) => (token ? load().catch(ended('ended')) : setState(null)));
  }, []);
  const signedIn = state !== null && state !== 'loading' && !('passwordDue' in state);

  return (
    <>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <a class="brand" href={`${BASE}/`}>
          {t('appShortName')}
          <span class="brand-sub">: {t('appSubName')}</span>
          {signedIn && state.officer.tenantName && <span class="brand-tenant"> · {state.officer.tenantName}</span>}
        </a>
        {signedIn && <Nav s={state} />}
        <button type="button" class="link" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} lang={lang === 'id' ? 'en' : 'id'}>
          {t('language')}
        </button>
        {signedIn && <AccountMenu s={state} />}
      </header>
      <main id="main">
        {state === null ? (
          <Login reason={reason} onIn={() => load()} />
        ) : state === 'loading' ? (
          <p>{t('loading')}</p>
        ) : 'passwordDue' in state ? (
          <PasswordForm due onChanged={() => load()} onCancel={logOut} />
        ) : (
          <SessionCtx.Provider value={state}>
            <Router>
              <Route path={`${BASE}/`} component={Home} />
              <Route path={`${BASE}/antrean/:desk`} component={QueuePage} />
              <Route path={`${BASE}/berkas/:id`} component={DossierPage} />
              <Route path={`${BASE}/registrasi`} component={RegisterPage} />
              <Route path={`${BASE}/tanda-terima`} component={ReceiptPage} />
              <Route path={`${BASE}/cari`} component={SearchPage} />
              <Route path={`${BASE}/perbaikan`} component={ReturnedPage} />
              <Route path={`${BASE}/permohonan-daring`} component={DraftsPage} />
              <Route path={`${BASE}/permohonan-daring/:id`} component={DraftPage} />
              <Route path={`${BASE}/dasbor`} component={DashboardPage} />
              <Route path={`${BASE}/petugas`} component={OfficersPage} />
              <Route path={`${BASE}/katalog`} component={CataloguePage} />
              <Route path={`${BASE}/katalog/:code`} component={CataloguePage} />
              <Route path={`${BASE}/hari-libur`} component={HolidaysPage} />
              <Route path={`${BASE}/meja`} component={DesksPage} />
              <Route path={`${BASE}/pindah-versi`} component={BatchMigrationPage} />
              <Route path={`${BASE}/pengaduan`} component={ComplaintsPage} />
              <Route path={`${BASE}/karantina`} component={QuarantinePage} />
              <Route path={`${BASE}/log-akses`} component={AccessLogPage} />
              <Route path={`${BASE}/peringatan`} component={EscalationsPage} />
              <Route path={`${BASE}/rekonsiliasi`} component={ReconciliationPage} />
              <Route path={`${BASE}/akun`} component={AccountPage} />
              <Route path={`${BASE}/ringkasan`} component={AggregatesPage} />
              <Route default component={Home} />
            </Router>
          </SessionCtx.Provider>
        )}
      </main>
    </>
  );
}

function Nav({ s }: { s: Session }) {
  const { t } = useLang();
  const { route } = useLocation();
  const [q, setQ] = useState('');
  const o = s.officer;
  const unread = useUnreadEscalations(o.role === 'supervisor');
  const supervises = o.role === 'supervisor' || o.role === 'admin';
  // An overseer reads the figures across MPPs, and nothing else.
  if (o.role === 'overseer')
    return (
      <nav aria-label={t('home')}>
        <a href={`${BASE}/ringkasan`}>{t('aggregates')}</a>
      </nav>
    );
  return (
    <nav aria-label={t('home')}>
      <a href={`${BASE}/`}>{t('queues')}</a>
      {(o.role === 'front-desk' || o.role === 'admin') && <a href={`${BASE}/registrasi`}>{t('register')}</a>}
      {supervises && (
        // The supervisor's pages under one word, so the header stays one row at 1024 px.
        <Menu label={t('oversight')}>
          <a href={`${BASE}/dasbor`}>{t('dashboard')}</a>
          <a href={`${BASE}/katalog`}>{t('catalogue')}</a>
          <a href={`${BASE}/hari-libur`}>{t('holidays')}</a>
          <a href={`${BASE}/meja`}>{t('desksAndUnits')}</a>
          <a href={`${BASE}/pindah-versi`}>{t('batchMigration')}</a>
          {o.role === 'supervisor' && <a href={`${BASE}/pengaduan`}>{t('complaints')}</a>}
          {o.role === 'supervisor' && <a href={`${BASE}/rekonsiliasi`}>{t('reconciliation')}</a>}
          {o.role === 'supervisor' && <a href={`${BASE}/log-akses`}>{t('accessLog')}</a>}
        </Menu>
      )}
      {o.role === 'supervisor' && (
        <a href={`${BASE}/peringatan`} class={unread ? 'badge-link' : undefined}>
          {unread ? t('escalationsUnread', { count: String(unread) }) : t('escalations')}
        </a>
      )}
      {o.role === 'admin' && <a href={`${BASE}/petugas`}>{t('officers')}</a>}
      <form
        role="search"
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          if (q.trim().length >= 2) route(`${BASE}/cari?q=${encodeURIComponent(q.trim())}`);
        }}
      >
        <label>
          <span class="sr">{t('search')}</span>
          <input
            type="search"
            value={q}
            onInput={(e) => setQ(e.currentTarget.value)}
            placeholder={t('searchPlaceholder')}
            minLength={2}
            maxLength={80}
          />
        </label>
        <button type="submit">{t('search')}</button>
      </form>
    </nav>
  );
}
