import { useEffect, useState } from 'preact/hooks';
import { dateTime, type Text } from '../i18n/catalogue.js';
import { api } from './api.js';
import type { Escalation } from '#berkas/read-models/views';
import { BASE, useSession } from './session.js';
import { Alert, useLang } from './i18n.js';

const KIND_TEXT: Record<Escalation['kind'], Text> = {
  'due-soon': { id: 'Mendekati tenggat tahap', en: 'Step due soon' },
  overdue: { id: 'Melewati tenggat tahap', en: 'Step overdue' },
  'fiktif-positif-tomorrow': {
    id: 'Besok dianggap disetujui (fiktif positif) bila belum diputuskan',
    en: 'Deemed approved tomorrow (fiktif positif) unless decided',
  },
};

/** How many notices wait unread, for the navigation's badge; refreshed every minute. */
export function useUnreadEscalations(enabled: boolean): number {
  const [unread, setUnread] = useState(0);
  useEffect(() => {
    if (!enabled) return;
    const look = () =>
      api<{ unread: number }>('GET', '/escalations?unread=true')
        .then((r) => setUnread(r.data.unread))
        .catch(() => undefined);
    void look();
    const timer = setInterval(look, 60_000);
    return () => clearInterval(timer);
  }, [enabled]);
  return unread;
}

/**
 * The supervisors' notice centre (issue 20: nothing warned a supervisor
 * before or when a step passed its due date): deadlines near, passed, and
 * fiktif positif tomorrow, newest first; each opens its dossier and is marked
 * read by whoever dealt with it.
 */
export function EscalationsPage() {
  const { t, tx, lang, failure } = useLang();
  const { names, deskNames } = useSession();
  const [unreadOnly, setUnreadOnly] = useState(true);
  const [list, setList] = useState<{ items: Escalation[]; unread: number } | null>(null);
  const [error, setError] = useState('');
  const load = () =>
    api<{ items: Escalation[]; unread: number }>('GET', `/escalations${unreadOnly ? '?unread=true' : ''}`)
      .then((r) => setList(r.data))
      .catch((e: unknown) => setError(failure(e)));
  useEffect(() => void load(), [unreadOnly]);
  const markRead = async (id: string) => {
    try {
      await api('POST', '/escalations/read', { id });
      await load();
    } catch (e) {
      setError(failure(e));
    }
  };
  const deskName = (id: string) => tx(deskNames.get(id) ?? { id, en: id });
  return (
    <section>
      <h1>{t('escalations')}</h1>
      <p>{t('escalationsIntro')}</p>
      <label class="check">
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
        {t('escalationsUnreadOnly')}
      </label>
      <Alert message={error} />
      {!list ? (
        <p>{t('loading')}</p>
      ) : !list.items.length ? (
        <p role="status">{t('escalationsNone')}</p>
      ) : (
        <table aria-label={t('escalations')}>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('dossier')}</th>
              <th scope="col">{t('escalationWhat')}</th>
              <th scope="col">{t('escalationDue')}</th>
              <th scope="col">{t('escalationState')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((e) => (
              <tr key={e.id} class={e.kind === 'due-soon' ? '' : 'late'}>
                <td>{dateTime(e.createdAt, lang)}</td>
                <td>
                  <a href={`${BASE}/berkas/${e.dossierId}`}>{e.registrationNumber}</a>
                  <br />
                  <small>{tx(e.service.name)}</small>
                </td>
                <td>
                  {tx(KIND_TEXT[e.kind])}
                  {e.step && (
                    <>
                      <br />
                      <small>
                        {tx(e.step.label)}
                        {e.desks.length > 0 && ` · ${e.desks.map(deskName).join(', ')}`}
                      </small>
                    </>
                  )}
                </td>
                <td>{dateTime(e.dueAt, lang)}</td>
                <td>
                  {e.current ? t('escalationStill') : t('escalationMoved')}
                  <br />
                  {e.read ? (
                    <small>{t('escalationReadBy', { name: names.get(e.read.by) ?? e.read.by, when: dateTime(e.read.at, lang) })}</small>
                  ) : (
                    <button type="button" class="secondary" onClick={() => void markRead(e.id)}>
                      {t('escalationMarkRead')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
