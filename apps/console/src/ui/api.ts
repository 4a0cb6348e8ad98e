// The server's own types where it has them (type-only: nothing of the domain is bundled).
import type { Availability, AvailableCommand, Label } from '#berkas/domain';

export type { Availability, AvailableCommand, Label };
import type { Problem } from '../i18n/catalogue.js';

/** A refusal from the API, as problem+json (or what stood in for it when the network failed). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(`HTTP ${problem.status}`);
  }
}

const TOKEN = 'berkas.token';

type SessionMessage = { kind: 'ask' } | { kind: 'token'; token: string } | { kind: 'renewed'; token: string } | { kind: 'out' };

/** Who the token is for (its `sub`), read without verifying: the server verifies; this only matches tabs. */
const subjectOf = (token: string): string | undefined => {
  try {
    return (JSON.parse(atob(token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))) as { sub?: string }).sub;
  } catch {
    return undefined;
  }
};

/**
 * The officer's session (D50). The token lives in this tab's
 * sessionStorage; a new tab borrows it from a tab already open (a
 * BroadcastChannel within this browser profile), so it survives a new tab
 * within its lifetime but not the browser closing: a shared counter PC
 * does not keep the last officer signed in. Signing out signs out every tab;
 * a changed password hands the new token to the officer's other tabs
 * (the server has ended every older token).
 */
const channel: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('berkas.session');
let onSignedOutElsewhere: () => void = () => undefined;
let onRenewed: () => void = () => undefined;

channel?.addEventListener('message', (e: MessageEvent<SessionMessage>) => {
  const m = e.data;
  const mine = sessionStorage.getItem(TOKEN);
  if (m.kind === 'ask' && mine) channel.postMessage({ kind: 'token', token: mine } satisfies SessionMessage);
  else if (m.kind === 'out' && mine) {
    sessionStorage.removeItem(TOKEN);
    onSignedOutElsewhere();
  } else if (m.kind === 'renewed' && mine && subjectOf(mine) === subjectOf(m.token)) {
    sessionStorage.setItem(TOKEN, m.token);
    onRenewed();
  }
});

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN);
  },
  set(token: string | null): void {
    if (token) sessionStorage.setItem(TOKEN, token);
    else sessionStorage.removeItem(TOKEN);
  },
  /** A new tab: the token of a tab already signed in, if one answers within `waitMs`. */
  borrow(waitMs = 250): Promise<string | null> {
    if (!channel || this.token) return Promise.resolve(this.token);
    return new Promise((resolve) => {
      const answer = (e: MessageEvent<SessionMessage>) => {
        if (e.data.kind !== 'token') return;
        channel.removeEventListener('message', answer);
        clearTimeout(timer);
        this.set(e.data.token);
        resolve(e.data.token);
      };
      const timer = setTimeout(() => {
        channel.removeEventListener('message', answer);
        resolve(null);
      }, waitMs);
      channel.addEventListener('message', answer);
      channel.postMessage({ kind: 'ask' } satisfies SessionMessage);
    });
  },
  /** Signed out here: every tab of this browser signs out too. */
  end(): void {
    this.set(null);
    channel?.postMessage({ kind: 'out' } satisfies SessionMessage);
  },
  /** A new token after a password change: this tab and the officer's other tabs carry on with it. */
  renew(token: string): void {
    this.set(token);
    channel?.postMessage({ kind: 'renewed', token } satisfies SessionMessage);
  },
  /** What the shell does when another tab signs out, or hands over a renewed token. */
  listen(handlers: { signedOut: () => void; renewed: () => void }): void {
    onSignedOutElsewhere = handlers.signedOut;
    onRenewed = handlers.renewed;
  },
};

/** Session ended: the app shows the login again. */
let onUnauthorized: () => void = () => undefined;
export const whenUnauthorized = (f: () => void) => (onUnauthorized = f);
/** Signed in on a password an administrator set: the app asks for the officer's own. */
let onPasswordDue: () => void = () => undefined;
export const whenPasswordDue = (f: () => void) => (onPasswordDue = f);

export interface Answer<T> {
  data: T;
  etag: string | null;
}

/** Calls the documented API (/api/...) with the officer's token; problem+json becomes an ApiError. */
export async function api<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await send(method, path, body, { accept: 'application/json', ...headers });
  const json: unknown = res.status === 204 ? undefined : await res.json().catch(() => undefined);
  return { data: json as T, etag: res.headers.get('etag') };
}

