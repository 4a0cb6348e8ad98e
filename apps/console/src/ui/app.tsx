import { LocationProvider, Route, Router, useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ROLE_TEXT } from '../i18n/catalogue.js';
import { api, session, whenUnauthorized, type Officer, type ServiceDefinition } from './api.js';
import { ComplaintsPage } from './complaints.js';
import { QuarantinePage } from './quarantine.js';
import { DashboardPage } from './dashboard.js';
import { DossierPage } from './dossier/page.js';
import { OfficersPage } from './officers.js';
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

function Shell() {
  const { t, lang, setLang } = useLang();
  const [state, setState] = useState<Session | null | 'loading'>(session.token ? 'loading' : null);
  const logOut = () => {
    session.set(null);
    setState(null);
  };
  whenUnauthorized(logOut);
  const load = async () => {
    const [me, services, desks, colleagues] = await Promise.all([
      api<Officer>('GET', '/me'),
      api<ServiceDefinition[]>('GET', '/services'),
      api<{ id: string; name: { id: string; en: string } }[]>('GET', '/desks'),
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
  useEffect(() => {
    if (state === 'loading') load().catch(logOut);
  }, []);

  return (
    <>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <a class="brand" href={`${BASE}/`}>
          {t('appName')}
        </a>
        {state && state !== 'loading' && <Nav s={state} />}
        <button type="button" class="link" onClick={() => setLang(lang === 'id' ? 'en' : 'id')} lang={lang === 'id' ? 'en' : 'id'}>
          {t('language')}
        </button>
        {state && state !== 'loading' && (
          <button type="button" class="secondary" onClick={logOut}>
            {t('logOut')}
          </button>
        )}
      </header>
      <main id="main">
        {state === null ? (
          <Login onIn={() => load()} />
        ) : state === 'loading' ? (
          <p>{t('loading')}</p>
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
              <Route path={`${BASE}/dasbor`} component={DashboardPage} />
              <Route path={`${BASE}/petugas`} component={OfficersPage} />
              <Route path={`${BASE}/pengaduan`} component={ComplaintsPage} />
              <Route path={`${BASE}/karantina`} component={QuarantinePage} />
              <Route path={`${BASE}/log-akses`} component={AccessLogPage} />
              <Route path={`${BASE}/peringatan`} component={EscalationsPage} />
              <Route path={`${BASE}/rekonsiliasi`} component={ReconciliationPage} />
              <Route default component={Home} />
            </Router>
          </SessionCtx.Provider>
        )}
      </main>
    </>
  );
}

function Nav({ s }: { s: Session }) {
  const { t, tx } = useLang();
  const { route } = useLocation();
  const [q, setQ] = useState('');
  const o = s.officer;
  const unread = useUnreadEscalations(o.role === 'supervisor');
  return (
    <nav aria-label={t('home')}>
      <span class="who">{t('loggedInAs', { name: o.name, role: tx(ROLE_TEXT[o.role]) })}</span>
      <a href={`${BASE}/`}>{t('queues')}</a>
      {(o.role === 'front-desk' || o.role === 'admin') && <a href={`${BASE}/registrasi`}>{t('register')}</a>}
      {(o.role === 'supervisor' || o.role === 'admin') && <a href={`${BASE}/dasbor`}>{t('dashboard')}</a>}
      {o.role === 'supervisor' && <a href={`${BASE}/pengaduan`}>{t('complaints')}</a>}
      {o.role === 'supervisor' && <a href={`${BASE}/log-akses`}>{t('accessLog')}</a>}
      {o.role === 'supervisor' && <a href={`${BASE}/rekonsiliasi`}>{t('reconciliation')}</a>}
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
