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

export const session = {
  get token(): string | null {
    return sessionStorage.getItem(TOKEN);
  },
  set(token: string | null): void {
    if (token) sessionStorage.setItem(TOKEN, token);
    else sessionStorage.removeItem(TOKEN);
  },
};

/** Session ended: the app shows the login again. */
let onUnauthorized: () => void = () => undefined;
export const whenUnauthorized = (f: () => void) => (onUnauthorized = f);

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

/** A file from the API (an export), as the officer's browser would save it. */
/** Downloads a file the API makes, under the name the API gives it (Content-Disposition): one naming, the server's. */
export async function downloadFile(path: string, accept: string): Promise<void> {
  const res = await send('GET', path, undefined, { accept });
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'berkas';
  saveFile(name, await res.blob());
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
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(session.token ? { authorization: `Bearer ${session.token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
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
  role: 'front-desk' | 'processor' | 'supervisor' | 'admin' | 'system';
  desks: { id: string; name: Label }[];
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
};
