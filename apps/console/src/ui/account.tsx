import { useState } from 'preact/hooks';
import { ROLE_TEXT } from '../i18n/catalogue.js';
import { api, session } from './api.js';
import { Menu } from './menu.js';
import { Alert, useLang } from './i18n.js';
import { BASE, useSession, type Session } from './session.js';

/** The officer's name in the header, opening what concerns the account: role, password, signing out. */
export function AccountMenu({ s }: { s: Session }) {
  const { t, tx } = useLang();
  return (
    <Menu
      class="account"
      label={
        <>
          <span class="sr">{t('accountOf')} </span>
          {s.officer.name}
        </>
      }
    >
      <p class="who">{t('loggedInAs', { name: s.officer.name, role: tx(ROLE_TEXT[s.officer.role]) })}</p>
      <a href={`${BASE}/akun`}>{t('myAccount')}</a>
      <button type="button" class="secondary" onClick={s.logOut}>
        {t('logOut')}
      </button>
    </Menu>
  );
}

/**
 * Choosing a password: the officer's own at first sign-in (`due`: an
 * administrator set the one they signed in with), or a change at any time.
 * The server ends every other session of the account; this tab and the
 * officer's other tabs in this browser carry on with the new token.
 */
export function PasswordForm({
  due,
  onChanged,
  onCancel,
}: {
  due?: boolean;
  onChanged: () => Promise<void> | void;
  onCancel?: () => void;
}) {
  const { t, failure } = useLang();
  const [error, setError] = useState('');
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  return (
    <section class={due ? 'card narrow' : 'card'}>
      <h2>{t(due ? 'choosePassword' : 'changePassword')}</h2>
      <p class="hint">{t(due ? 'choosePasswordWhy' : 'changePasswordEffect')}</p>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const form = e.currentTarget;
          const f = new FormData(form);
          const current = String(f.get('current'));
          const next = String(f.get('next'));
          setDone(false);
          if (next.length < 10) return setError(t('passwordTooShort'));
          if (next === current) return setError(t('passwordSame'));
          if (next !== String(f.get('repeat'))) return setError(t('passwordsDiffer'));
          setBusy(true);
          try {
            const r = await api<{ accessToken: string }>('POST', '/me/password', { currentPassword: current, newPassword: next });
            session.renew(r.data.accessToken);
            setError('');
            form.reset();
            setDone(true);
            await onChanged();
          } catch (err) {
            setError(failure(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <label>
          {t(due ? 'temporaryPassword' : 'currentPassword')}
          <input name="current" type="password" autoComplete="current-password" required maxLength={200} />
        </label>
        <label>
          {t('newPassword')}
          <input name="next" type="password" autoComplete="new-password" required minLength={10} maxLength={200} />
        </label>
        <label>
          {t('repeatPassword')}
          <input name="repeat" type="password" autoComplete="new-password" required minLength={10} maxLength={200} />
        </label>
        <Alert message={error} />
        {done && (
          <p role="status" class="ok">
            {t('passwordChanged')}
          </p>
        )}
        <div class="action-list">
          <button type="submit" disabled={busy}>
            {t('savePassword')}
          </button>
          {onCancel && (
            <button type="button" class="secondary" onClick={onCancel}>
              {t('logOut')}
            </button>
          )}
        </div>
      </form>
    </section>
  );
}

/** The signed-in officer's account: who they are here, their password, and ending every session at once. */
export function AccountPage() {
  const { t, tx, failure } = useLang();
  const s = useSession();
  const [error, setError] = useState('');
  return (
    <section>
      <h1>{t('myAccount')}</h1>
      <dl>
        <dt>{t('officerName')}</dt>
        <dd>{s.officer.name}</dd>
        <dt>{t('role')}</dt>
        <dd>{tx(ROLE_TEXT[s.officer.role])}</dd>
        <dt>{t('atDesk')}</dt>
        <dd>{s.officer.desks.map((d) => tx(d.name)).join(', ') || '—'}</dd>
      </dl>
      <PasswordForm onChanged={() => undefined} />
      <section class="card">
        <h2>{t('signOutEverywhere')}</h2>
        <p class="hint">{t('signOutEverywhereWhy')}</p>
        <Alert message={error} />
        <button
          type="button"
          class="danger"
          onClick={async () => {
            try {
              await api('POST', '/me/sign-out-everywhere');
              s.logOut();
            } catch (e) {
              setError(failure(e));
            }
          }}
        >
          {t('signOutEverywhere')}
        </button>
      </section>
    </section>
  );
}
