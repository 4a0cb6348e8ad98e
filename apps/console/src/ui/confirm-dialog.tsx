import type { ComponentChildren, Ref } from 'preact';
import { useLang } from './i18n.js';

/**
 * The modal that reads back what an irreversible action will do before it is done: its words, then "Ya, lanjutkan"
 * (which closes it and acts) or "Batal". Opened by the caller through `dialogRef` (showModal).
 */
export function ConfirmDialog(props: {
  dialogRef: Ref<HTMLDialogElement>;
  id: string;
  busy: boolean;
  danger?: boolean;
  onConfirm: () => void;
  children: ComponentChildren;
}) {
  const { t } = useLang();
  const close = () => (props.dialogRef as { current: HTMLDialogElement | null }).current?.close();
  return (
    <dialog ref={props.dialogRef} aria-labelledby={`${props.id}-title`}>
      <h3 id={`${props.id}-title`}>{t('confirmTitle')}</h3>
      <p>{props.children}</p>
      <div class="action-list">
        <button
          type="button"
          class={props.danger ? 'danger' : undefined}
          disabled={props.busy}
          onClick={() => {
            close();
            props.onConfirm();
          }}
        >
          {t('confirm')}
        </button>
        <button type="button" class="secondary" onClick={close}>
          {t('cancel')}
        </button>
      </div>
    </dialog>
  );
}
