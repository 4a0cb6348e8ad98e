import { useEffect, useState } from 'preact/hooks';
import { dateTime } from '../i18n/catalogue.js';
import { api } from './api.js';
import { BASE, useSession } from './session.js';
import { Alert, Pager, useLang } from './i18n.js';

const PAGE = 50;

interface Complaint {
  dossierId: string;
  registrationNumber: string;
  service: string;
  number: string;
  category: 'delay' | 'fee' | 'service' | 'requirements' | 'other';
  text: string;
  filedAt: string;
  respondBy: string;
  overdue: boolean;
  answer: string | null;
  /** The dossier's other complaints: this one may be closed as the same as one of them. */
  others: { number: string; category: Complaint['category']; answered: boolean }[];
}

/** Supervisors' complaint queue (pengaduan): soonest deadline first, each answered here in words the applicant reads. */
export function ComplaintsPage() {
  const { t, tx, lang, failure } = useLang();
  const { services } = useSession();
  const [items, setItems] = useState<Complaint[] | null>(null);
  const [total, setTotal] = useState(0);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const fetchPage = async (at: number) => {
    const page = (await api<{ total: number; items: Complaint[] }>('GET', `/complaints?open=true&limit=${PAGE}&offset=${at}`)).data;
    setItems(page.items);
    setTotal(page.total);
    return page.items;
  };
  useEffect(() => void fetchPage(offset).catch((e: unknown) => setError(failure(e))), [offset]);
  const answer = async (c: Complaint, text: string, duplicateOf?: string) => {
    try {
      await api(
        'POST',
        `/dossiers/${c.dossierId}/complaint-answer`,
        { complaintNumber: c.number, answer: text, ...(duplicateOf ? { duplicateOf } : {}) },
        { 'Idempotency-Key': crypto.randomUUID() },
      );
      // The queue is read from the read side, which follows within moments: wait until it no longer lists this one.
      for (let tries = 0; tries < 50; tries++) {
        const open = await fetchPage(offset);
        if (!open.some((x) => x.number === c.number)) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      setNotice(t(duplicateOf ? 'complaintClosedDuplicate' : 'complaintAnswered', { number: c.number, original: duplicateOf ?? '' }));
      setError('');
    } catch (e) {
      setError(failure(e));
    }
  };
  return (
    <section>
      <h1>{t('complaints')}</h1>
      {notice && (
        <p role="status" class="ok">
          {notice}
        </p>
      )}
      <Alert message={error} />
      {!items ? (
        <p>{t('loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('noOpenComplaints')}</p>
      ) : (
        items.map((c) => (
          <article class="card" key={c.number} aria-labelledby={`c-${c.number}`}>
            <h2 id={`c-${c.number}`}>
              {c.number} · {t(`complaint_${c.category}`)}
              {c.overdue && <span class="badge late">{t('overdue')}</span>}
            </h2>
            <p>
              <a href={`${BASE}/berkas/${c.dossierId}`}>{c.registrationNumber}</a> · {tx(services.find((s) => s.code === c.service)?.name)}
              <small class="block">
                {t('complaintFiled', { at: dateTime(c.filedAt, lang) })} · {t('complaintDue', { at: dateTime(c.respondBy, lang) })}
              </small>
            </p>
            <blockquote>{c.text}</blockquote>
            <form
              class="action-form"
              onSubmit={(e) => {
                e.preventDefault();
                const text = new FormData(e.currentTarget).get('answer');
                if (typeof text === 'string' && text.trim().length >= 10) void answer(c, text.trim());
              }}
            >
              <label>
                {t('complaintAnswerLabel')}
                <textarea name="answer" required minLength={10} maxLength={2000} rows={3} />
              </label>
              <button type="submit">{t('complaintSend')}</button>
            </form>
            {c.others.length > 0 && (
              <details>
                <summary>{t('complaintDuplicate')}</summary>
                <form
                  class="action-form"
                  onSubmit={(e) => {
                    e.preventDefault();
                    const f = new FormData(e.currentTarget);
                    const reason = String(f.get('reason') ?? '').trim();
                    if (reason.length >= 10) void answer(c, reason, String(f.get('original')));
                  }}
                >
                  <label>
                    {t('complaintOriginal')}
                    <select name="original" required>
                      {c.others.map((o) => (
                        <option key={o.number} value={o.number}>
                          {o.number} · {t(`complaint_${o.category}`)} · {t(o.answered ? 'complaintWasAnswered' : 'complaintStillOpen')}
                        </option>
                      ))}
                    </select>
                  </label>
                  <label>
                    {t('complaintDuplicateReason')}
                    <textarea name="reason" required minLength={10} maxLength={2000} rows={2} />
                  </label>
                  <button type="submit" class="secondary">
                    {t('complaintCloseDuplicate')}
                  </button>
                </form>
              </details>
            )}
          </article>
        ))
      )}
      {total > PAGE && <Pager offset={offset} size={PAGE} total={total} go={setOffset} />}
    </section>
  );
}
