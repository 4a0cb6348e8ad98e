import { useEffect, useState } from 'preact/hooks';
import { api, type Page, type QueueItem } from './api.js';
import { BASE, useSession } from './session.js';
import { useLang } from './i18n.js';
import { AggregatesPage } from './aggregates.js';

/** The officer's desks with how many dossiers wait at each. */
export function Home() {
  const { officer } = useSession();
  // An overseer's home is the figures across the MPPs they oversee.
  return officer.role === 'overseer' ? <AggregatesPage /> : <Desks />;
}

function Desks() {
  const { t, tx } = useLang();
  const { officer, deskNames } = useSession();
  const desks = officer.role === 'supervisor' || officer.role === 'admin' ? [...deskNames.keys()] : officer.desks.map((d) => d.id);
  const [totals, setTotals] = useState<Record<string, number>>({});
  const counter = officer.role === 'front-desk' || officer.role === 'supervisor' || officer.role === 'admin';
  const [returned, setReturned] = useState<number | undefined>(undefined);
  const oversees = officer.role === 'supervisor' || officer.role === 'admin';
  const [quarantined, setQuarantined] = useState(0);
  // Online applications go to the front desk and to the verifiers of each service's first desk (the API filters).
  const takesDrafts = officer.role === 'front-desk' || officer.role === 'supervisor' || officer.role === 'processor';
  const [drafts, setDrafts] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (oversees)
      api<Page<unknown>>('GET', '/quarantine?limit=1')
        .then((r) => setQuarantined(r.data.total))
        .catch(() => undefined);
    if (takesDrafts)
      api<{ items: unknown[] }>('GET', '/drafts')
        .then((r) => setDrafts(r.data.items.length))
        .catch(() => undefined);
    if (counter)
      api<Page<unknown>>('GET', '/returned?limit=1')
        .then((r) => setReturned(r.data.total))
        .catch(() => undefined);
    for (const desk of desks)
      api<Page<QueueItem>>('GET', `/queues/${desk}?limit=1`)
        .then((r) => setTotals((old) => ({ ...old, [desk]: r.data.total })))
        .catch(() => undefined);
  }, [officer.officerId]);
  return (
    <section>
      {quarantined > 0 && (
        <p role="alert" class="warning">
          <a href={`${BASE}/karantina`}>{t('quarantineWarning', { total: quarantined })}</a>
        </p>
      )}
      <h1>{t('queues')}</h1>
      <ul class="desks">
        {desks.map((desk) => (
          <li key={desk}>
            <a href={`${BASE}/antrean/${desk}`}>
              <strong>{tx(deskNames.get(desk))}</strong>
              <span>{totals[desk] === undefined ? t('loading') : t('waiting', { total: totals[desk] })}</span>
            </a>
          </li>
        ))}
        {/* A verifier sees the tile only when some application waits for their desk; the counter and supervisors always. */}
        {takesDrafts && (officer.role !== 'processor' || (drafts ?? 0) > 0) && (
          <li>
            <a href={`${BASE}/permohonan-daring`}>
              <strong>{t('draftsTitle')}</strong>
              <span>{drafts === undefined ? t('loading') : t('waiting', { total: drafts })}</span>
            </a>
          </li>
        )}
        {counter && (
          <li>
            <a href={`${BASE}/perbaikan`}>
              <strong>{t('returnedQueue')}</strong>
              <span>{returned === undefined ? t('loading') : t('waiting', { total: returned })}</span>
            </a>
          </li>
        )}
      </ul>
    </section>
  );
}
