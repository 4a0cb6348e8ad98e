import type { IncomingMessage } from 'node:http';
import type { Tenant, Tenants } from '#berkas/platform';

// Each MPP's public pages (issue 23): on its own host name (TENANT_HOSTS), or under its code on the public site
// (`/kota-denpasar/...`); the home tenant's at the root, as before tenants. The request is told which MPP it is for
// before anything routes it, and its path is made the one the routes know, so the same routes serve every MPP.

/** The MPP a public request is for, and the path its pages live under ('' at the root). */
export interface PublicSite {
  tenant: Tenant;
  base: string;
}

const SITE = Symbol('berkas.publicSite');
type WithSite = IncomingMessage & { [SITE]?: PublicSite };

/** Paths under an MPP's code that are its public pages: the pages, their assets and the public API, never the console's. */
const PUBLIC_UNDER_CODE = /^\/(?:$|\?|api\/public\/|(?!api\/|api$|konsol)[^/?]*)/;

/**
 * Decides the MPP of each request and, for one under an MPP's code, takes the code off its path (kept as `base`).
 * A host name in `hosts` wins; an unknown code is left alone (it is some other path, answered as any).
 */
export function publicSiteResolver(tenants: Tenants, hosts: ReadonlyMap<string, string>): (req: IncomingMessage) => void {
  return (req) => {
    const r = req as WithSite;
    const host = (req.headers.host ?? '').toLowerCase();
    const byHost = hosts.get(host) ?? hosts.get(host.replace(/:\d+$/, ''));
    if (byHost) {
      r[SITE] = { tenant: tenants.of(byHost), base: '' };
      return;
    }
    const url = req.url ?? '/';
    const code = /^\/([a-z][a-z0-9-]{0,39})(?=[/?]|$)/.exec(url)?.[1];
    const tenant = code ? tenants.get(code) : undefined;
    if (!tenant) return;
    const rest = url.slice(code!.length + 1);
    const path = rest.startsWith('/') ? rest : `/${rest}`;
    if (!PUBLIC_UNDER_CODE.test(path)) return;
    r[SITE] = { tenant, base: `/${tenant.code}` };
    req.url = path;
  };
}

/** The MPP a public request is for: as decided by the resolver, else the home tenant at the root. */
export function publicSiteOf(req: IncomingMessage, tenants: Tenants): PublicSite {
  return (req as WithSite)[SITE] ?? { tenant: tenants.home, base: '' };
}
