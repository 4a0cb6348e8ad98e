import { useEffect, useRef, useState } from 'preact/hooks';
import { dateTime, date, parseIdNumber, rupiah } from '../../i18n/catalogue.js';
import { api, type Dossier, type Label, type ServiceDefinition } from '../api.js';
import { Alert, useLang } from '../i18n.js';
import { ConfirmDialog } from '../confirm-dialog.js';
import { ReasonField, useReasonProblem } from '../reason-field.js';
import { useSession } from '../session.js';

/** What the server says a migration would change (POST /api/dossiers/:id/migration/preview). */
interface MigrationPreview {
  from: { version: number; id: string; label: Label; desks: string[]; stepDueAt: string; dueAt: string };
  to: { version: number; id: string; label: Label; desks: string[]; stepDueAt: string; dueAt: string };
  fee: { before?: number; after?: number; kept?: string };
  requirementsMissing: { code: string; label: Label }[];
  skipped?: string[];
}

/**
 * Issue 23: a supervisor moves a running dossier to another published version of its service. The preview comes
 * first (the step it will be at, its due dates and fee before and after, the papers the new version asks for), and
 * only that previewed request is sent, with the dossier's version, after a confirmation.
 */
export function Migration(props: { d: Dossier; busy: boolean; run: (path: string, body: Record<string, unknown>) => Promise<void> }) {
  const { t, tx, lang, failure } = useLang();
  const { officer } = useSession();
  const { d } = props;
  const [versions, setVersions] = useState<ServiceDefinition[]>([]);
  const [toVersion, setToVersion] = useState<number | null>(null);
  const [toStep, setToStep] = useState('');
  const [reason, setReason] = useState('');
  /** What the new version asks that the dossier lacks, as typed (particulars and fee inputs, by code). */
  const [given, setGiven] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ body: Record<string, unknown>; answer: MigrationPreview } | null>(null);
  const [problem, setProblem] = useState('');
  // Closed until asked for: a supervisor's page already holds the reassignment's forms.
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonProblem = useReasonProblem();
  useEffect(() => {
    api<ServiceDefinition[]>(
      'GET',
      `/services/${encodeURIComponent(d.service.code)}/versions?tenant=${encodeURIComponent(officer.tenant ?? '')}`,
    )
      .then((r) => setVersions(r.data))
      .catch((e: unknown) => setProblem(failure(e)));
  }, [d.service.code]);
  const others = versions.filter((v) => v.version !== d.service.version);
  if (!others.length) return null;
  if (!open)
    return (
      <div class="action-list">
        <button type="button" class="secondary" onClick={() => setOpen(true)}>
          {t('migration')}
        </button>
      </div>
    );
  const target = others.find((v) => v.version === toVersion) ?? others[others.length - 1]!;
  // The dossier's step keeps its id where the new version has it; otherwise the supervisor chooses its counterpart.
  const stepId = toStep || (target.steps.some((s) => s.id === d.step?.id) ? (d.step?.id ?? '') : '');
  // What the new version asks that the dossier lacks: required particulars it has no value for, fee inputs it never gave.
  const missingParticulars = (target.particulars ?? []).filter((p) => p.required !== false && d.particulars?.[p.code] === undefined);
  const missingInputs = d.fee ? [] : (target.fee?.inputs ?? []).filter((i) => d.inputs?.[i.code] === undefined);
  const number = (typed: string | undefined) => {
    const parsed = parseIdNumber((typed ?? '').trim());
    return 'problem' in parsed ? undefined : parsed.value;
  };
  const body = () => {
    const particulars = Object.fromEntries(
      missingParticulars.flatMap((p) => {
        const typed = (given[`p:${p.code}`] ?? '').trim();
        if (!typed) return [];
        return [[p.code, p.kind === 'number' ? (number(typed) ?? typed) : typed]];
      }),
    );
    const inputs = Object.fromEntries(
      missingInputs.flatMap((i) => (number(given[`i:${i.code}`]) === undefined ? [] : [[i.code, number(given[`i:${i.code}`])]])),
    );
    return {
      toVersion: target.version,
      reason: reason.trim(),
      ...(d.step && stepId && stepId !== d.step.id ? { stepMapping: { [d.step.id]: stepId } } : {}),
      ...(Object.keys(particulars).length ? { particulars } : {}),
      ...(Object.keys(inputs).length ? { inputs } : {}),
    };
  };
  const give = (key: string, value: string) => {
    setGiven({ ...given, [key]: value });
    setPreview(null);
  };
  const ask = async (e: Event) => {
    e.preventDefault();
    const wrong = reasonProblem(reason);
    if (wrong) return setProblem(wrong);
    if (!stepId) return setProblem(`${t('migrationStep')}: ${t('required')}`);
    setProblem('');
    try {
      const b = body();
      const r = await api<MigrationPreview>('POST', `/dossiers/${d.dossierId}/migration/preview`, b);
      setPreview({ body: b, answer: r.data });
    } catch (err) {
      setPreview(null);
      setProblem(failure(err));
    }
  };
  const fee = (amount: number | undefined) => (amount === undefined ? t('feeNotComputable') : rupiah(amount, lang));
  const p = preview?.answer;
  return (
    <form class="action-form migration" onSubmit={(e) => void ask(e)} aria-labelledby="migration-title">
      <h3 id="migration-title">{t('migration')}</h3>
      <p>
        <small>{t('migrationHint', { version: d.service.version })}</small>
      </p>
      <label>
        {t('migrationVersion')}
        <VersionSelect
          name="toVersion"
          versions={others}
          value={target.version}
          onChange={(v) => {
            setToVersion(v);
            setToStep('');
            setPreview(null);
          }}
        />
      </label>
      <label>
        {t('migrationStep')}
        <select
          name="toStep"
          value={stepId}
          required
          onChange={(e) => {
            setToStep(e.currentTarget.value);
            setPreview(null);
          }}
        >
          {!stepId && <option value="">{t('chooseStep')}</option>}
          <StepOptions steps={target.steps} />
        </select>
      </label>
      {(missingParticulars.length > 0 || missingInputs.length > 0) && (
        <fieldset>
          <legend>{t('migrationMissingData', { version: target.version })}</legend>
          {missingParticulars.map((p) => (
            <label key={p.code}>
              {tx(p.label)}
              {p.unit ? ` (${p.unit})` : ''}
              {p.kind === 'choice' ? (
                <select value={given[`p:${p.code}`] ?? ''} onChange={(e) => give(`p:${p.code}`, e.currentTarget.value)}>
                  <option value="">{t('chooseOne')}</option>
                  {(p.options ?? []).map((o) => (
                    <option key={o.code} value={o.code}>
                      {tx(o.label)}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  inputMode={p.kind === 'number' ? 'decimal' : 'text'}
                  maxLength={p.maxLength ?? 200}
                  value={given[`p:${p.code}`] ?? ''}
                  onInput={(e) => give(`p:${p.code}`, e.currentTarget.value)}
                />
              )}
            </label>
          ))}
          {missingInputs.map((i) => (
            <label key={i.code}>
              {tx(i.label)} ({i.unit})
              <input inputMode="decimal" value={given[`i:${i.code}`] ?? ''} onInput={(e) => give(`i:${i.code}`, e.currentTarget.value)} />
            </label>
          ))}
        </fieldset>
      )}
      <ReasonField
        name="reason"
        value={reason}
        onInput={(v) => {
          setReason(v);
          setPreview(null);
        }}
      />
      <Alert message={problem} />
      <div class="action-list">
        <button type="submit" class="secondary" disabled={props.busy}>
          {t('previewMigration')}
        </button>
        <button type="button" class="secondary" onClick={() => setOpen(false)}>
          {t('cancel')}
        </button>
      </div>
      {p && (
        <div class="migration-preview" role="region" aria-label={t('migrationPreview')}>
          <table>
            <caption>{t('migrationPreview')}</caption>
            <thead>
              <tr>
                <td />
                <th scope="col">{t('versionN', { version: p.from.version })}</th>
                <th scope="col">{t('versionN', { version: p.to.version })}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('currentStep')}</th>
                <td>{tx(p.from.label)}</td>
                <td>{tx(p.to.label)}</td>
              </tr>
              <tr>
                <th scope="row">{t('stepDue')}</th>
                <td>{dateTime(p.from.stepDueAt, lang)}</td>
                <td>{dateTime(p.to.stepDueAt, lang)}</td>
              </tr>
              <tr>
                <th scope="row">{t('serviceDue')}</th>
                <td>{date(p.from.dueAt, lang)}</td>
                <td>{date(p.to.dueAt, lang)}</td>
              </tr>
              <tr>
                <th scope="row">{t('fee')}</th>
                {p.fee.kept ? (
                  <td colSpan={2}>{t('skrdStands', { skrd: p.fee.kept })}</td>
                ) : (
                  <>
                    <td>{fee(p.fee.before)}</td>
                    <td>{fee(p.fee.after)}</td>
                  </>
                )}
              </tr>
            </tbody>
          </table>
          {p.requirementsMissing.length > 0 && (
            <p class="notice">
              {t('requirementsToAsk')}: {p.requirementsMissing.map((r) => tx(r.label)).join(', ')}
            </p>
          )}
          <div class="action-list">
            <button type="button" class="danger" disabled={props.busy} onClick={() => dialog.current?.showModal()}>
              {t('runMigration')}
            </button>
          </div>
        </div>
      )}
      <ConfirmDialog
        dialogRef={dialog}
        id="migration-confirm"
        busy={props.busy}
        danger
        onConfirm={() => preview && void props.run('migration', preview.body)}
      >
        {p && t('confirmMigration', { number: d.registrationNumber, version: p.to.version, step: tx(p.to.label) })}
      </ConfirmDialog>
    </form>
  );
}

/** The steps of a version a dossier may be put at (never the handover, which waits for an issued permit), as options. */
export function StepOptions({ steps }: { steps: readonly { id: string; kind: string; label: Label }[] }) {
  const { tx } = useLang();
  return (
    <>
      {steps
        .filter((s) => s.kind !== 'handover')
        .map((s) => (
          <option key={s.id} value={s.id}>
            {tx(s.label)}
          </option>
        ))}
    </>
  );
}

/** A choice among versions of a service ("Versi 3"): the migration panel's and the batch page's. */
export function VersionSelect(props: {
  versions: readonly { version: number }[];
  value: number;
  onChange: (version: number) => void;
  id?: string;
  name?: string;
}) {
  const { t } = useLang();
  return (
    <select id={props.id} name={props.name} value={props.value} onChange={(e) => props.onChange(Number(e.currentTarget.value))}>
      {props.versions.map((v) => (
        <option key={v.version} value={v.version}>
          {t('versionN', { version: v.version })}
        </option>
      ))}
    </select>
  );
}