/** A file sent as the request's body (a scan for the dossier), answered as JSON like any command. */
export async function upload<T>(path: string, file: Blob, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await send('POST', path, file, { accept: 'application/json', ...headers });
  return { data: (await res.json().catch(() => undefined)) as T, etag: res.headers.get('etag') };
}

/**
 * A file from the API as an address this page can show (an image, a PDF in the browser's own viewer; revoke it
 * after), with the name the API gives it to save under (the registration number and the requirement).
 */
export async function fileUrl(path: string): Promise<{ url: string; name: string }> {
  const res = await send('GET', path, undefined, {});
  return { url: URL.createObjectURL(await res.blob()), name: savedName(res) };
}

const savedName = (res: Response) => /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'berkas';

/** Downloads a file the API makes, under the name the API gives it (Content-Disposition): one naming, the server's. */
export async function downloadFile(path: string, accept: string): Promise<void> {
  const res = await send('GET', path, undefined, { accept });
  saveFile(savedName(res), await res.blob());
}

/** Hands a file to the browser as a download. */
export function saveFile(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

async function send(method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(`/api${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': body instanceof Blob ? body.type : 'application/json' }),
        ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof Blob ? body : JSON.stringify(body),
    });
  } catch {
    throw new ApiError({ status: 503 });
  }
  if (res.ok) return res;
  if (res.status === 401 && session.token) {
    session.set(null);
    onUnauthorized();
  }
  const p = ((await res.json().catch(() => undefined)) ?? {}) as Partial<Problem> & { retryAfter?: number };
  if (res.status === 403 && p.code === 'AUTH.PASSWORD_CHANGE_REQUIRED') onPasswordDue();
  const retry = Number(res.headers.get('retry-after'));
  throw new ApiError({
    status: res.status,
    code: p.code,
    errors: p.errors,
    retryAfter: p.retryAfter ?? (retry || undefined),
    details: p.details,
  });
}

export interface Officer {
  officerId: string;
  name: string;
  role: 'front-desk' | 'processor' | 'supervisor' | 'admin' | 'system' | 'overseer';
  desks: { id: string; name: Label }[];
  /** Still on a password an administrator set: the console asks for the officer's own before anything else. */
  mustChangePassword?: boolean;
  /** The MPP (tenant) signed in to: its code and name. */
  tenant?: string;
  tenantName?: string;
}

/** A particular of a service definition (text, number or choice). */
export interface ParticularDef {
  code: string;
  label: Label;
  kind: 'text' | 'number' | 'choice';
  required?: boolean;
  maxLength?: number;
  unit?: string;
  min?: number;
  max?: number;
  integer?: boolean;
  options?: { code: string; label: Label }[];
}

export interface ServiceDefinition {
  code: string;
  version: number;
  name: Label;
  requirements: { code: string; label: Label; mandatory: boolean }[];
  steps: { id: string; kind: string; label: Label; desk?: string; desks?: string[]; outcomes: string[] }[];
  slaDays: number;
  /** What the applicant must give beyond name and NIK. */
  applicant?: { nib: 'required' | 'optional' };
  /** What the counter takes down about the object, printed on the permit. */
  particulars?: ParticularDef[];
  /** New, renewal, amendment: which the service takes. */
  variants?: { code: string; label: Label; previousPermit: boolean; waives: string[] }[];
  fee: {
    kind: string;
    inputs?: { code: string; label: Label; unit: string; min: number; max: number }[];
    exemptions?: { code: string; label: Label; legalBasis: string }[];
  } | null;
}

/** The officers' reads, typed by the read models themselves (type-only: the console bundles no server code). */
export type { HistoryEntry, Lifecycle, Page, QueueItem, ReturnedItem, SearchItem } from '#berkas/read-models/views';
import type { DossierDetail } from '#berkas/read-models/views';

/** A dossier as the officers' API answers it: the read model's detail, and what the signed-in officer may do now. */
export type Dossier = DossierDetail & {
  /** What the signed-in officer may do now, as the server's decider answers. */
  available: Availability;
  /** While the dossier is with the applicant: since when, whether the clock stops, and the working days so far. */
  clockPause: { since: string; stops: boolean; workingDaysSoFar: number } | null;
};
