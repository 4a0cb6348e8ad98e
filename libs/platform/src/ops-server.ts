import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplicationContext } from '@nestjs/common';
import type { BerkasConfig } from './config.js';
import { Readiness } from './health.module.js';
import { Metrics } from './metrics.module.js';
import { BERKAS_CONFIG } from './tokens.js';

/**
 * Health and Prometheus metrics for operators, on their own port (OPS_PORT,
 * bound to OPS_HOST, loopback by default), never beside the public pages:
 *   GET /health/live   the process is up (200)
 *   GET /health/ready  the database answers (200) or not (503), within a bounded time
 *   GET /metrics       Prometheus text format
 */
export async function startOpsServer(app: INestApplicationContext): Promise<{ server: Server; url: string }> {
  const config = app.get<BerkasConfig>(BERKAS_CONFIG);
  const readiness = app.get(Readiness, { strict: false });
  const metrics = app.get(Metrics, { strict: false });
  const server = createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
      res.end(body);
    };
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET') return send(405, 'text/plain', 'GET only\n');
    if (path === '/health/live') return send(200, 'application/json', JSON.stringify({ status: 'ok' }));
    if (path === '/health/ready' || path === '/health')
      return void readiness.check().then(
        (r) => send(r.status === 'ok' ? 200 : 503, 'application/json', JSON.stringify(r)),
        (e: unknown) => send(503, 'application/json', JSON.stringify({ status: 'error', error: String(e) })),
      );
    if (path === '/metrics')
      return void metrics.registry.metrics().then(
        (text) => send(200, metrics.registry.contentType, text),
        (e: unknown) => send(500, 'text/plain', `metrics failed: ${String(e)}\n`),
      );
    send(404, 'text/plain', 'not found: /health/live, /health/ready, /metrics\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.OPS_PORT, config.OPS_HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = config.OPS_HOST.includes(':') ? `[${config.OPS_HOST}]` : config.OPS_HOST;
  return { server, url: `http://${host === '127.0.0.1' ? 'localhost' : host}:${port}` };
}
