import { Fragment } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { EVENT_TEXT, STATUS_TEXT, SYSTEM_ACTOR_TEXT, dateTime, rupiah, type Lifecycle } from '../../i18n/catalogue.js';
import { api, type HistoryEntry, type ServiceDefinition } from '../api.js';
import { useSession } from '../session.js';
import { Alert, useLang } from '../i18n.js';

/** The dossier's history, and the dossier as it stood after any one event (time travel). */
export function Timeline({
  history,
  definition,
  onView,
}: {
  history: HistoryEntry[];
  definition: ServiceDefinition | undefined;
  onView: (version: number) => void;
}) {
  const { t, tx, lang } = useLang();
  const { names, deskNames } = useSession();
  const stepLabel = (id: unknown) => tx(definition?.steps.find((s) => s.id === id)?.label);
  return (
    <section>
      <h2>{t('timeline')}</h2>
      <ol class="timeline">
        {[...history].reverse().map((h) => {
          const data = h.data;
          const details: string[] = [];
          if (typeof data.stepId === 'string' && stepLabel(data.stepId)) details.push(stepLabel(data.stepId));
          if (typeof data.desk === 'string') details.push(tx(deskNames.get(data.desk)));
          // Issue 23: where a send-back or repair took it, the steps a branch passed by, the versions of a migration.
          if (typeof data.toStepId === 'string') details.push(t('toStepNamed', { step: stepLabel(data.toStepId) || data.toStepId }));
          if (Array.isArray(data.skipped) && data.skipped.length)
            details.push(t('stepsPassedBy', { steps: (data.skipped as string[]).map((id) => stepLabel(id) || id).join(', ') }));
          const from = data.from as { version?: number } | undefined;
          const to = data.to as { version?: number } | undefined;
          if (typeof from?.version === 'number' && typeof to?.version === 'number')
            details.push(t('versionFromTo', { from: from.version, to: to.version }));
          if (typeof data.positive === 'boolean') details.push(t(data.positive ? 'recommendPositive' : 'recommendNegative'));
          if (typeof data.draft === 'string') details.push(t('fromOnlineApplication', { number: data.draft }));
          for (const key of ['note', 'findings', 'reason', 'receivedBy'])
            if (typeof data[key] === 'string' && data[key]) details.push(String(data[key]));
          if (typeof data.total === 'number') details.push(`${t('total')}: ${rupiah(data.total, lang)}`);
          if (typeof data.amount === 'number') details.push(rupiah(data.amount, lang));
          for (const key of ['skrdNumber', 'permitNumber', 'letterNumber', 'reportNumber'])
            if (typeof data[key] === 'string' && data[key]) details.push(String(data[key]));
          const reasons = Array.isArray(data.reasons) ? (data.reasons as string[]) : [];
          const type = h.type as keyof typeof EVENT_TEXT;
          return (
            <li key={h.version}>
              <time dateTime={h.at}>{dateTime(h.at, lang)}</time>
              <strong>{EVENT_TEXT[type] ? tx(EVENT_TEXT[type]) : '—'}</strong>
              {h.officerId && (
                <span class="by">
                  {t('by', {
                    officer: names.get(h.officerId) ?? (SYSTEM_ACTOR_TEXT[h.officerId] ? tx(SYSTEM_ACTOR_TEXT[h.officerId]) : '—'),
                  })}
                </span>
              )}
              {details.length > 0 && <span class="details">{details.filter(Boolean).join(' · ')}</span>}
              {reasons.length > 0 && (
                <ul>
                  {reasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              )}
              <button type="button" class="link" onClick={() => onView(h.version)}>
                {t('viewThen')}
              </button>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

interface AsOfState {
  version: number;
  latestVersion: number;
  at: string;
  event: string;
  lifecycle: Lifecycle;
  publicStatus: string;
  step: { label: { id: string; en: string } } | null;
  holders: Record<string, string>;
  fee: { total: number; paid: number; outstanding: number } | null;
  decision: { approved: boolean } | null;
}

/** The dossier as it was just after one event, folded from the event log (time travel). */
export function AsOf({ dossierId, version, onClose }: { dossierId: string; version: number; onClose: () => void }) {
  const { t, tx, lang, failure } = useLang();
  const { names, deskNames } = useSession();
  const [s, setS] = useState<AsOfState | null>(null);
  const [error, setError] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    setS(null);
    api<AsOfState>('GET', `/dossiers/${dossierId}/versions/${version}`)
      .then((r) => setS(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, [dossierId, version]);
  useEffect(() => heading.current?.focus(), [s]);
  return (
    <section class="card asof" aria-live="polite">
      <Alert message={error} />
      {s && (
        <>
          <h2 ref={heading} tabIndex={-1}>
            {t('asOfTitle', { at: dateTime(s.at, lang), event: tx(EVENT_TEXT[s.event as keyof typeof EVENT_TEXT]) })}
          </h2>
          <p>{t('asOfVersion', { version: s.version, latest: s.latestVersion })}</p>
          <dl>
            <dt>{t('status')}</dt>
            <dd>{tx(STATUS_TEXT[s.publicStatus as keyof typeof STATUS_TEXT])}</dd>
            {s.step && (
              <>
                <dt>{t('step')}</dt>
                <dd>{tx(s.step.label)}</dd>
              </>
            )}
            {Object.entries(s.holders).map(([desk, officer]) => (
              <Fragment key={desk}>
                <dt>
                  {t('holders')} ({tx(deskNames.get(desk))})
                </dt>
                <dd>{names.get(officer) ?? '—'}</dd>
              </Fragment>
            ))}
            {s.fee && (
              <>
                <dt>{t('fee')}</dt>
                <dd>
                  {rupiah(s.fee.total, lang)} · {t('outstanding')}: {rupiah(s.fee.outstanding, lang)}
                </dd>
              </>
            )}
          </dl>
        </>
      )}
      <button type="button" class="secondary" onClick={onClose}>
        {t('backToNow')}
      </button>
    </section>
  );
}

/** What a supervisor does with a dossier stuck at a desk: hand it to another officer there, or release it. */
