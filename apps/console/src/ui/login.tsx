import { useEffect, useState } from 'preact/hooks';
import { ERROR_TEXT } from '../i18n/catalogue.js';
import { api, session } from './api.js';
import type { SignedOutReason } from './app.js';
import { Alert, useLang } from './i18n.js';

/** The sign-in form, saying why it shows when a session ended (expired, password changed elsewhere, signed out in another tab). */
export function Login({ onIn, reason }: { onIn: () => Promise<void>; reason: SignedOutReason }) {
  const { t, tx, failure } = useLang();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // The MPPs of the deployment: asked only when there is more than one; the last one chosen here is offered first.
  const [tenants, setTenants] = useState<{ code: string; name: string }[]>([]);
  useEffect(() => {
    api<{ code: string; name: string }[]>('GET', '/tenants')
      .then((r) => setTenants(r.data))
      .catch(() => setTenants([]));
  }, []);
  const lastTenant = localStorage.getItem('berkas.tenant') ?? undefined;
  return (
    <section class="card narrow">
      <h1>{t('logIn')}</h1>
      {reason !== 'none' && !error && (
        <p role="status" class="notice">
          {reason === 'elsewhere' ? t('signedOutElsewhere') : tx(ERROR_TEXT['AUTH.SESSION_ENDED'])}
        </p>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setBusy(true);
          setError('');
          try {
            const tenant = tenants.length > 1 ? String(f.get('tenant')) : undefined;
            const r = await api<{ accessToken: string }>('POST', '/auth/login', {
              ...(tenant ? { tenant } : {}),
              username: f.get('username'),
              password: f.get('password'),
            });
            if (tenant) localStorage.setItem('berkas.tenant', tenant);
            session.set(r.data.accessToken);
            await onIn();
          } catch (err) {
            setError(failure(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        {tenants.length > 1 && (
          <label>
            {t('tenant')}
            <select name="tenant" required>
              {tenants.map((x) => (
                <option key={x.code} value={x.code} selected={x.code === lastTenant}>
                  {x.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t('username')}
          <input name="username" autoComplete="username" required maxLength={60} autoCapitalize="none" />
        </label>
        <label>
          {t('password')}
          <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
        </label>
        <Alert message={error} />
        <button type="submit" disabled={busy}>
          {t('logIn')}
        </button>
      </form>
      <p class="hint">{t('forgotPassword')}</p>
    </section>
  );
}
