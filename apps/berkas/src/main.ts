import { DateTime } from 'luxon';
import { seedDemoIfConfigured } from '#berkas/desk';
import { MPP_TIME_ZONES } from '#berkas/domain';
import { BERKAS_CONFIG, PROJECTOR, startOpsServer, TENANTS, type BerkasConfig, type Tenants } from '#berkas/platform';
import type { ProjectorHandle } from '#berkas/read-models';
import { createBerkasApp } from './create-app.js';

const app = await createBerkasApp();
const config = app.get<BerkasConfig>(BERKAS_CONFIG);
await app.listen(config.PORT, config.HOST);
// After listening: a demo permit's QR code points at the port this server got (PORT=0 picks one).
const demo = await seedDemoIfConfigured(app);
// The PINs printed below must find their dossiers at once: project the demo data before saying so.
if (demo?.dossiers.length && config.RUN_PROJECTOR) await app.get<ProjectorHandle>(PROJECTOR).catchUp();
const ops = await startOpsServer(app);
const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');

const tenants = app.get<Tenants>(TENANTS);
const lines = [
  '',
  `Berkas is running for ${config.MPP_NAME} (${config.MPP_TIME_ZONE}, ${DateTime.now().setZone(MPP_TIME_ZONES[config.MPP_TIME_ZONE]).toISODate()})`,
  `  store:            ${config.DATABASE_URL ? 'PostgreSQL' : `embedded PGlite in ${config.BERKAS_DATA_DIR}`}`,
  `  public tracking:  ${url}/`,
  // Every other MPP of the deployment: its own pages, in its own zone (D54).
  ...tenants
    .all()
    .filter((t) => t !== tenants.home)
    .map(
      (t) =>
        `  ${t.profile.name}: ${url}${tenants.publicPath(t)}/   (${t.timeZone}, ${DateTime.now().setZone(t.zone).toISODate()}; officers sign in to "${t.code}")`,
    ),
  `  officers' console: ${url}/konsol/   (log in as below)`,
  `  officers' API:    ${url}/api/docs   (Swagger UI: log in with POST /api/auth/login, then Authorize)`,
  `  operations:       ${ops.url}/health/ready, ${ops.url}/metrics   (health and Prometheus metrics, this machine only by default)`,
];
if (demo) {
  lines.push('', `Demo officers (password for all: ${demo.officers[0].password}):`);
  for (const o of demo.officers) lines.push(`  ${o.username.padEnd(12)} ${o.role.padEnd(11)} ${o.desks.join(', ')}`);
  if (demo.dossiers.length) {
    lines.push('', 'Demo dossiers (registration number / PIN for public tracking):');
    for (const d of demo.dossiers)
      lines.push(
        `  ${d.registrationNumber.padEnd(22)} PIN ${d.pin}  ${d.stage}` +
          (d.tenant ? `  (${tenants.get(d.tenant)?.profile.name ?? d.tenant}: ${url}${tenants.publicPath(tenants.of(d.tenant))}/)` : ''),
      );
  } else lines.push('', 'Demo dossiers were created on the first start; their PINs were printed then.');
}
console.log(lines.join('\n') + '\n');
