import type { Browser, BrowserContext, Page } from 'playwright-core';

/** An applicant's phone: 360×640, Indonesian, touch; with or without JavaScript. */
export async function phone(browser: Browser, javaScriptEnabled = true): Promise<{ page: Page; ctx: BrowserContext }> {
  const ctx = await browser.newContext({ viewport: { width: 360, height: 640 }, javaScriptEnabled, locale: 'id-ID', isMobile: true });
  return { page: await ctx.newPage(), ctx };
}

/** Opens the tracking page and looks the dossier up with its receipt's number and PIN, as an applicant types them. */
export async function lookUp(page: Page, url: string, r: { number: string; pin: string }): Promise<void> {
  await page.goto(`${url}/`);
  await page.getByLabel(/Nomor registrasi/).fill(r.number);
  await page.getByLabel(/PIN pada tanda terima/).fill(r.pin);
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /Lacak/ }).click()]);
}
