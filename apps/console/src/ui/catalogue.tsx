import { useEffect, useRef, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { date } from '../i18n/catalogue.js';
import { NOTICE_TEXT, type Lang, type Text } from '../i18n/words.js';
import { api, type Label } from './api.js';
import { DataTable } from './data-table.js';
import { Alert, useLang } from './i18n.js';
import { ConfirmDialog } from './confirm-dialog.js';
import { BASE, useSession } from './session.js';

/** One service of the MPP's catalogue (GET /api/catalogue). */
interface CatalogueEntry {
  code: string;
  name: Label;
  /** Absent for a service of the MPP's own. */
  template?: { version: number };
  own: { version: number; effectiveFrom: string; publishedAt: string; publishedBy: string; reason: string }[];
  /** Absent for a service of its own not yet in effect. */
  current?: { version: number; slaDays: number };
  draft?: { basedOn: number | null; updatedAt: string; updatedBy: string };
}

/** A draft as the API answers it: the definition as edited, and what publishing would refuse. */
interface Draft {
  code: string;
  definition: EditedDefinition;
  basedOn: number | null;
  updatedAt: string;
  version: number;
  problems: { path: string; message: string }[];
}

interface EditedDefinition {
  name: Label;
  slaDays: number;
  fiktifPositif: boolean;
  pauseClockWhileWithApplicant: boolean;
  requirements: { code: string; label: Label; mandatory: boolean }[];
  steps: { id: string; kind: string; label: Label; desk?: string; desks?: string[]; slaDays: number }[];
  notices?: Partial<Record<NoticeKind, Label>>;
  [key: string]: unknown;
}

/** The notices to applicants a service may add its own words to (the domain's APPLICANT_NOTICE_KINDS): all but the supervisors'. */
type NoticeKind = Exclude<keyof typeof NOTICE_TEXT, 'escalation'>;
const NOTICE_KINDS = (Object.keys(NOTICE_TEXT) as (keyof typeof NOTICE_TEXT)[]).filter((k): k is NoticeKind => k !== 'escalation');

/** Where a problem is, in the editor's words: `steps.1.slaDays` is the second step's working days. */
const PLACES: Record<string, Text> = {
  name: { id: 'Nama layanan', en: 'Service name' },
  slaDays: { id: 'Batas waktu layanan', en: 'Service deadline' },
  requirements: { id: 'Persyaratan', en: 'Requirements' },
  steps: { id: 'Tahapan', en: 'Steps' },
  fee: { id: 'Retribusi', en: 'Fee' },
  particulars: { id: 'Data permohonan', en: 'Particulars' },
  legalBasis: { id: 'Dasar hukum', en: 'Legal basis' },
};
const PARTS: Record<string, Text> = {
  slaDays: { id: 'hari kerja', en: 'working days' },
  desk: { id: 'meja', en: 'desk' },
  desks: { id: 'meja', en: 'desks' },
  label: { id: 'nama', en: 'label' },
  code: { id: 'kode', en: 'code' },
  when: { id: 'syarat tahap', en: 'condition' },
};

/** The reasons publishing refuses, said in Bahasa Indonesia; in English, the checker's own sentence. */
const REASONS: [RegExp, (m: RegExpExecArray) => string][] = [
  [
    /the steps add up to (\d+) working days, more than the total (\d+)/,
    (m) => `jumlah hari tahapan (${m[1]} hari kerja) melebihi batas waktu layanan (${m[2]} hari kerja)`,
  ],
  [/unknown desk "(.+)"/, (m) => `meja "${m[1]}" tidak dikenal`],
  [/duplicate step id "(.+)"/, (m) => `kode tahap "${m[1]}" dipakai dua kali`],
  [/needs exactly one (\w+) step, found (\d+)/, (m) => `harus ada tepat satu tahap ${m[1]} (ada ${m[2]})`],
  [/^Required$|at least 1 character|at least 1 element/, () => 'wajib diisi'],
  [/greater than or equal to (\d+)/, (m) => `paling sedikit ${m[1]}`],
  [/less than or equal to (\d+)/, (m) => `paling banyak ${m[1]}`],
  [/kebab-case/, () => 'hanya huruf kecil, angka dan tanda hubung'],
  [/Expected (number|boolean|string), received/, (m) => `harus berupa ${{ number: 'angka', boolean: 'ya/tidak', string: 'teks' }[m[1]]}`],
];

export function problemText(p: { path: string; message: string }, lang: Lang, def: EditedDefinition | undefined): string {
  const [top, index, part] = p.path.split('.');
  let place = PLACES[top ?? '']?.[lang] ?? (lang === 'id' ? 'Definisi' : 'Definition');
  if (top === 'steps' && index !== undefined && /^\d+$/.test(index)) {
    const step = def?.steps?.[Number(index)];
    place = `${lang === 'id' ? 'Tahap' : 'Step'} ${Number(index) + 1}${step?.label ? ` (${step.label[lang]})` : ''}`;
  } else if (top === 'requirements' && index !== undefined && /^\d+$/.test(index))
    place = `${PLACES.requirements[lang]} ${Number(index) + 1}`;
  if (part && PARTS[part]) place += ` · ${PARTS[part][lang]}`;
  if (lang === 'en') return `${place}: ${p.message}`;
  for (const [pattern, say] of REASONS) {
    const m = pattern.exec(p.message);
    if (m) return `${place}: ${say(m)}`;
  }
  return `${place}: isian ini belum benar`;
}

/** Supervisors read the MPP's catalogue; administrators adapt a service and publish it (issue 23). */
export function CataloguePage() {
  const { params } = useRoute();
  return params.code ? <DraftEditor code={params.code} /> : <CatalogueList />;
}

function CatalogueList() {
  const { t, tx, lang, failure } = useLang();
  const { officer } = useSession();
  const { route, query } = useLocation();
  const [entries, setEntries] = useState<CatalogueEntry[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<CatalogueEntry[]>('GET', '/catalogue')
      .then((r) => setEntries(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, []);
  const adapt = async (e: CatalogueEntry) => {
    try {
      if (!e.draft) await api('POST', `/catalogue/${e.code}/draft`, { from: e.current?.version ?? e.own[e.own.length - 1].version });
      route(`${BASE}/katalog/${e.code}`);
    } catch (err) {
      setError(failure(err));
    }
  };
  return (
    <section>
      <h1>{t('catalogue')}</h1>
      <p>{t('catalogueHint')}</p>
      {query.terbit && (
        <p role="status" class="ok">
          {t('published', { version: query.terbit })}
        </p>
      )}
      <Alert message={error} />
      {entries && (
        <DataTable
          label={t('catalogue')}
          rows={entries}
          rowKey={(e) => e.code}
          columns={[
            {
              header: 'service',
              cell: (e) => (e.template ? tx(e.name) : `${tx(e.name)} · ${t('ownService')}`),
              rowHeader: true,
            },
            {
              header: 'versionInEffect',
              cell: (e) =>
                !e.current
                  ? t('notInEffectYet')
                  : e.own.some((v) => v.version === e.current!.version)
                    ? t('versionOwn', { version: e.current.version })
                    : t('versionTemplate', { version: e.current.version }),
            },
            { header: 'serviceDeadline', cell: (e) => (e.current ? t('workingDaysN', { days: e.current.slaDays }) : '—'), numeric: true },
            {
              header: 'ownVersions',
              cell: (e) =>
                e.own.length
                  ? e.own.map((v) => t('versionFrom', { version: v.version, date: date(`${v.effectiveFrom}T12:00:00Z`, lang) })).join('; ')
                  : '—',
            },
            {
              header: 'draftColumn',
              cell: (e) =>
                officer.role === 'admin' ? (
                  <button type="button" class="secondary" onClick={() => void adapt(e)}>
                    {e.draft ? t('continueDraft') : t('adaptService')}
                  </button>
                ) : e.draft ? (
                  <a href={`${BASE}/katalog/${e.code}`}>{t('viewDraft')}</a>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      {entries && officer.role === 'admin' && <NewService entries={entries} onError={setError} />}
    </section>
  );
}

/** An administrator starts a service the template does not have, as a copy of one the MPP offers (issue 23). */
function NewService({ entries, onError }: { entries: CatalogueEntry[]; onError: (message: string) => void }) {
  const { t, tx, failure } = useLang();
  const { route } = useLocation();
  const sources = entries.filter((e) => e.current);
  const [form, setForm] = useState({ code: '', nameId: '', nameEn: '', copyOf: sources[0]?.code ?? '' });
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<typeof form>) => setForm({ ...form, ...patch });
  const create = async (ev: Event) => {
    ev.preventDefault();
    const source = sources.find((e) => e.code === form.copyOf);
    if (!source?.current) return;
    setBusy(true);
    try {
      await api('POST', `/catalogue/${encodeURIComponent(form.code.trim())}/draft`, {
        from: source.current.version,
        copyOf: source.code,
        name: { id: form.nameId, en: form.nameEn },
      });
      route(`${BASE}/katalog/${form.code.trim()}`);
    } catch (e) {
      onError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="new-service" aria-labelledby="new-service-title" onSubmit={(ev) => void create(ev)}>
      <h2 id="new-service-title">{t('newService')}</h2>
      <p>{t('newServiceHint')}</p>
      <label>
        {t('newServiceCode')}
        <input
          required
          pattern="[a-z][a-z0-9]*(-[a-z0-9]+)*"
          maxLength={40}
          value={form.code}
          onInput={(e) => set({ code: e.currentTarget.value })}
        />
      </label>
      <label>
        {t('serviceNameId')}
        <input required minLength={3} maxLength={120} value={form.nameId} onInput={(e) => set({ nameId: e.currentTarget.value })} />
      </label>
      <label>
        {t('serviceNameEn')}
        <input required minLength={3} maxLength={120} value={form.nameEn} onInput={(e) => set({ nameEn: e.currentTarget.value })} />
      </label>
      <label>
        {t('copyFrom')}
        <select value={form.copyOf} onChange={(e) => set({ copyOf: e.currentTarget.value })}>
          {sources.map((e) => (
            <option key={e.code} value={e.code}>
              {tx(e.name)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={busy}>
        {t('createDraft')}
      </button>
    </form>
  );
}

function DraftEditor({ code }: { code: string }) {
  const { t, tx, lang, failure } = useLang();
  const { officer, deskNames } = useSession();
  const { route } = useLocation();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [def, setDef] = useState<EditedDefinition | null>(null);
  const [json, setJson] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const [publishing, setPublishing] = useState<{ effectiveFrom: string; reason: string } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const admin = officer.role === 'admin';
  const show = (d: Draft) => {
    setDraft(d);
    setDef(d.definition);
    setJson(JSON.stringify(d.definition, null, 2));
  };
  useEffect(() => {
    api<Draft>('GET', `/catalogue/${encodeURIComponent(code)}/draft`)
      .then((r) => show(r.data))
      .catch((e: unknown) => setError(failure(e)));
  }, [code]);
  if (!draft || !def) return <Alert message={error} />;
  const change = (next: EditedDefinition) => {
    setDef(next);
    setJson(JSON.stringify(next, null, 2));
    setNotice('');
  };
  const save = async (definition: EditedDefinition = def) => {
    setBusy(true);
    try {
      const r = await api<Draft>('PUT', `/catalogue/${encodeURIComponent(code)}/draft`, { definition });
      show(r.data);
      setNotice(r.data.problems.length ? t('draftSavedWithProblems') : t('draftSavedReady'));
      setError('');
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  const publish = async () => {
    if (!publishing) return;
    setBusy(true);
    try {
      const r = await api<{ version: number; effectiveFrom: string }>('POST', `/catalogue/${encodeURIComponent(code)}/publish`, {
        ...publishing,
        draftUpdatedAt: draft.updatedAt,
      });
      route(`${BASE}/katalog?terbit=${r.data.version}`);
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  const discard = async () => {
    try {
      await api('DELETE', `/catalogue/${encodeURIComponent(code)}/draft`);
      route(`${BASE}/katalog`);
    } catch (e) {
      setError(failure(e));
    }
  };
  const setStep = (i: number, patch: Partial<EditedDefinition['steps'][number]>) =>
    change({ ...def, steps: def.steps.map((s, n) => (n === i ? { ...s, ...patch } : s)) });
  const setRequirement = (i: number, patch: Partial<EditedDefinition['requirements'][number]>) =>
    change({ ...def, requirements: def.requirements.map((r, n) => (n === i ? { ...r, ...patch } : r)) });
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta' }).format(new Date());
  return (
    <article class="catalogue-editor">
      <h1>
        {t('draftOf', { service: tx(def.name) })} · {t('versionN', { version: draft.version })}
      </h1>
      <p>
        {draft.basedOn ? t('adaptedFrom', { version: draft.basedOn }) : ''} {admin ? '' : t('readOnly')}
      </p>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      <section class="card" aria-labelledby="problems-title">
        <h2 id="problems-title">{draft.problems.length ? t('cannotPublishYet') : t('readyToPublish')}</h2>
        {draft.problems.length > 0 && (
          <ul class="problems">
            {draft.problems.map((p) => (
              <li key={`${p.path}:${p.message}`}>{problemText(p, lang, def)}</li>
            ))}
          </ul>
        )}
      </section>
      <form
        class="card"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset disabled={!admin}>
          <legend>{t('serviceBasics')}</legend>
          <label>
            {t('serviceNameId')}
            <input
              value={def.name.id}
              required
              maxLength={200}
              onInput={(e) => change({ ...def, name: { ...def.name, id: e.currentTarget.value } })}
            />
          </label>
          <label>
            {t('serviceNameEn')}
            <input
              value={def.name.en}
              required
              maxLength={200}
              onInput={(e) => change({ ...def, name: { ...def.name, en: e.currentTarget.value } })}
            />
          </label>
          <label>
            {t('serviceDeadlineDays')}
            <input
              type="number"
              min={0}
              max={365}
              value={def.slaDays}
              onInput={(e) => change({ ...def, slaDays: Number(e.currentTarget.value) })}
            />
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={def.fiktifPositif}
              onChange={(e) => change({ ...def, fiktifPositif: e.currentTarget.checked })}
            />
            {t('fiktifPositifLabel')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={def.pauseClockWhileWithApplicant}
              onChange={(e) => change({ ...def, pauseClockWhileWithApplicant: e.currentTarget.checked })}
            />
            {t('pauseClockLabel')}
          </label>
        </fieldset>
        <fieldset disabled={!admin}>
          <legend>{t('stepsLegend')}</legend>
          <table class="editor">
            <thead>
              <tr>
                <th scope="col">{t('step')}</th>
                <th scope="col">{t('atDesk')}</th>
                <th scope="col">{t('workingDaysColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {def.steps.map((s, i) => (
                <tr key={s.id}>
                  <th scope="row">
                    <input
                      aria-label={t('stepLabelN', { n: i + 1 })}
                      value={s.label.id}
                      required
                      onInput={(e) => setStep(i, { label: { ...s.label, id: e.currentTarget.value } })}
                    />
                  </th>
                  <td>
                    {s.desk !== undefined ? (
                      <select
                        aria-label={t('stepDeskN', { n: i + 1 })}
                        value={s.desk}
                        onChange={(e) => setStep(i, { desk: e.currentTarget.value })}
                      >
                        {[...deskNames.keys()].map((d) => (
                          <option key={d} value={d}>
                            {tx(deskNames.get(d))}
                          </option>
                        ))}
                      </select>
                    ) : (
                      (s.desks ?? []).map((d) => tx(deskNames.get(d))).join(', ')
                    )}
                  </td>
                  <td>
                    <input
                      type="number"
                      min={0}
                      max={365}
                      aria-label={t('stepDaysN', { n: i + 1, step: s.label[lang] })}
                      value={s.slaDays}
                      onInput={(e) => setStep(i, { slaDays: Number(e.currentTarget.value) })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset disabled={!admin}>
          <legend>{t('requirementsLegend')}</legend>
          <table class="editor">
            <thead>
              <tr>
                <th scope="col">{t('requirementId')}</th>
                <th scope="col">{t('requirementEn')}</th>
                <th scope="col">{t('mandatory')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {def.requirements.map((r, i) => (
                <tr key={i}>
                  <td>
                    <input
                      aria-label={t('requirementIdN', { n: i + 1 })}
                      value={r.label.id}
                      required
                      onInput={(e) => setRequirement(i, { label: { ...r.label, id: e.currentTarget.value } })}
                    />
                  </td>
                  <td>
                    <input
                      aria-label={t('requirementEnN', { n: i + 1 })}
                      value={r.label.en}
                      required
                      onInput={(e) => setRequirement(i, { label: { ...r.label, en: e.currentTarget.value } })}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={t('mandatoryN', { n: i + 1 })}
                      checked={r.mandatory}
                      onChange={(e) => setRequirement(i, { mandatory: e.currentTarget.checked })}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      class="secondary"
                      onClick={() => change({ ...def, requirements: def.requirements.filter((_, n) => n !== i) })}
                    >
                      {t('removeRequirementN', { n: i + 1 })}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button
            type="button"
            class="secondary"
            onClick={() =>
              change({
                ...def,
                requirements: [
                  ...def.requirements,
                  { code: `persyaratan-${def.requirements.length + 1}`, label: { id: '', en: '' }, mandatory: true },
                ],
              })
            }
          >
            {t('addRequirement')}
          </button>
        </fieldset>
        <details>
          <summary>{t('noticeTexts')}</summary>
          <fieldset disabled={!admin}>
            <legend>{t('noticeTextsHint')}</legend>
            <table class="editor">
              <thead>
                <tr>
                  <th scope="col">{t('noticeKind')}</th>
                  <th scope="col">{t('noticeTextId')}</th>
                  <th scope="col">{t('noticeTextEn')}</th>
                </tr>
              </thead>
              <tbody>
                {NOTICE_KINDS.map((kind) => {
                  const text = def.notices?.[kind] ?? { id: '', en: '' };
                  const set = (patch: Partial<Label>) => {
                    const next = { ...text, ...patch };
                    const notices = { ...def.notices };
                    // Both languages empty: the notice goes as the system words it.
                    if (next.id.trim() || next.en.trim()) notices[kind] = next;
                    else delete notices[kind];
                    change({ ...def, notices });
                  };
                  return (
                    <tr key={kind}>
                      <th scope="row">{tx(NOTICE_TEXT[kind])}</th>
                      <td>
                        <textarea
                          rows={2}
                          maxLength={500}
                          aria-label={t('noticeTextIdOf', { notice: tx(NOTICE_TEXT[kind]) })}
                          value={text.id}
                          onInput={(e) => set({ id: e.currentTarget.value })}
                        />
                      </td>
                      <td>
                        <textarea
                          rows={2}
                          maxLength={500}
                          aria-label={t('noticeTextEnOf', { notice: tx(NOTICE_TEXT[kind]) })}
                          value={text.en}
                          onInput={(e) => set({ en: e.currentTarget.value })}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </fieldset>
        </details>
        <details>
          <summary>{t('wholeDefinition')}</summary>
          <label>
            {t('wholeDefinitionHint')}
            <textarea
              rows={16}
              class="code"
              value={json}
              readOnly={!admin}
              onInput={(e) => setJson(e.currentTarget.value)}
              onBlur={() => {
                try {
                  setDef(JSON.parse(json) as EditedDefinition);
                  setError('');
                } catch {
                  setError(t('notJson'));
                }
              }}
            />
          </label>
        </details>
        {admin && (
          <div class="action-list">
            <button type="submit" disabled={busy}>
              {t('saveDraft')}
            </button>
            <button type="button" class="secondary" disabled={busy} onClick={() => void discard()}>
              {t('discardDraft')}
            </button>
          </div>
        )}
      </form>
      {admin && draft.problems.length === 0 && (
        <form
          class="card"
          aria-labelledby="publish-title"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            setPublishing({ effectiveFrom: String(f.get('effectiveFrom')), reason: String(f.get('reason') ?? '').trim() });
            queueMicrotask(() => dialog.current?.showModal());
          }}
        >
          <h2 id="publish-title">{t('publishVersion', { version: draft.version })}</h2>
          <p>{t('publishHint')}</p>
          <label>
            {t('effectiveFrom')}
            <input name="effectiveFrom" type="date" required min={today} defaultValue={today} />
          </label>
          <label>
            {t('reason')} <small>({t('minChars', { n: 10 })})</small>
            <textarea name="reason" rows={2} required minLength={10} maxLength={500} />
          </label>
          <button type="submit" disabled={busy}>
            {t('continue')}
          </button>
          <ConfirmDialog dialogRef={dialog} id="publish-confirm" busy={busy} onConfirm={() => void publish()}>
            {publishing &&
              t('confirmPublish', {
                service: tx(def.name),
                version: draft.version,
                date: date(`${publishing.effectiveFrom}T12:00:00Z`, lang),
              })}
          </ConfirmDialog>
        </form>
      )}
    </article>
  );
}
