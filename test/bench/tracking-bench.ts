/// <reference lib="dom" />
/**
 * `npm run bench`, the applicant's part: the tracking page on an emulated slow
 * 3G line (400 ms round trip, 400 kbit/s each way, Chromium's DevTools
 * throttling) on a 360x640 phone: the form, then a lookup, each timed to the
 * page's load event, with the bytes that crossed the wire. Beside it, in the
 * same run: the same pages unthrottled, and the officers' console's first
 * load on the same slow line (what a script-built page would cost).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromiumPath, launch } from '../support/browser.js';
import { Harness } from '../support/http-harness.js';

const SLOW_3G = { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 };
const ROUNDS = 5;

const executable = chromiumPath();
if (!executable) {
  console.log('\ntracking page benchmark skipped: no Chromium');
  process.exit(0);
}
const dir = mkdtempSync(join(tmpdir(), 'berkas-tracking-bench-'));
const h = await Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '', DEMO_DOSSIERS: 'true' });
const [, number, pin] = /^\s+(REKLAME-\d{4}-\d{6})\s+PIN (\d{6})/m.exec(h.banner) ?? [];
let browser: Browser | undefined;
try {
  browser = await launch(executable);
  /** One visit in a fresh phone (nothing cached): ms to the load event and bytes received, form then result. */
  const visit = async (slow: boolean, what: 'lookup' | 'console') => {
    const ctx = await browser!.newContext({ viewport: { width: 360, height: 640 }, isMobile: true, locale: 'id-ID' });
    const page: Page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    if (slow) await cdp.send('Network.emulateNetworkConditions', SLOW_3G);
    let bytes = 0;
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
    const timed = async (go: () => Promise<unknown>) => {
      const t = performance.now();
      await go();
      return performance.now() - t;
    };
    if (what === 'console') {
      const ms = await timed(() =>
        page.goto(`${h.url}/konsol/`, { waitUntil: 'load' }).then(() => page.getByLabel('Nama pengguna').waitFor()),
      );
      await ctx.close();
      return { form: ms, result: 0, bytes };
    }
    const form = await timed(() => page.goto(`${h.url}/?nomor=${number}`, { waitUntil: 'load' }));
    await page.locator('#pin').fill(pin);
    const result = await timed(() => Promise.all([page.waitForEvent('load'), page.locator('#lookup button').click()]));
    if (!(await page.locator('main').innerText()).includes('Menunggu pembayaran')) throw new Error('the lookup did not show the dossier');
    await ctx.close();
    return { form, result, bytes };
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rounds = async (slow: boolean, what: 'lookup' | 'console') => {
    const runs = [];
    for (let i = 0; i < ROUNDS; i++) runs.push(await visit(slow, what));
    return { form: median(runs.map((r) => r.form)), result: median(runs.map((r) => r.result)), bytes: median(runs.map((r) => r.bytes)) };
  };
  const slow = await rounds(true, 'lookup');
  const fast = await rounds(false, 'lookup');
  const consoleSlow = await rounds(true, 'console');
  const kb = (b: number) => `${(b / 1000).toFixed(1)} kB`;
  console.log(`\ntracking page on a 360x640 phone, median of ${ROUNDS} fresh visits (nothing cached), to the load event`);
  console.log(
    `  slow 3G (400 ms, 400 kbit/s)  form ${slow.form.toFixed(0).padStart(5)} ms   lookup ${slow.result.toFixed(0).padStart(5)} ms   transfer ${kb(slow.bytes)}   targets: 2000 ms ${Math.max(slow.form, slow.result) < 2000 ? 'met' : 'MISSED'}, 50 kB ${slow.bytes < 50_000 ? 'met' : 'MISSED'}`,
  );
  console.log(
    `  unthrottled (baseline)         form ${fast.form.toFixed(0).padStart(5)} ms   lookup ${fast.result.toFixed(0).padStart(5)} ms   transfer ${kb(fast.bytes)}`,
  );
  console.log(
    `  officers' console, slow 3G     login form ${consoleSlow.form.toFixed(0).padStart(5)} ms   transfer ${kb(consoleSlow.bytes)}   (a page built by script, for comparison)\n`,
  );
} finally {
  await browser?.close();
  await h.close();
  rmSync(dir, { recursive: true, force: true });
}
