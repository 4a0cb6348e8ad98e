import { useEffect, useRef, useState } from 'preact/hooks';
import { api, type Label } from './api.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { ReasonField, useReasonProblem } from './reason-field.js';
import { DataTable } from './data-table.js';
import { Alert, useLang } from './i18n.js';
import { useSession } from './session.js';

interface Desk {
  id: string;
  name: Label;
  unit?: Label;
}

/** A desk as edited: the unit's two names may be left empty together (no unit). */
interface EditedDesk {
  id: string;
  name: Label;
  unit: Label;
}

const blank = (): EditedDesk => ({ id: '', name: { id: '', en: '' }, unit: { id: '', en: '' } });

/**
 * Issue 23: the desks an MPP works with. The national template's are read only; the MPP's administrator adds its own
 * (a desk, its names, the unit whose officers work it) and publishes them with the reason; its service versions may
 * then route steps to them and its officers work at them.
 */
export function DesksPage() {
  const { t, tx, failure } = useLang();
  const { officer } = useSession();
  const admin = officer.role === 'admin';
  const [template, setTemplate] = useState<Desk[] | null>(null);
  const [own, setOwn] = useState<EditedDesk[]>([]);
  const [reason, setReason] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const reasonProblem = useReasonProblem();
  const show = (r: { template: Desk[]; own: Desk[] }) => {
    setTemplate(r.template);
    setOwn(r.own.map((d) => ({ id: d.id, name: d.name, unit: d.unit ?? { id: '', en: '' } })));
  };
  useEffect(() => {
    api<{ template: Desk[]; own: Desk[] }>('GET', '/catalogue/desks')
      .then((r) => show(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, []);
  const set = (i: number, patch: Partial<EditedDesk>) => setOwn(own.map((d, n) => (n === i ? { ...d, ...patch } : d)));
  const publish = async () => {
    setBusy(true);
    try {
      const desks = own.map((d) => ({
        id: d.id.trim(),
        name: d.name,
        ...(d.unit.id.trim() || d.unit.en.trim() ? { unit: d.unit } : {}),
      }));
      const r = await api<{ template: Desk[]; own: Desk[] }>('PUT', '/catalogue/desks', { desks, reason: reason.trim() });
      show(r.data);
      setReason('');
      setError('');
      setNotice(t('desksPublished'));
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  const field = (label: string, value: string, onInput: (v: string) => void, extra: Record<string, unknown> = {}) => (
    <label>
      {label}
      <input value={value} onInput={(e) => onInput(e.currentTarget.value)} {...extra} />
    </label>
  );
  return (
    <section>
      <h1>{t('desksAndUnits')}</h1>
      <p>{t('desksHint')}</p>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      {template && (
        <div class="columns">
          <section class="card">
            <h2>{t('templateDesks')}</h2>
            <DataTable
              label={t('templateDesks')}
              rows={template}
              rowKey={(d) => d.id}
              columns={[
                { header: 'desk', cell: (d) => tx(d.name), rowHeader: true },
                { header: 'deskUnit', cell: (d) => (d.unit ? tx(d.unit) : '—') },
              ]}
            />
          </section>
          <form
            class="card"
            aria-labelledby="own-desks-title"
            onSubmit={(e) => {
              e.preventDefault();
              const wrong = reasonProblem(reason);
              if (wrong) return setError(wrong);
              setError('');
              dialog.current?.showModal();
            }}
          >
            <h2 id="own-desks-title">{t('ownDesks')}</h2>
            <fieldset disabled={!admin}>
              <legend>{t('ownDesksHint')}</legend>
              {own.length === 0 && <p>{t('noOwnDesks')}</p>}
              {own.map((d, i) => (
                <div class="row" key={i}>
                  {field(t('deskCodeN', { n: i + 1 }), d.id, (v) => set(i, { id: v }), {
                    required: true,
                    pattern: '[a-z][a-z0-9]*(-[a-z0-9]+)*',
                    maxLength: 40,
                  })}
                  {field(t('deskNameIdN', { n: i + 1 }), d.name.id, (v) => set(i, { name: { ...d.name, id: v } }), {
                    required: true,
                    minLength: 3,
                    maxLength: 120,
                  })}
                  {field(t('deskNameEnN', { n: i + 1 }), d.name.en, (v) => set(i, { name: { ...d.name, en: v } }), {
                    required: true,
                    minLength: 3,
                    maxLength: 120,
                  })}
                  {field(t('deskUnitIdN', { n: i + 1 }), d.unit.id, (v) => set(i, { unit: { ...d.unit, id: v } }), { maxLength: 120 })}
                  {field(t('deskUnitEnN', { n: i + 1 }), d.unit.en, (v) => set(i, { unit: { ...d.unit, en: v } }), { maxLength: 120 })}
                  <button type="button" class="secondary" onClick={() => setOwn(own.filter((_, n) => n !== i))}>
                    {t('removeDeskN', { n: i + 1 })}
                  </button>
                </div>
              ))}
              <button type="button" class="secondary" onClick={() => setOwn([...own, blank()])}>
                {t('addDesk')}
              </button>
              <ReasonField value={reason} onInput={setReason} />
              <button type="submit" disabled={busy}>
                {t('publishDesks')}
              </button>
            </fieldset>
            <ConfirmDialog dialogRef={dialog} id="desks-confirm" busy={busy} onConfirm={() => void publish()}>
              {t('confirmDesks', { count: own.length })}
            </ConfirmDialog>
          </form>
        </div>
      )}
    </section>
  );
}
