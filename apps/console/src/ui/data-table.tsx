import type { ComponentChildren, Ref } from 'preact';
import type { UiKey } from '../i18n/catalogue.js';
import { useLang } from './i18n.js';
import { BASE, useSession } from './session.js';

/** One column: its heading (a catalogue key, so it is translated) and what a row shows in it. */
export interface Column<T> {
  /** A catalogue key, or a text that needs none (a code such as U1). */
  header: UiKey | { text: string };
  cell: (row: T, index: number) => ComponentChildren;
  /** A column of figures: right-aligned. */
  numeric?: boolean;
  /** The cell that names its row (a screen reader says it before each of the row's figures). */
  rowHeader?: boolean;
}

/**
 * The console's one table: headed columns, one row per item, keyed. Every list
 * (queues, search, returned dossiers, officers, complaints, quarantine,
 * dashboard, notices) is a DataTable, so they look and read alike.
 */
export function DataTable<T>(props: {
  rows: readonly T[];
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  /** Extra attributes of a row (the queue marks its keyboard cursor). */
  rowProps?: (row: T, index: number) => Record<string, string | number>;
  tableRef?: Ref<HTMLTableElement>;
  caption?: ComponentChildren;
  class?: string;
  /** Names the table and makes it focusable: on a phone a wide table scrolls sideways, and the keyboard must reach it. */
  label?: string;
}) {
  const { t } = useLang();
  return (
    <table ref={props.tableRef} class={props.class} {...(props.label ? { tabIndex: 0, 'aria-label': props.label } : {})}>
      {props.caption && <caption>{props.caption}</caption>}
      <thead>
        <tr>
          {props.columns.map((c, i) => (
            <th key={i} scope="col" class={c.numeric ? 'num' : undefined}>
              {typeof c.header === 'string' ? t(c.header) : c.header.text}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, n) => (
          <tr key={props.rowKey(row)} {...(props.rowProps?.(row, n) ?? {})}>
            {props.columns.map((c, i) =>
              c.rowHeader ? (
                <th key={i} scope="row">
                  {c.cell(row, n)}
                </th>
              ) : (
                <td key={i} class={c.numeric ? 'num' : undefined}>
                  {c.cell(row, n)}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A dossier's registration number, linked to its page, with a small line under it. */
export function DossierLink(props: { dossier: { dossierId: string; registrationNumber: string }; below?: ComponentChildren }) {
  return (
    <>
      <a href={`${BASE}/berkas/${props.dossier.dossierId}`}>{props.dossier.registrationNumber}</a>
      {props.below && <small class="block">{props.below}</small>}
    </>
  );
}

/** The service filter every list offers: all services, or one. */
export function ServiceSelect(props: { value: string; onChange: (code: string) => void }) {
  const { t, tx } = useLang();
  const { services } = useSession();
  return (
    <label>
      {t('service')}
      <select value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)}>
        <option value="">{t('allServices')}</option>
        {services.map((s) => (
          <option key={s.code} value={s.code}>
            {tx(s.name)}
          </option>
        ))}
      </select>
    </label>
  );
}
