import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test as base, expect, type Locator, type Page } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
export const SCREENSHOT_DIR = path.join(root, 'test-results', 'screenshots');

export interface WebApp {
  /** The address `npm run web` printed, token included. */
  url: string;
  origin: string;
  dataDir: string;
  /** Every request the page made that left the app's own origin. */
  offsite: string[];
  /** The process id of browser mode's core (the server's one child process, which it restarts when it dies). */
  corePid(): number;
  /** Calls the contract as the page does (browser-mode transport), to seed data; throws on a refusal. */
  api(channel: string, input: unknown): Promise<unknown>;
  shot(page: Page, name: string): Promise<void>;
}

/** Starts the real browser-mode entry on a fresh data folder and reads the address it prints. */
async function startWeb(dataDir: string, env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  // The server as `npm run web` starts it: the bundle global-setup built from src/web/main.ts.
  const child = spawn(process.execPath, [path.join(root, 'out/web-server/main.mjs'), '--port', '0'], {
    cwd: root,
    env: { ...process.env, ...env, PARTY_OFFICE_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web server exited (${code}):\n${output}`)));
  });
  return { child, url };
}

export const test = base.extend<{ app: WebApp; serverEnv: Record<string, string> }>({
  /** Extra environment for browser mode's server and its core (a test's fault point, say). */
  serverEnv: [{}, { option: true }],
  app: async ({ page, serverEnv }, use, testInfo) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'party-office-e2e-'));
    const { child, url } = await startWeb(dataDir, serverEnv);
    const origin = new URL(url).origin;
    const offsite: string[] = [];
    // Anything that tries to leave the app's origin is recorded and stopped.
    await page.context().route('**/*', (route) => {
      const target = route.request().url();
      if (target.startsWith(origin) || target.startsWith('data:') || target.startsWith('blob:'))
        return route.continue();
      offsite.push(target);
      return route.abort('blockedbyclient');
    });
    page.on('pageerror', (error) => testInfo.annotations.push({ type: 'pageerror', description: error.message }));
    fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const token = /token=([\w-]+)/.exec(url)![1];
    await use({
      url,
      origin,
      dataDir,
      offsite,
      corePid: () => {
        const children = fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(/\s+/);
        expect(children, 'the server runs one core process').toHaveLength(1);
        return Number(children[0]);
      },
      api: async (channel, input) => {
        const response = await fetch(`${origin}/api/invoke`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ channel, input }),
        });
        const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
        if (!result.ok) throw new Error(`${channel}: ${result.error?.message}`);
        return result.value;
      },
      shot: async (p, name) => {
        const file = path.join(SCREENSHOT_DIR, `${name}.png`);
        await p.screenshot({ path: file, fullPage: true });
        await testInfo.attach(name, { path: file, contentType: 'image/png' });
      },
    });
    child.kill('SIGTERM');
    const leaks = personalDataInLog(dataDir);
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(leaks, 'diagnostic log lines that carry names or ID numbers').toEqual([]);
    expect(offsite, 'requests that left the app’s own origin').toEqual([]);
    expect(
      testInfo.annotations.filter((a) => a.type === 'pageerror'),
      'uncaught errors in the page',
    ).toEqual([]);
  },
});

export { expect };

/** First run as a clerk fills it: the organ's name, no password, 建立数据. */
export async function setUpWithoutPassword(page: Page, organName: string): Promise<void> {
  const setup = page.getByRole('form', { name: '首次设置' });
  await setup.getByLabel('机关名称').fill(organName);
  await setup.getByLabel('设置密码，加密保存数据（推荐）').uncheck();
  await setup.getByRole('button', { name: '建立数据' }).click();
}

/** 党员名册 → 导入, and the workbook picked in the dialog; returns the dialog. */
export async function openRosterImport(page: Page, fileName: string, buffer: Buffer): Promise<Locator> {
  await page.getByRole('link', { name: /党员名册/ }).click();
  await page.getByRole('button', { name: '导入' }).click();
  const dialog = page.getByRole('dialog', { name: '导入党员名册' });
  await dialog.locator('input[type=file]').setInputFiles({
    name: fileName,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  });
  return dialog;
}

/**
 * Lines of the diagnostic log (logs/ in the data folder) that carry what the log must never hold:
 * Chinese text (every fixture's names, units and places are Chinese) or an ID number. (Amounts are
 * looked for by value in diagnostics.spec.ts: a bare "2.36" here may be the glibc version.)
 */
export function personalDataInLog(dataDir: string): string[] {
  const folder = path.join(dataDir, 'logs');
  if (!fs.existsSync(folder)) return [];
  return fs
    .readdirSync(folder)
    .flatMap((name) => fs.readFileSync(path.join(folder, name), 'utf8').split('\n'))
    .filter((line) => /[\u4e00-\u9fff]|\d{17}[\dX]/.test(line));
}

/** Closes the "已保存" notices so that they do not cover the screenshots. */
export async function dismissToasts(page: Page): Promise<void> {
  const toasts = page.locator('.mantine-Notification-root');
  // A notice under the pointer does not close by itself, so close each and move the pointer away.
  for (let i = 0; i < 10 && (await toasts.count()) > 0; i++) {
    await toasts
      .first()
      .locator('.mantine-CloseButton-root')
      .click({ force: true, timeout: 2_000 })
      .catch(() => undefined);
    await page.mouse.move(400, 700);
    await page.waitForTimeout(250);
  }
  await expect(toasts).toHaveCount(0, { timeout: 8_000 });
}
