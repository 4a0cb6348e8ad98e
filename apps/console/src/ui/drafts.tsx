import { useEffect, useState } from 'preact/hooks';
import { dateTime } from '../i18n/catalogue.js';
import { api, fileUrl, type ServiceDefinition } from './api.js';
import { Particulars } from './dossier/facts.js';
import { FilePreview } from './dossier/files.js';
import { BASE, useSession } from './session.js';
import { Alert, useLang } from './i18n.js';

type Label = { id: string; en: string };

interface DraftItem {
  id: string;
  number: string;
  service: { code: string; version: number; name?: Label };
  applicant?: string;
  files: number;
  filedAt: string;
  expiresAt: string;
  status: 'waiting' | 'accepting';
}

interface DraftFile {
  requirement: string;
  name: string;
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png';
  size: number;
  sha256: string;
}

interface Draft {
  id: string;
  number: string;
  service: { code: string; version: number; name?: Label };
  application: {
    applicant?: { name: string; nik: string; phone?: string; email?: string; nib?: string; language?: 'id' | 'en'; notices?: boolean };
    particulars?: Record<string, string | number>;
    inputs?: Record<string, number>;
    note?: string;
  };
  files: DraftFile[];
  filedAt: string;
  expiresAt: string;
  status: 'waiting' | 'accepting' | 'accepted' | 'returned' | 'expired';
  registrationNumber?: string;
  dossierId?: string;
  reasons?: string[];
}

