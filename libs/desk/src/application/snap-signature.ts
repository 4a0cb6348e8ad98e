import { createHash, createHmac } from 'node:crypto';

/**
 * SNAP's symmetric signature of a service call: HMAC-SHA512 with the client
 * secret over `METHOD:path:accessToken:hex(sha256(minified body)):timestamp`,
 * base64. What the bank signs and what Berkas checks.
 */
export function snapSignature(secret: string, method: string, path: string, accessToken: string, body: unknown, timestamp: string): string {
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').toLowerCase();
  return createHmac('sha512', secret).update(`${method}:${path}:${accessToken}:${digest}:${timestamp}`).digest('base64');
}
