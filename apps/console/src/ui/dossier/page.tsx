import { useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { STATUS_TEXT, date, dateTime } from '../../i18n/catalogue.js';
import { api, type Dossier, type ServiceDefinition } from '../api.js';
import { useSession } from '../session.js';
import { Alert, useLang } from '../i18n.js';
import { Actions } from './actions.js';
import { CancelledFees, Documents, FeeTable, Particulars } from './facts.js';
import { RequirementFiles } from './files.js';
import { Notices } from './notices.js';
import { AsOf, Timeline } from './timeline.js';

/** A dossier's page: its facts, the notices sent, what the officer may do, and its history. */

/** Whole days from now to `iso` (negative: late). */
const daysFrom = (iso: string) => Math.ceil((new Date(iso).getTime() - Date.now()) / 86_400_000);

export function DossierPage() {
  const { params } = useRoute();
  const { t, tx, lang, failure } = useLang();
  const { services, officer } = useSession();
  const [d, setD] = useState<Dossier | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  /** The event whose aftermath is shown (time travel), or null for now. */
  const [then, setThen] = useState<number | null>(null);
  /** The versions of the dossier's service, once it follows one that is not the newest (its steps are that version's). */
  const [versions, setVersions] = useState<ServiceDefinition[]>([]);
  /** Reads the dossier; after a command, until the read side shows the version it produced (it follows within moments). */
  const load = async (atLeast = 0) => {
    try {
      for (let tries = 0; ; tries++) {
        const fresh = (await api<Dossier>('GET', `/dossiers/${encodeURIComponent(params.id)}`)).data;
        if (fresh.version >= atLeast || tries >= 50) {
          setD(fresh);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
      setError('');
    } catch (e) {
      setError(failure(e));
    }
  };
  useEffect(() => {
    setD(null);
    setNotice('');
    setThen(null);
    void load();
  }, [params.id]);

  const newest = d ? services.find((s) => s.code === d.service.code) : undefined;
  const older = !!d && !!newest && newest.version !== d.service.version;
  useEffect(() => {
    if (!older || versions.some((v) => v.code === d.service.code)) return;
    api<ServiceDefinition[]>(
      'GET',
      `/services/${encodeURIComponent(d.service.code)}/versions?tenant=${encodeURIComponent(officer.tenant ?? '')}`,
    )
      .then((r) => setVersions(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, [older, d?.service.code]);

  if (!d)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p>{t('loading')}</p>
    );
  const definition = older ? (versions.find((v) => v.code === d.service.code && v.version === d.service.version) ?? newest) : newest;
  const left = (iso: string) => {
    const days = daysFrom(iso);
    return days >= 0 ? t('daysLeft', { days }) : t('daysLate', { days: -days });
  };
  return (
    <article>
      <h1>
        {d.registrationNumber} · {tx(d.service.name)}
      </h1>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      <div class="columns">
        <section class="card">
          <dl>
            <dt>{t('applicant')}</dt>
            <dd>
              {d.applicant.name}
              {d.applicant.nib && <small class="block">NIB {d.applicant.nib}</small>}
              {[d.applicant.phone, d.applicant.email].filter(Boolean).map((c) => (
                <small key={c} class="block">
                  {c}
                </small>
              ))}
              <small class="block">
                {t('notices')}:{' '}
                {d.applicant.notices
                  ? t('noticesYes', { language: t(d.applicant.language === 'en' ? 'english' : 'bahasa') })
                  : t('noticesNo')}
              </small>
            </dd>
            <dt>{t('status')}</dt>
            <dd>
              {tx(STATUS_TEXT[d.publicStatus as keyof typeof STATUS_TEXT])}
              {d.overdue && <span class="badge late">{t('overdue')}</span>}
            </dd>
            {d.clockPause && (
              <>
                <dt>{t('clock')}</dt>
                <dd class="clock">
                  {d.clockPause.stops
                    ? t('clockStopped', { since: date(d.clockPause.since, lang), days: d.clockPause.workingDaysSoFar })
                    : t('clockRunning', { since: date(d.clockPause.since, lang) })}
                </dd>
              </>
            )}
            {!d.clockPause && d.correction?.resubmittedAt && (d.correction.pausedWorkingDays ?? 0) > 0 && (
              <>
                <dt>{t('clock')}</dt>
                <dd class="clock">
                  {t('clockAdded', {
                    days: d.correction.pausedWorkingDays!,
                    from: date(d.correction.returnedAt, lang),
                    to: date(d.correction.resubmittedAt, lang),
                  })}
                </dd>
              </>
            )}
            {d.step && (
              <>
                <dt>{t('step')}</dt>
                <dd>{tx(d.step.label)}</dd>
                <dt>{t('timeLeftStep')}</dt>
                <dd>
                  {left(d.step.due.dueAt)} ({dateTime(d.step.due.dueAt, lang)})
                </dd>
              </>
            )}
            <dt>{t('timeLeftAll')}</dt>
            <dd>
              {left(d.due.dueAt)} ({date(d.due.dueAt, lang)}
              {d.due.provisional ? `; ${t('provisional')}` : ''})
            </dd>
            {d.rejectionRecommended && d.lifecycle === 'in-process' && (
              <>
                <dt>{t('decision')}</dt>
                <dd>{t('rejectionRecommended')}</dd>
              </>
            )}
            {d.correction && d.lifecycle === 'returned' && (
              <>
                <dt>{t('reasons')}</dt>
                <dd>
                  <ul>
                    {d.correction.reasons.map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                </dd>
              </>
            )}
          </dl>
          {definition && <Particulars d={d} definition={definition} />}
          {definition && (
            <RequirementFiles
              d={d}
              definition={definition}
              onChanged={(version) => {
                setError('');
                void load(version).then(() => setNotice(t('fileAttached')));
              }}
              onError={(msg) => {
                setNotice('');
                setError(msg);
              }}
            />
          )}
          {d.fee && <FeeTable fee={d.fee} lang={lang} />}
          {d.cancelledFees && d.cancelledFees.length > 0 && <CancelledFees fees={d.cancelledFees} />}
          <Documents d={d} onError={setError} />
        </section>
        <Actions
          d={d}
          definition={definition}
          onDone={(msg, version) => {
            setError('');
            // "Saved" is said once the page shows what the command produced, never over the state before it.
            void load(version).then(() => setNotice(msg));
          }}
          onStart={() => {
            setNotice('');
            setError('');
          }}
          onError={(msg) => {
            setNotice('');
            setError(msg);
          }}
        />
      </div>
      <Notices dossierId={d.dossierId} version={d.version} />
      {then !== null && <AsOf dossierId={d.dossierId} version={then} onClose={() => setThen(null)} />}
      <Timeline history={d.history} definition={definition} onView={setThen} />
    </article>
  );
}
