import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Officer, ServiceDefinition } from './api.js';

/**
 * The signed-in officer's session, shared by every page: the shell (app.tsx)
 * provides it, pages read it. Its own module so that pages never import the
 * shell that imports them.
 */
export const BASE = '/konsol';

export interface Session {
  officer: Officer;
  services: ServiceDefinition[];
  deskNames: Map<string, { id: string; en: string }>;
  /** Officer id -> name, to say who holds or did what. */
  names: Map<string, string>;
  /** Active officers and their desks (whom a supervisor can hand a dossier to). */
  colleagues: { officerId: string; name: string; desks: string[] }[];
  logOut: () => void;
}
export const SessionCtx = createContext<Session | null>(null);
export const useSession = (): Session => useContext(SessionCtx)!;
