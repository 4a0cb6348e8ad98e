import { useEffect, useState } from 'preact/hooks';
import { DELIVERY_TEXT, NOTICE_TEXT, VIA_TEXT, dateTime } from '../../i18n/catalogue.js';
import { api } from '../api.js';
import { useLang } from '../i18n.js';
import { DataTable } from '../data-table.js';

/** The notices sent to the applicant about this dossier. */
interface Notice {
  kind: keyof typeof NOTICE_TEXT;
  channel: 'email' | 'phone';
  recipient: string;
  status: 'pending' | 'sent' | 'logged' | 'failed' | 'superseded';
  via: keyof typeof VIA_TEXT | null;
  attempts: number;
  createdAt: string;
}

/** What the applicant was told and whether it reached them (sent, retrying, given up), as officers answer the phone. */
export function Notices({ dossierId, version }: { dossierId: string; version: number }) {
  const { t, tx, lang } = useLang();
  const [notices, setNotices] = useState<Notice[] | null>(null);
  useEffect(() => {
    api<Notice[]>('GET', `/dossiers/${dossierId}/notices`)
      .then((r) => setNotices(r.data))
      .catch(() => setNotices([]));
  }, [dossierId, version]);
  if (!notices) return null;
  return (
    <section class="card" aria-labelledby="notices-title">
      <h2 id="notices-title">{t('noticesSent')}</h2>
      {notices.length === 0 ? (
        <p>{t('noNotices')}</p>
      ) : (
        <DataTable
          label={t('noticesSent')}
          rows={notices}
          rowKey={(n) => `${n.createdAt}-${n.channel}-${n.kind}`}
          columns={[
            { header: 'date', cell: (n) => dateTime(n.createdAt, lang) },
            { header: 'noticeWhat', cell: (n) => tx(NOTICE_TEXT[n.kind]) },
            {
              header: 'noticeChannel',
              cell: (n) => (
                <>
                  {tx(VIA_TEXT[n.via ?? n.channel])} · {n.recipient}
                </>
              ),
            },
            { header: 'noticeStatus', cell: (n) => tx(DELIVERY_TEXT[n.status === 'pending' && n.attempts > 0 ? 'retrying' : n.status]) },
            { header: 'noticeAttempts', numeric: true, cell: (n) => n.attempts },
          ]}
        />
      )}
    </section>
  );
}

/** The permit, or the rejection letter, as the PDF the applicant is handed (the original, with the full name). */
