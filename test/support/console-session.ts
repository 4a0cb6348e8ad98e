/// <reference lib="dom" />
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { artifacts, chromiumPath, launch, seriousViolations } from './browser.js';
import { Harness } from './http-harness.js';

/** What must never reach an officer's screen: event types, status and role codes, error codes, officer ids. */
export const RAW_CODE =
  /\b(Dossier[A-Z]\w+|Step(Started|Completed)|Permit[A-Z]\w+|Fee[A-Z]\w+|in-process|awaiting-payment|front-desk|processor|back-office|[A-Z]{3,}\.[A-Z_]{3,}|officer-[a-z]+|undefined|null|NaN)\b/;

export const chromium = chromiumPath();

/**
 * One all-in-one Berkas and one Chromium for a console suite, started before
 * its tests and stopped after them, with what the tests do in it: log in as an
 * officer, look at a page (no raw code, no serious accessibility problem, a
 * screenshot), open a dossier, act on it. Call inside the suite's describe.
 */
export function consoleSession(suite: string, env: Record<string, string> = {}) {
  let h: Harness;
  let browser: Browser;
  let dir: string;
  const shoot = artifacts(suite);
  const violations: Record<string, unknown[]> = {};
  const pageErrors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'berkas-console-'));
    h = await Harness.start({ BERKAS_DATA_DIR: dir, DATABASE_URL: '', ...env });
    browser = await launch(chromium!);
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An officer's own browser: a fresh context (its own session), logged in through the form. */
  async function officer(username: string, width = 1366): Promise<{ page: Page; ctx: BrowserContext }> {
    const ctx = await browser.newContext({ viewport: { width, height: 768 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(`${username}: ${String(e)}`));
    await page.goto(`${h.url}/konsol/`);
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi').fill('demo123');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();
    return { page, ctx };
  }

  /** Checks what an officer sees now: no raw code, no serious accessibility problem; keeps a screenshot. */
  async function look(page: Page, name: string): Promise<void> {
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(RAW_CODE);
    violations[name] = await seriousViolations(page);
    await shoot(page, name);
  }

  async function openDossier(page: Page, number: string): Promise<void> {
    await page.getByRole('searchbox').fill(number);
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    // An exact registration number opens the dossier directly (no list to pick from).
    await page.getByRole('heading', { name: new RegExp(number) }).waitFor();
  }

  /**
   * Takes up the dossier at this officer's desk, then runs one action (its form, its confirmation: true, or what the
   * confirmation must say).
   */
  async function act(
    page: Page,
    action: string,
    fill: (page: Page) => Promise<void> = async () => undefined,
    confirm: boolean | RegExp = false,
  ) {
    const claim = page.getByRole('button', { name: 'Ambil untuk dikerjakan' });
    if (await claim.isVisible()) {
      await claim.click();
      await page.getByRole('button', { name: action }).waitFor();
    }
    await page.getByRole('button', { name: action }).click();
    await fill(page);
    // The action's own form (a supervisor's page also has the reassignment's).
    const submit = page
      .locator('form.action-form')
      .filter({ has: page.getByRole('heading', { name: action, exact: true }) })
      .locator('button[type=submit]');
    if (await submit.isVisible()) await submit.click();
    if (confirm) {
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      expect(await dialog.innerText()).toMatch(confirm === true ? /tidak dapat dibatalkan|akan/ : confirm);
      await dialog.getByRole('button', { name: 'Ya, lanjutkan' }).click();
    }
    await page.getByRole('status').filter({ hasText: 'Tersimpan.' }).waitFor();
  }

  return {
    get h() {
      return h;
    },
    get browser() {
      return browser;
    },
    violations,
    pageErrors,
    shoot,
    officer,
    look,
    openDossier,
    act,
  };
}

/**
 * An officer's own browser on a Berkas a suite started itself (when `consoleSession`'s one harness will not do: a
 * restart with another catalogue, say): a fresh context logged in through the form, its page errors collected.
 */
export async function signInAs(browser: Browser, url: string, username: string, errors: string[]): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'id-ID', timezoneId: 'Asia/Jakarta' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`${username}: ${String(e)}`));
  await page.goto(`${url}/konsol/`);
  await page.getByLabel('Nama pengguna').fill(username);
  await page.getByLabel('Kata sandi').fill('demo123');
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();
  return page;
}

/** What an officer sees in the page's main part: no raw code, no serious accessibility problem; a screenshot kept. */
export async function lookClean(page: Page, shoot: (page: Page, name: string) => Promise<void>, name: string): Promise<void> {
  expect(await page.locator('main').innerText()).not.toMatch(RAW_CODE);
  expect(await seriousViolations(page)).toEqual([]);
  await shoot(page, name);
}
