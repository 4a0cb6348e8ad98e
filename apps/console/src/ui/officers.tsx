import { useEffect, useRef, useState } from 'preact/hooks';
import { ROLE_TEXT } from '../i18n/catalogue.js';
import { api, ApiError, type Officer } from './api.js';
import { useSession } from './session.js';
import { Alert, useLang } from './i18n.js';
import { DataTable } from './data-table.js';

interface Account {
  officerId: string;
  username: string;
  name: string;
  role: Officer['role'];
  desks: string[];
  active: boolean;
  mustChangePassword: boolean;
  oversees?: string;
}
const ROLES: Officer['role'][] = ['front-desk', 'processor', 'supervisor', 'admin'];

/**
 * The home MPP's administrators of a deployment serving several also make overseers (D54), for one province or all:
 * the provinces its MPPs are in, or null where they may not.
 */
function useOverseerProvinces(tenant: string | undefined): string[] | null {
  const [provinces, setProvinces] = useState<string[] | null>(null);
  useEffect(() => {
    api<{ code: string; home: boolean; province: string | null }[]>('GET', '/tenants')
      .then(({ data }) => {
        const home = data.find((t) => t.home);
        if (data.length > 1 && home && home.code === tenant)
          setProvinces([...new Set(data.flatMap((t) => (t.province ? [t.province] : [])))].sort());
      })
      .catch(() => undefined);
  }, [tenant]);
  return provinces;
}

/** The desks to tick for an account. */
function DeskBoxes({ chosen }: { chosen: string[] }) {
  const { t, tx } = useLang();
  const { deskNames } = useSession();
  return (
    <fieldset>
      <legend>{t('atDesk')}</legend>
      {[...deskNames.keys()].map((d) => (
        <label class="check" key={d}>
          <input type="checkbox" name="desks" value={d} defaultChecked={chosen.includes(d)} />
          {tx(deskNames.get(d))}
        </label>
      ))}
    </fieldset>
  );
}

