import { createContext, type ComponentChildren } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { fill, problemText, UI, type Lang, type Text, type UiKey } from '../i18n/catalogue.js';
import { ApiError } from './api.js';

interface LangContext {
  lang: Lang;
  setLang: (lang: Lang) => void;
  /** A label of the catalogue, placeholders filled. */
  t: (key: UiKey, params?: Record<string, string | number>) => string;
  /** A text that came with the data (a service name, a desk's name). */
  tx: (text: Text | undefined) => string;
  /** What went wrong, as a sentence. */
  failure: (e: unknown) => string;
}

const Ctx = createContext<LangContext | null>(null);
const KEY = 'berkas.lang';

export function LanguageProvider({ children }: { children: ComponentChildren }) {
  const [lang, setLangState] = useState<Lang>(localStorage.getItem(KEY) === 'en' ? 'en' : 'id');
  document.documentElement.lang = lang;
  const setLang = (l: Lang) => {
    localStorage.setItem(KEY, l);
    setLangState(l);
  };
  const value: LangContext = {
    lang,
    setLang,
    t: (key, params) => fill(UI[key][lang], params),
    tx: (text) => text?.[lang] ?? '',
    failure: (e) => (e instanceof ApiError ? problemText(e.problem, lang) : problemText({ status: 500 }, lang)),
  };
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useLang(): LangContext {
  const c = useContext(Ctx);
  if (!c) throw new Error('useLang outside LanguageProvider');
  return c;
}

/** A refusal or problem, read out by screen readers as it appears. */
export function Alert({ message }: { message: string }) {
  return message ? (
    <p role="alert" class="error">
      {message}
    </p>
  ) : null;
}

/** Previous and next over a paged list of `total` items, `size` at a time. */
export function Pager({ offset, size, total, go }: { offset: number; size: number; total: number; go: (offset: number) => void }) {
  const { t } = useLang();
  return (
    <div class="pager">
      <button type="button" class="secondary" disabled={offset === 0} onClick={() => go(Math.max(0, offset - size))}>
        {t('previous')}
      </button>
      <button type="button" class="secondary" disabled={offset + size >= total} onClick={() => go(offset + size)}>
        {t('next')}
      </button>
    </div>
  );
}
