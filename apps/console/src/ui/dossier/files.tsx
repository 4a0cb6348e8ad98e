import { useEffect, useState } from 'preact/hooks';
import { SYSTEM_ACTOR_TEXT, dateTime } from '../../i18n/catalogue.js';
import { fileUrl, upload, type Dossier, type ServiceDefinition } from '../api.js';
import { useLang } from '../i18n.js';
import { useSession } from '../session.js';

type Doc = NonNullable<Dossier['documents']>[number];

const ACCEPT = 'application/pdf,image/jpeg,image/png';
const size = (bytes: number) => (bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`);

/**
 * A file input shown as a button (the browser's own "choose file" words never show: they follow the browser's
 * language); `for` completes its name for screen readers. `camera`: a photo, from the device's back camera.
 */
function FilePick(props: {
  label: string;
  for: string;
  disabled: boolean;
  onFile: (file: File | undefined) => void;
  small?: boolean;
  camera?: boolean;
}) {
  return (
    <label class={props.small ? 'file-pick small' : 'file-pick'}>
      {props.label}
      <span class="sr"> {props.for}</span>
      <input
        class="sr"
        type="file"
        accept={props.camera ? 'image/jpeg,image/png' : ACCEPT}
        {...(props.camera ? { capture: 'environment' as const } : {})}
        disabled={props.disabled}
        onChange={(e) => props.onFile(e.currentTarget.files?.[0])}
      />
    </label>
  );
}

/**
 * The requirements as received at the counter, each with its files (issue 22):
 * who handed each in and when, a preview beside the list (PDF pages in the
 * browser's own viewer, images as they are), a file taken at the counter by
 * upload or the camera, or added by the desk that holds the dossier; a
 * replaced file stays listed under the one that took its place.
 */
export function RequirementFiles(props: {
  d: Dossier;
  definition: ServiceDefinition;
  onChanged: (version: number) => void;
  onError: (message: string) => void;
}) {
  const { d, definition } = props;
  const { t, tx, lang, failure } = useLang();
  const { officer, names } = useSession();
  const [open, setOpen] = useState<{ doc: Doc; url: string; saveAs: string } | null>(null);
  const [busy, setBusy] = useState('');
  useEffect(() => () => open && URL.revokeObjectURL(open.url), [open]);
  const received = d.requirements ?? [];
  const docs = d.documents ?? [];
  const atMyDesk = (d.step?.pendingDesks ?? []).some(
    (desk) => officer.desks.some((m) => m.id === desk) && d.holders[desk] === officer.officerId,
  );
  const active = d.lifecycle === 'in-process' || d.lifecycle === 'returned';
  const mayAttach =
    active && (officer.role === 'front-desk' || officer.role === 'supervisor' || (officer.role === 'processor' && atMyDesk));

  const show = async (doc: Doc) => {
    try {
      const { url, name } = await fileUrl(`/dossiers/${d.dossierId}/files/${doc.sha256}`);
      setOpen({ doc, url, saveAs: name });
    } catch (e) {
      props.onError(failure(e));
    }
  };
  const send = async (requirement: string, file: File | undefined, replaces?: string) => {
    if (!file) return;
    setBusy(requirement);
    try {
      const q = new URLSearchParams({ requirement, name: file.name.slice(0, 120), ...(replaces ? { replaces } : {}) });
      const r = await upload<{ version: number }>(`/dossiers/${d.dossierId}/files?${q}`, file, {
        'Idempotency-Key': crypto.randomUUID(),
      });
      props.onChanged(r.data.version);
    } catch (e) {
      props.onError(failure(e));
    } finally {
      setBusy('');
    }
  };

  return (
    <section aria-labelledby="req-title" class={open ? 'files with-preview' : 'files'}>
      <div>
        <h2 id="req-title">{t('requirementsReceived')}</h2>
        <ul class="requirements">
          {definition.requirements.map((r) => {
            const mine = docs.filter((x) => x.requirement === r.code);
            const current = mine.filter((x) => !x.replacedAt);
            const replaced = mine.filter((x) => x.replacedAt);
            return (
              <li key={r.code} class={received.includes(r.code) ? 'got' : 'missing'}>
                {received.includes(r.code) ? '✔ ' : '✘ '}
                {tx(r.label)}
                {r.mandatory && <small class="badge">{t('mandatory')}</small>}
                {!received.includes(r.code) && <small class="block">{t('notReceived')}</small>}
                {current.length === 0 && <small class="block">{t('noFileYet')}</small>}
                <ul class="files-list">
                  {current.map((doc) => (
                    <li key={doc.sha256}>
                      {doc.disposedAt ? (
                        <span>
                          {doc.name} <small>{t('fileDisposed', { at: dateTime(doc.disposedAt, lang) })}</small>
                        </span>
                      ) : (
                        <button type="button" class="link" onClick={() => void show(doc)} aria-pressed={open?.doc.sha256 === doc.sha256}>
                          {doc.name}
                        </button>
                      )}{' '}
                      <small>
                        {size(doc.size)} · {names.get(doc.by) ?? (SYSTEM_ACTOR_TEXT[doc.by] ? tx(SYSTEM_ACTOR_TEXT[doc.by]) : '—')} ·{' '}
                        {dateTime(doc.at, lang)}
                      </small>
                      {mayAttach && (
                        <FilePick
                          small
                          label={t('replaceFile')}
                          for={doc.name}
                          disabled={busy === r.code}
                          onFile={(file) => void send(r.code, file, doc.sha256)}
                        />
                      )}
                    </li>
                  ))}
                  {replaced.map((doc) => (
                    <li key={doc.sha256} class="replaced">
                      <button type="button" class="link" onClick={() => void show(doc)}>
                        {doc.name}
                      </button>{' '}
                      <small>{t('fileReplaced', { at: dateTime(doc.replacedAt!, lang) })}</small>
                    </li>
                  ))}
                </ul>
                {mayAttach && (
                  <div class="file-picks">
                    <FilePick
                      label={t('attachFile')}
                      for={t('attachFileFor', { requirement: tx(r.label) })}
                      disabled={busy === r.code}
                      onFile={(file) => void send(r.code, file)}
                    />
                    <FilePick
                      label={t('photographFile')}
                      for={tx(r.label)}
                      camera
                      disabled={busy === r.code}
                      onFile={(file) => void send(r.code, file)}
                    />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      {open && (
        <FilePreview
          name={open.doc.name}
          contentType={open.doc.contentType}
          url={open.url}
          saveAs={open.saveAs}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

/** A file shown beside its list (PDF pages in the browser's own viewer, an image as it is), with its download under the server's name. */
export function FilePreview(p: { name: string; contentType: string; url: string; saveAs: string; onClose: () => void }) {
  const { t } = useLang();
  return (
    <figure class="preview" aria-label={t('filePreview', { name: p.name })}>
      <figcaption>
        {p.name}{' '}
        <a href={p.url} download={p.saveAs}>
          {t('downloadFile')}
        </a>{' '}
        <button type="button" class="link" onClick={p.onClose}>
          {t('closePreview')}
        </button>
      </figcaption>
      {p.contentType === 'application/pdf' ? (
        <iframe src={p.url} title={p.name} />
      ) : (
        <img src={p.url} alt={t('filePreview', { name: p.name })} />
      )}
    </figure>
  );
}
