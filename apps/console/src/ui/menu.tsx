import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

/** A header menu: a word that opens a short list of links, closed again when one is followed. */
export function Menu({ label, children, class: cls }: { label: ComponentChildren; children: ComponentChildren; class?: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    // Closes on a click elsewhere, and on Escape, as a menu does.
    const away = (e: Event) => {
      if (ref.current?.open && !ref.current.contains(e.target as Node)) ref.current.open = false;
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && ref.current?.open) {
        ref.current.open = false;
        ref.current.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('click', away);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('click', away);
      document.removeEventListener('keydown', escape);
    };
  }, []);
  return (
    <details class={`menu ${cls ?? ''}`} ref={ref}>
      <summary>{label}</summary>
      <div class="menu-list" onClick={(e) => (e.target as HTMLElement).closest('a,button') && ref.current?.removeAttribute('open')}>
        {children}
      </div>
    </details>
  );
}
