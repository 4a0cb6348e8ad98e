import { useEffect, useRef, useState } from 'preact/hooks';
import { ERROR_TEXT, type ErrorCode } from '../i18n/catalogue.js';
import { api, type ServiceDefinition } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ReasonField, useReasonProblem } from './reason-field.js';
import { StepOptions, VersionSelect } from './dossier/migration.js';
import { DataTable } from './data-table.js';
import { Alert, useLang } from './i18n.js';
import { BASE, useSession } from './session.js';

/** What POST /api/migrations answers. */
interface BatchAnswer {
  batch: string;
  mode: 'preview' | 'run';
  matched: number;
  items: {
    dossierId: string;
    registrationNumber: string;
    ok: boolean;
    preview?: { to: { version: number; label: { id: string; en: string } } };
    refused?: { code: string; message: string };
  }[];
}

/**
 * Issue 23: a supervisor moves the MPP's running dossiers of one version of a service (at one step, if chosen) to
 * another version: previewed first (each dossier, the step it would be at, or why it cannot be moved), then run after a
 * confirmation. Each dossier is its own command; one that cannot be moved stays as it was.
 */
export function BatchMigrationPage() {
  const { t, tx, lang, failure } = useLang();
  const { services, officer } = useSession();
  const [service, setService] = useState(services[0]?.code ?? '');
  const [versions, setVersions] = useState<ServiceDefinition[]>([]);
  const [fromVersion, setFromVersion] = useState(0);
  const [toVersion, setToVersion] = useState(0);
  const [stepId, setStepId] = useState('');
  /** Where the chosen step goes in the new version ('': the step of the same id, as the API maps unmapped steps). */
  const [toStepId, setToStepId] = useState('');
  const [reason, setReason] = useState('');
  const [answer, setAnswer] = useState<BatchAnswer | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonProblem = useReasonProblem();
  useEffect(() => {
    setAnswer(null);
    api<ServiceDefinition[]>('GET', `/services/${encodeURIComponent(service)}/versions?tenant=${encodeURIComponent(officer.tenant ?? '')}`)
      .then((r) => {
        setVersions(r.data);
        const newest = r.data[r.data.length - 1]?.version ?? 0;
        setFromVersion(r.data[r.data.length - 2]?.version ?? newest);
        setToVersion(newest);
        setStepId('');
      })
      .catch((e: unknown) => setError(failure(e)));
  }, [service]);
  const from = versions.find((v) => v.version === fromVersion);
  const to = versions.find((v) => v.version === toVersion);
  const body = (mode: 'preview' | 'run') => ({
    filter: { service, fromVersion, ...(stepId ? { stepId } : {}) },
    toVersion,
    ...(stepId && toStepId ? { stepMapping: { [stepId]: toStepId } } : {}),
    reason: reason.trim(),
    mode,
  });
  const send = async (mode: 'preview' | 'run') => {
    const wrong = reasonProblem(reason);
    if (wrong) return setError(wrong);
    setBusy(true);
    try {
      const r = await api<BatchAnswer>('POST', '/migrations', body(mode));
      setAnswer(r.data);
      setError('');
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  const why = (code: string) => (ERROR_TEXT[code as ErrorCode] ? ERROR_TEXT[code as ErrorCode][lang] : t('cannotBeMoved'));
  const movable = answer?.items.filter((i) => i.ok).length ?? 0;
  return (
    <section>
      <h1>{t('batchMigration')}</h1>
      <p>{t('batchMigrationHint')}</p>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void send('preview');
        }}
      >
        <label for="bm-service">{t('service')}</label>
        <select id="bm-service" value={service} onChange={(e) => setService(e.currentTarget.value)}>
          {services.map((s) => (
            <option key={s.code} value={s.code}>
              {tx(s.name)}
            </option>
          ))}
        </select>
        <label for="bm-from">{t('fromVersion')}</label>
        <VersionSelect
          id="bm-from"
          versions={versions}
          value={fromVersion}
          onChange={(v) => {
            setFromVersion(v);
            setStepId('');
            setAnswer(null);
          }}
        />
        <label for="bm-step">{t('atStepOptional')}</label>
        <select id="bm-step" value={stepId} onChange={(e) => (setStepId(e.currentTarget.value), setToStepId(''), setAnswer(null))}>
          <option value="">{t('everyStep')}</option>
          <StepOptions steps={from?.steps ?? []} />
        </select>
        <label for="bm-to">{t('migrationVersion')}</label>
        <VersionSelect
          id="bm-to"
          versions={versions.filter((v) => v.version !== fromVersion)}
          value={toVersion}
          onChange={(v) => (setToVersion(v), setToStepId(''), setAnswer(null))}
        />
        {stepId && (
          <>
            <label for="bm-to-step">{t('toStepInNewVersion')}</label>
            <select id="bm-to-step" value={toStepId} onChange={(e) => (setToStepId(e.currentTarget.value), setAnswer(null))}>
              <option value="">{t('sameStepId')}</option>
              <StepOptions steps={to?.steps ?? []} />
            </select>
          </>
        )}
        <ReasonField value={reason} onInput={(v) => (setReason(v), setAnswer(null))} />
        <Alert message={error} />
        <button type="submit" class="secondary" disabled={busy || fromVersion === toVersion}>
          {t('previewMigration')}
        </button>
      </form>
      {answer && (
        <section class="card" aria-labelledby="batch-result">
          <h2 id="batch-result">
            {answer.mode === 'run'
              ? t('batchMoved', { moved: movable, matched: answer.matched })
              : t('batchWouldMove', { moved: movable, matched: answer.matched })}
          </h2>
          <DataTable
            label={t('batchMigration')}
            rows={answer.items}
            rowKey={(i) => i.dossierId}
            columns={[
              {
                header: 'registrationNumber',
                cell: (i) => <a href={`${BASE}/berkas/${i.dossierId}`}>{i.registrationNumber}</a>,
                rowHeader: true,
              },
              {
                header: 'batchOutcome',
                cell: (i) =>
                  i.ok && i.preview
                    ? t(answer.mode === 'run' ? 'movedTo' : 'wouldMoveTo', { version: i.preview.to.version, step: tx(i.preview.to.label) })
                    : why(i.refused?.code ?? ''),
              },
            ]}
          />
          {answer.mode === 'preview' && movable > 0 && (
            <button type="button" class="danger" disabled={busy} onClick={() => dialog.current?.showModal()}>
              {t('runBatch', { moved: movable })}
            </button>
          )}
          <ConfirmDialog dialogRef={dialog} id="batch-confirm" busy={busy} danger onConfirm={() => void send('run')}>
            {t('confirmBatch', { moved: movable, version: toVersion })}
          </ConfirmDialog>
        </section>
      )}
    </section>
  );
}