/** Administrators: officer accounts, their desks, deactivation. Changes apply on the officer's next request. */
export function OfficersPage() {
  const { t, tx, failure } = useLang();
  const { deskNames, officer: me } = useSession();
  const [accounts, setAccounts] = useState<Account[] | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [editing, setEditing] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<{ kind: 'deactivate' | 'reset'; account: Account } | null>(null);
  const [temporary, setTemporary] = useState<{ name: string; password: string } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const provinces = useOverseerProvinces(me.tenant);
  const [newRole, setNewRole] = useState<Officer['role']>('front-desk');
  const load = () =>
    api<Account[]>('GET', '/officers')
      .then((r) => setAccounts(r.data))
      .catch((e: unknown) => setError(failure(e)));
  useEffect(() => void load(), []);
  const explain = (e: unknown) => (e instanceof ApiError && e.problem.status === 409 ? t('usernameTaken') : failure(e));
  const save = async (officerId: string, change: Partial<Account> & { password?: string }) => {
    try {
      await api('PATCH', `/officers/${officerId}`, change);
      setNotice(t('done'));
      setTemporary(null);
      setError('');
      setEditing(null);
      await load();
    } catch (e) {
      setError(explain(e));
    }
  };
  const ask = (kind: 'deactivate' | 'reset', account: Account) => {
    setConfirming({ kind, account });
    queueMicrotask(() => dialog.current?.showModal());
  };
  // The temporary password is shown once, here: the server keeps only its hash.
  const reset = async (a: Account) => {
    try {
      const r = await api<{ temporaryPassword: string }>('POST', `/officers/${a.officerId}/password-reset`);
      setTemporary({ name: a.name, password: r.data.temporaryPassword });
      setNotice('');
      setError('');
      await load();
    } catch (e) {
      setError(failure(e));
    }
  };
  return (
    <section>
      <h1>{t('officers')}</h1>
      <Alert message={error} />
      {temporary && (
        <div role="status" class="card temporary-password">
          <p>
            {t('temporaryPasswordFor', { name: temporary.name })} <code>{temporary.password}</code>
          </p>
          <p class="hint">{t('temporaryPasswordNote')}</p>
        </div>
      )}
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      {accounts && (
        <DataTable
          rows={accounts}
          rowKey={(a) => a.officerId}
          columns={[
            { header: 'officerName', cell: (a) => a.name },
            { header: 'username', cell: (a) => a.username },
            { header: 'role', cell: (a) => tx(ROLE_TEXT[a.role]) },
            {
              header: 'atDesk',
              // An overseer has no desk: the province they oversee (or every MPP) stands here instead.
              cell: (a) =>
                a.role === 'overseer' ? (
                  `${t('oversees')}: ${a.oversees ?? t('oversesEveryMpp')}`
                ) : (
                  <>
                    {editing === a.officerId ? (
                      <form
                        onSubmit={(e) => {
                          e.preventDefault();
                          void save(a.officerId, { desks: new FormData(e.currentTarget).getAll('desks').map(String) });
                        }}
                      >
                        <DeskBoxes chosen={a.desks} />
                        <button type="submit">{t('saveDesks')}</button>
                      </form>
                    ) : (
                      a.desks.map((d) => tx(deskNames.get(d))).join(', ') || '—'
                    )}
                  </>
                ),
            },
            {
              header: 'status',
              cell: (a) =>
                a.active && a.mustChangePassword ? `${t('active')}; ${t('awaitingOwnPassword')}` : t(a.active ? 'active' : 'inactive'),
            },
            {
              header: 'actions',
              cell: (a) => (
                <div class="action-list">
                  {a.role !== 'overseer' && (
                    <button type="button" class="secondary" onClick={() => setEditing(editing === a.officerId ? null : a.officerId)}>
                      {t('changeDesks')}
                    </button>
                  )}
                  {a.active && a.officerId !== me.officerId && (
                    <button type="button" class="secondary" onClick={() => ask('reset', a)}>
                      {t('resetPassword')}
                    </button>
                  )}
                  {a.active && a.officerId !== me.officerId && (
                    <button type="button" class="danger" onClick={() => ask('deactivate', a)}>
                      {t('deactivate')}
                    </button>
                  )}
                  {!a.active && (
                    <button type="button" class="secondary" onClick={() => void save(a.officerId, { active: true })}>
                      {t('reactivate')}
                    </button>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      <dialog ref={dialog} aria-labelledby="leave-title">
        <h2 id="leave-title">{t('confirmTitle')}</h2>
        <p>{confirming && t(confirming.kind === 'reset' ? 'confirmReset' : 'confirmDeactivate', { name: confirming.account.name })}</p>
        <div class="action-list">
          <button
            type="button"
            class="danger"
            onClick={() => {
              dialog.current?.close();
              if (confirming?.kind === 'deactivate') void save(confirming.account.officerId, { active: false });
              else if (confirming) void reset(confirming.account);
            }}
          >
            {t('confirm')}
          </button>
          <button type="button" class="secondary" onClick={() => dialog.current?.close()}>
            {t('cancel')}
          </button>
        </div>
      </dialog>
      <section class="card">
        <h2>{t('newOfficer')}</h2>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const form = e.currentTarget;
            const f = new FormData(form);
            try {
              await api('POST', '/officers', {
                username: String(f.get('username')).trim(),
                name: String(f.get('name')).trim(),
                role: String(f.get('role')),
                desks: newRole === 'overseer' ? [] : f.getAll('desks').map(String),
                ...(newRole === 'overseer' && f.get('oversees') ? { oversees: String(f.get('oversees')) } : {}),
                password: String(f.get('password')),
              });
              form.reset();
              setNewRole('front-desk');
              setNotice(t('done'));
              setError('');
              await load();
            } catch (err) {
              setError(explain(err));
            }
          }}
        >
          <label>
            {t('username')}
            <input name="username" required pattern="[a-z0-9][a-z0-9._\-]{2,39}" autoComplete="off" />
          </label>
          <label>
            {t('officerName')}
            <input name="name" required minLength={2} maxLength={120} autoComplete="off" />
          </label>
          <label>
            {t('role')}
            <select name="role" onChange={(e) => setNewRole(e.currentTarget.value as Officer['role'])}>
              {[...ROLES, ...(provinces ? (['overseer'] as const) : [])].map((r) => (
                <option key={r} value={r}>
                  {tx(ROLE_TEXT[r])}
                </option>
              ))}
            </select>
          </label>
          {newRole === 'overseer' && provinces ? (
            <label>
              {t('oversees')}
              <select name="oversees">
                <option value="">{t('oversesEveryMpp')}</option>
                {provinces.map((p) => (
                  <option key={p} value={p}>
                    {p}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            <DeskBoxes chosen={[]} />
          )}
          <label>
            {t('initialPassword')}
            <input name="password" type="password" required minLength={10} maxLength={200} autoComplete="new-password" />
          </label>
          <button type="submit">{t('createOfficer')}</button>
        </form>
      </section>
    </section>
  );
}
