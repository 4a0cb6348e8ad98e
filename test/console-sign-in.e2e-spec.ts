/// <reference lib="dom" />
import type { Page } from 'playwright-core';
import { consoleSession, chromium } from './support/console-session.js';

/**
 * Signing in as an office lives with it (issue 21): a sentence for each
 * refusal, the officer's own password chosen at first sign-in, an
 * administrator's reset, one session across a browser's tabs, and every
 * other session ended when the password changes.
 */
const maybe = chromium ? describe : describe.skip;

maybe('signing in to the console, in Chromium', () => {
  // Three wrong passwords lock a client out of an account (15 minutes, the default window).
  const session = consoleSession('console-sign-in', { LOGIN_CLIENT_FAILURES: '3' });
  const { look, violations, pageErrors } = session;

  /** A browser at the sign-in form (a new context: another computer). */
  async function signInForm(): Promise<Page> {
    const ctx = await session.browser.newContext({ viewport: { width: 1024, height: 768 }, locale: 'id-ID' });
    const page = await ctx.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await page.goto(`${session.h.url}/konsol/`);
    await page.getByLabel('Nama pengguna').waitFor();
    return page;
  }
  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('Nama pengguna').fill(username);
    await page.getByLabel('Kata sandi', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Masuk', exact: true }).click();
  }
  const alert = async (page: Page) => {
    const a = page.getByRole('alert');
    await a.waitFor();
    return a.innerText();
  };
  async function account(username: string, password: string): Promise<string> {
    const r = await session.h.as('admin', 'POST', '/api/officers', {
      username,
      name: `Petugas ${username}`,
      role: 'processor',
      desks: ['back-office'],
      password,
    });
    expect(r.status).toBe(201);
    return r.body.officerId as string;
  }

  it('says which sign-in failed and why: wrong password, locked with the wait, deactivated', async () => {
    const page = await signInForm();
    await signIn(page, 'loket', 'bukan-kata-sandinya');
    expect(await alert(page)).toBe('Nama pengguna atau kata sandi salah. Periksa huruf besar-kecil, lalu coba lagi.');
    // An unknown username reads the same: no one learns which usernames exist.
    await signIn(page, 'tidak-ada-orangnya', 'bukan-kata-sandinya');
    expect(await alert(page)).toMatch(/^Nama pengguna atau kata sandi salah/);
    await look(page, 'sign-in-wrong-1024');

    await account('kunci', 'sementara-kunci-1');
    for (let i = 0; i < 2; i++) {
      await signIn(page, 'kunci', `tebakan-${i}-salah`);
      expect(await alert(page)).toMatch(/^Nama pengguna atau kata sandi salah/);
    }
    await signIn(page, 'kunci', 'tebakan-3-salah');
    expect(await alert(page)).toMatch(/Terlalu banyak kata sandi salah untuk akun ini dari komputer ini\. Coba lagi dalam 15 menit/);
    // Locked, even the right password waits: the guesser is told the same wait.
    await signIn(page, 'kunci', 'sementara-kunci-1');
    expect(await alert(page)).toMatch(/Coba lagi dalam (14|15) menit/);

    const leaving = await account('pindah-tugas', 'sementara-pindah-1');
    expect((await session.h.as('admin', 'PATCH', `/api/officers/${leaving}`, { active: false })).status).toBe(200);
    await signIn(page, 'pindah-tugas', 'sementara-pindah-1');
    expect(await alert(page)).toBe('Akun ini sudah dinonaktifkan. Hubungi administrator MPP bila Anda masih bertugas.');
    await page.context().close();
  });

  it('has a new officer choose their own password first, and lets an administrator reset one in the console', async () => {
    await account('baru', 'dari-admin-123');
    const page = await signInForm();
    await signIn(page, 'baru', 'dari-admin-123');
    await page.getByRole('heading', { name: 'Pilih kata sandi Anda sendiri' }).waitFor();
    // Nothing else answers until then: the queues are refused to this token.
    expect(await page.getByRole('link', { name: 'Antrean meja saya' }).count()).toBe(0);
    await look(page, 'sign-in-choose-password-1024');
    await page.getByLabel('Kata sandi sementara').fill('dari-admin-123');
    await page.getByLabel(/^Kata sandi baru/).fill('pilihan-saya-2026');
    await page.getByLabel('Ulangi kata sandi baru').fill('pilihan-saya-2062');
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    expect(await alert(page)).toBe('Kedua isian kata sandi baru tidak sama.');
    await page.getByLabel('Ulangi kata sandi baru').fill('pilihan-saya-2026');
    await page.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await page.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();

    // The administrator resets it: the temporary password is shown once, and the officer's session ends.
    const admin = await signInForm();
    await signIn(admin, 'admin', 'demo123');
    await admin.getByRole('link', { name: 'Petugas', exact: true }).click();
    const row = admin.locator('tr').filter({ hasText: 'Petugas baru' });
    await row.getByRole('button', { name: 'Atur ulang kata sandi' }).click();
    expect(await admin.getByRole('dialog').innerText()).toMatch(/Semua sesinya berakhir/);
    await admin.getByRole('dialog').getByRole('button', { name: 'Ya, lanjutkan' }).click();
    const shown = admin.getByRole('status').filter({ hasText: 'Kata sandi sementara untuk Petugas baru' });
    await shown.waitFor();
    const temporary = /\b([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})\b/.exec(await shown.innerText())![1];
    await admin.locator('tr').filter({ hasText: 'Petugas baru' }).filter({ hasText: 'Belum memilih kata sandi sendiri' }).waitFor();
    await look(admin, 'officers-reset-1024');

    // The officer's next step (opening a queue) finds the session ended.
    await page.getByRole('link', { name: /Back Office/ }).click();
    await page.getByRole('status').filter({ hasText: 'Sesi Anda berakhir. Silakan masuk lagi.' }).waitFor();
    // The old password no longer opens the account; the temporary one asks for a new one again.
    await signIn(page, 'baru', 'pilihan-saya-2026');
    expect(await alert(page)).toMatch(/^Nama pengguna atau kata sandi salah/);
    await signIn(page, 'baru', temporary);
    await page.getByRole('heading', { name: 'Pilih kata sandi Anda sendiri' }).waitFor();
    await page.context().close();
    await admin.context().close();
  });

  it('keeps the session in a new tab, signs every tab out together, and ends the sessions on other computers when the password changes', async () => {
    await account('dua-tab', 'awal-dua-tab-1');
    await session.h.firstLogin('dua-tab', 'awal-dua-tab-1', 'milik-saya-dua-1');
    const first = await signInForm();
    await signIn(first, 'dua-tab', 'milik-saya-dua-1');
    await first.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();
    // A second tab of the same browser: already signed in.
    const second = await first.context().newPage();
    await second.goto(`${session.h.url}/konsol/perbaikan`);
    await second.getByRole('heading', { name: 'Menunggu perbaikan pemohon' }).waitFor();
    // Another computer, signed in as the same officer.
    const elsewhere = await signInForm();
    await signIn(elsewhere, 'dua-tab', 'milik-saya-dua-1');
    await elsewhere.getByRole('heading', { name: 'Antrean meja saya' }).waitFor();

    // The password changed in the first tab, from the account menu.
    await first.locator('details.account summary').click();
    await first.getByRole('link', { name: 'Akun saya' }).click();
    await first.getByLabel('Kata sandi saat ini').fill('salah-ini-bukan');
    await first.getByLabel(/^Kata sandi baru/).fill('milik-saya-dua-2');
    await first.getByLabel('Ulangi kata sandi baru').fill('milik-saya-dua-2');
    await first.getByRole('button', { name: 'Simpan kata sandi' }).click();
    expect(await alert(first)).toBe('Kata sandi saat ini salah. Tidak ada yang diubah.');
    await first.getByLabel('Kata sandi saat ini').fill('milik-saya-dua-1');
    await first.getByRole('button', { name: 'Simpan kata sandi' }).click();
    await first.getByRole('status').filter({ hasText: 'Kata sandi sudah diganti.' }).waitFor();
    await look(first, 'account-1024');
    // This browser's tabs carry on; the other computer is signed out at its next step.
    await second.reload();
    await second.getByRole('heading', { name: 'Menunggu perbaikan pemohon' }).waitFor();
    await elsewhere.getByRole('link', { name: /Back Office/ }).click();
    await elsewhere.getByRole('status').filter({ hasText: 'Sesi Anda berakhir. Silakan masuk lagi.' }).waitFor();

    // Signing out in one tab signs out the other.
    await first.locator('details.account summary').click();
    await first.getByRole('button', { name: 'Keluar', exact: true }).click();
    await second.getByRole('status').filter({ hasText: 'Anda sudah keluar di tab lain. Silakan masuk lagi.' }).waitFor();
    await first.context().close();
    await elsewhere.context().close();
  });

  it('has no serious accessibility violations on the pages it visited, and no script error', () => {
    expect(pageErrors).toEqual([]);
    expect(Object.keys(violations).length).toBe(4);
    expect(Object.entries(violations).filter(([, v]) => v.length)).toEqual([]);
  });
});
