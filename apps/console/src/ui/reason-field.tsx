import { useLang } from './i18n.js';

/** The least a reason holds: what the API's reasons ask (libs/desk's Reason validator: 10 to 500 characters). */
const LEAST = 10;

/**
 * Why a change is made, as every recorded change asks it (a publication, a migration, a repair): a textarea with the
 * least it must hold said beside its label. `label` replaces the word "Alasan" where a page holds two reasons.
 */
export function ReasonField(props: { value: string; onInput: (value: string) => void; label?: string; name?: string }) {
  const { t } = useLang();
  return (
    <label>
      {props.label ?? t('reason')} <small>({t('minChars', { n: LEAST })})</small>
      <textarea
        name={props.name}
        rows={2}
        required
        minLength={LEAST}
        maxLength={500}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </label>
  );
}

/** What is wrong with a reason before it is sent, in the page's words; undefined when it will do. */
export function useReasonProblem(): (reason: string, label?: string) => string | undefined {
  const { t } = useLang();
  return (reason, label) => (reason.trim().length < LEAST ? `${label ?? t('reason')}: ${t('minChars', { n: LEAST })}` : undefined);
}