const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/** The online applications waiting for the front desk or the verifier (issue 22), the first to expire on top. */
export function DraftsPage() {
  const { t, tx, lang, failure } = useLang();
  const [items, setItems] = useState<DraftItem[] | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    api<{ items: DraftItem[] }>('GET', '/drafts')
      .then((r) => setItems(r.data.items))
      .catch((e: unknown) => setError(failure(e)));
  }, []);
  return (
    <section>
      <h1>{t('draftsTitle')}</h1>
      <p>{t('draftsIntro')}</p>
      <Alert message={error} />
      {!items ? (
        !error && <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('draftNumber')}</th>
              <th scope="col">{t('applicant')}</th>
              <th scope="col">{t('draftFiled')}</th>
              <th scope="col">{t('draftExpires')}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id}>
                <td>
                  <a href={`${BASE}/permohonan-daring/${d.id}`}>{d.number}</a>
                  <small class="block">{tx(d.service.name)}</small>
                </td>
                <td>
                  {d.applicant ?? '—'}
                  <small class="block">{t('draftFileCount', { count: String(d.files) })}</small>
                </td>
                <td>{dateTime(d.filedAt, lang)}</td>
                <td>{dateTime(d.expiresAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/**
 * One online application: what the applicant filled in, their files with a
 * preview beside them, and the decision: accept (the dossier is registered,
 * its files attached) or return with reasons the applicant reads.
 */
export function DraftPage({ id }: { id: string }) {
  const { t, tx, lang, failure } = useLang();
  const { officer, services } = useSession();
  const [d, setD] = useState<(Draft & { requirements: ServiceDefinition['requirements'] }) | null>(null);
  const [definition, setDefinition] = useState<ServiceDefinition | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [reasons, setReasons] = useState('');
  const [accepted, setAccepted] = useState<{ dossierId: string; registrationNumber: string } | null>(null);
  const [returned, setReturned] = useState(false);
  const [open, setOpen] = useState<{ file: DraftFile; url: string; saveAs: string } | null>(null);
  useEffect(() => () => open && URL.revokeObjectURL(open.url), [open]);
  useEffect(() => {
    api<Draft & { requirements: ServiceDefinition['requirements'] }>('GET', `/drafts/${id}`)
      .then((r) => {
        setD(r.data);
        setDefinition(services.find((s) => s.code === r.data.service.code) ?? null);
      })
      .catch((e: unknown) => setError(failure(e)));
  }, [id]);
  if (!d) return <section>{error ? <Alert message={error} /> : <p>{t('loading')}</p>}</section>;
  const a = d.application;
  const decided = accepted || returned || !(d.status === 'waiting' || d.status === 'accepting');
  const mayAccept = officer.role === 'front-desk' || officer.role === 'processor';

  const show = async (file: DraftFile) => {
    try {
      const { url, name } = await fileUrl(`/drafts/${d.id}/files/${file.sha256}`);
      setOpen({ file, url, saveAs: name });
    } catch (e) {
      setError(failure(e));
    }
  };
  const accept = async () => {
    setBusy(true);
    setError('');
    try {
      setAccepted((await api<{ dossierId: string; registrationNumber: string }>('POST', `/drafts/${d.id}/accept`)).data);
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };
  const giveBack = async () => {
    const list = reasons
      .split('\n')
      .map((r) => r.trim())
      .filter(Boolean);
    setBusy(true);
    setError('');
    try {
      await api('POST', `/drafts/${d.id}/return`, { reasons: list });
      setReturned(true);
    } catch (e) {
      setError(failure(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section>
      <h1>
        {t('draftTitle')} {d.number}
      </h1>
      <p>
        {tx(d.service.name)} · {t('draftFiled')} {dateTime(d.filedAt, lang)} · {t('draftExpires')} {dateTime(d.expiresAt, lang)}
      </p>
      <Alert message={error} />
      {accepted && (
        <p role="status" class="success">
          {t('draftAccepted', { number: accepted.registrationNumber })}{' '}
          <a href={`${BASE}/berkas/${accepted.dossierId}`}>{t('draftOpenDossier')}</a>
        </p>
      )}
      {returned && (
        <p role="status" class="success">
          {t('draftReturned')}
        </p>
      )}
      {!accepted && !returned && decided && <p role="status">{t('draftAlreadyDecided')}</p>}
      {a.applicant && (
        <section aria-labelledby="draft-applicant">
          <h2 id="draft-applicant">{t('applicant')}</h2>
          <dl>
            <dt>{t('applicantName')}</dt>
            <dd>{a.applicant.name}</dd>
            <dt>NIK</dt>
            <dd>{a.applicant.nik}</dd>
            {a.applicant.nib && (
              <>
                <dt>NIB</dt>
                <dd>{a.applicant.nib}</dd>
              </>
            )}
            {a.applicant.phone && (
              <>
                <dt>{t('phone')}</dt>
                <dd>{a.applicant.phone}</dd>
              </>
            )}
            {a.applicant.email && (
              <>
                <dt>{t('email')}</dt>
                <dd>{a.applicant.email}</dd>
              </>
            )}
            <dt>{t('draftNotices')}</dt>
            <dd>{a.applicant.notices ? t('draftNoticesYes') : t('draftNoticesNo')}</dd>
          </dl>
        </section>
      )}
      {definition && a.particulars && <Particulars d={{ particulars: a.particulars }} definition={definition} />}
      {definition?.fee?.inputs?.length && a.inputs ? (
        <section aria-labelledby="draft-inputs">
          <h2 id="draft-inputs">{t('feeInputs')}</h2>
          <dl>
            {definition.fee.inputs.map((i) => (
              <>
                <dt key={`${i.code}-l`}>{tx(i.label)}</dt>
                <dd key={i.code}>
                  {a.inputs?.[i.code]?.toLocaleString(lang === 'en' ? 'en-GB' : 'id-ID')} {i.unit}
                </dd>
              </>
            ))}
          </dl>
        </section>
      ) : null}
      {a.note && (
        <p>
          <strong>{t('draftNote')}:</strong> {a.note}
        </p>
      )}
      <section aria-labelledby="draft-files" class={open ? 'files with-preview' : 'files'}>
        <div>
          <h2 id="draft-files">{t('requirementsReceived')}</h2>
          <ul class="requirements">
            {d.requirements.map((r) => {
              const mine = d.files.filter((f) => f.requirement === r.code);
              return (
                <li key={r.code} class={mine.length ? 'got' : 'missing'}>
                  {mine.length ? '✔ ' : '✘ '}
                  {tx(r.label)}
                  {r.mandatory && <small class="badge">{t('mandatory')}</small>}
                  {mine.length === 0 && <small class="block">{t('noFileYet')}</small>}
                  <ul class="files-list">
                    {mine.map((f) => (
                      <li key={f.sha256}>
                        <button type="button" class="link" onClick={() => void show(f)} aria-pressed={open?.file.sha256 === f.sha256}>
                          {f.name}
                        </button>{' '}
                        <small>{size(f.size)}</small>
                      </li>
                    ))}
                  </ul>
                </li>
              );
            })}
          </ul>
        </div>
        {open && (
          <FilePreview
            name={open.file.name}
            contentType={open.file.contentType}
            url={open.url}
            saveAs={open.saveAs}
            onClose={() => setOpen(null)}
          />
        )}
      </section>
      {!decided && (
        <section aria-labelledby="draft-decide">
          <h2 id="draft-decide">{t('draftDecide')}</h2>
          {mayAccept && (
            <p>
              <button type="button" disabled={busy} onClick={() => void accept()}>
                {t('draftAccept')}
              </button>
            </p>
          )}
          {d.status === 'waiting' && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void giveBack();
              }}
            >
              <label>
                {t('draftReturnReasons')}
                <textarea value={reasons} rows={3} maxLength={2000} required onInput={(e) => setReasons(e.currentTarget.value)} />
              </label>
              <button type="submit" class="secondary" disabled={busy || !reasons.trim()}>
                {t('draftReturn')}
              </button>
            </form>
          )}
        </section>
      )}
    </section>
  );
}
