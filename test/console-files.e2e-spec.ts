/// <reference lib="dom" />
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { consoleSession, chromium } from './support/console-session.js';
import { PBG_REQUEST } from './support/http-harness.js';
import { samplePdf } from './support/sample-files.js';

/**
 * A dossier's files in the console (issue 22): taken at the counter by upload
 * or camera beside the requirement they belong to, then read at the desk in a
 * preview beside the checklist.
 */
const maybe = chromium ? describe : describe.skip;

// A one-pixel PNG, as a camera would give a (very small) photo.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

maybe("a dossier's files in the console, in Chromium", () => {
  const session = consoleSession('console-files');
  const { officer, look, openDossier, violations, pageErrors } = session;
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-scans-'));
    writeFileSync(join(dir, 'ktp-siti.pdf'), samplePdf('KTP Siti Aminah'));
    const cut = samplePdf('KTP Siti Aminah, terpotong');
    writeFileSync(join(dir, 'ktp-terpotong.pdf'), cut.subarray(0, cut.length - 100));
    writeFileSync(join(dir, 'foto-lahan.png'), PNG);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a scan and a photo at the counter beside their requirement, and shows them to the desk in a preview', async () => {
    const registered = await session.h.as('loket', 'POST', '/api/dossiers', PBG_REQUEST);
    const number = registered.body.registrationNumber as string;
    await session.h.eventually(
      () => session.h.as('loket', 'GET', `/api/search?q=${number}`),
      (r) => r.body.total === 1,
    );
    let { page, ctx } = await officer('loket', 1024);
    await openDossier(page, number);
    // A PDF cut off on the way is refused in words the officer can act on, never a code.
    await page.getByLabel('Unggah berkas KTP pemohon (PDF, JPEG, PNG)').setInputFiles(join(dir, 'ktp-terpotong.pdf'));
    const refused = page.getByRole('alert').filter({ hasText: 'rusak atau terpotong' });
    await refused.waitFor();
    expect(await refused.innerText()).not.toMatch(/DOCUMENT\.|BROKEN/);
    await page.getByLabel('Unggah berkas KTP pemohon (PDF, JPEG, PNG)').setInputFiles(join(dir, 'ktp-siti.pdf'));
    await page.getByRole('status').filter({ hasText: 'Berkas dilampirkan.' }).waitFor();
    const ktp = page.locator('ul.requirements > li').filter({ hasText: 'KTP pemohon' });
    expect(await ktp.innerText()).toMatch(/ktp-siti\.pdf\s+1 kB · Rina Loket/);
    // The land's photo by the camera input (a phone or a counter webcam), for the land title requirement.
    const land = page.locator('ul.requirements > li').filter({ hasText: 'Bukti kepemilikan tanah' });
    await land.getByLabel(/^Foto dengan kamera/).setInputFiles(join(dir, 'foto-lahan.png'));
    await land
      .getByRole('button', { name: 'foto-lahan.png', exact: true })
      .waitFor({ timeout: 10_000 })
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await land.innerText()}\n${(await page.getByRole('alert').allInnerTexts()).join(' ')}`);
      });
    await look(page, 'dossier-files-counter-1024');
    await ctx.close();

    // The verifier reads them beside the checklist.
    ({ page, ctx } = await officer('verifikator', 1024));
    await openDossier(page, number);
    await page.getByRole('button', { name: 'ktp-siti.pdf' }).click();
    const preview = page.getByRole('figure', { name: 'Pratinjau ktp-siti.pdf' });
    await preview.waitFor();
    expect(await preview.locator('iframe').getAttribute('src')).toMatch(/^blob:/);
    // Saved under the registration number and the requirement, whatever the file was called when handed in.
    const saving = page.waitForEvent('download');
    await preview.getByRole('link', { name: 'Unduh' }).click();
    expect((await saving).suggestedFilename()).toBe(`${number}-ktp-1.pdf`);
    await page.getByRole('button', { name: 'foto-lahan.png' }).click();
    const photo = page.getByRole('img', { name: 'Pratinjau foto-lahan.png' });
    await photo.waitFor();
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    // Side by side: the preview to the right of the checklist.
    const list = (await page.locator('ul.requirements').boundingBox())!;
    const shown = (await page.getByRole('figure', { name: /Pratinjau/ }).boundingBox())!;
    expect(shown.x).toBeGreaterThan(list.x + list.width - 5);
    await look(page, 'dossier-files-desk-1024');
    // Each read is in the access log.
    const log = (await session.h.as('supervisor', 'GET', `/api/access-log?dossierId=${registered.body.dossierId as string}`)).body
      .items as { officerId: string; what: string }[];
    expect(log.filter((e) => e.officerId === 'officer-verifikator' && e.what.startsWith('document ')).length).toBeGreaterThanOrEqual(2);
    await ctx.close();
  }, 120_000);

  it('has no serious accessibility violations on the pages it visited, and no script error', () => {
    expect(pageErrors).toEqual([]);
    expect(Object.keys(violations).length).toBe(2);
    expect(Object.entries(violations).filter(([, v]) => v.length)).toEqual([]);
  });
});
