import { useState } from 'preact/hooks';
import { api, session } from './api.js';
import { Alert, useLang } from './i18n.js';

export function Login({ onIn }: { onIn: () => Promise<void> }) {
  const { t, failure } = useLang();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <section class="card narrow">
      <h1>{t('logIn')}</h1>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const f = new FormData(e.currentTarget);
          setBusy(true);
          setError('');
          try {
            const r = await api<{ accessToken: string }>('POST', '/auth/login', {
              username: f.get('username'),
              password: f.get('password'),
            });
            session.set(r.data.accessToken);
            await onIn();
          } catch (err) {
            setError(failure(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label>
          {t('username')}
          <input name="username" autoComplete="username" required maxLength={60} />
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
    </section>
  );
}
