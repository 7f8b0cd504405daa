import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { AppError } from '../../shared/errors';
import type { PdfPrinter, PdfPrintOptions, PrintOne } from './pdf';

/*
 * PdfPrinter over playwright-core and a Chromium already on the machine (never a downloaded
 * one): browser mode, the CLI and the tests. One browser per process, started on the first
 * print and closed on exit. Each print gets a fresh context in which every request is refused
 * and recorded, so a document that tried to load anything would be caught.
 */

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-domain-reliability',
];

/** Where a Chromium-based browser usually is, after CHROMIUM_PATH. */
export function chromiumCandidates(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string[] {
  const explicit = env.CHROMIUM_PATH?.trim();
  if (explicit) return [explicit];
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES(X86)'], env.PROGRAMFILES, env.LOCALAPPDATA].filter((r): r is string => Boolean(r));
    return roots.flatMap((root) => [
      path.join(root, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.join(root, 'Google', 'Chrome', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
    ];
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
  ];
}

export function findChromium(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  const candidates = chromiumCandidates(env, platform);
  const found = candidates.find((file) => fs.existsSync(file));
  if (!found) {
    throw new AppError({
      code: 'INTERNAL',
      message:
        '找不到用于生成PDF的浏览器（Chromium、Chrome 或 Edge）。请安装其中之一，或设置环境变量 CHROMIUM_PATH 指向其程序文件。',
      detail: `no Chromium at ${candidates.join(', ')}`,
    });
  }
  return found;
}

export class ChromiumPrinter implements PdfPrinter {
  /** Every request a printed document tried to make (all refused). Tests expect none. */
  readonly refusedRequests: string[] = [];
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath?: string) {}

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const executablePath = this.executablePath ?? findChromium();
      // Loaded on first print only: the desktop app prints through Electron and never needs it.
      const launching = import('playwright-core').then(({ chromium }) =>
        chromium.launch({ executablePath, args: CHROMIUM_FLAGS, headless: true, timeout: 60_000 }),
      );
      this.browser = launching.then(
        (browser) => {
          browser.on('disconnected', () => {
            if (this.browser === launching) this.browser = null;
          });
          return browser;
        },
        (error: unknown) => {
          this.browser = null;
          throw new AppError({
            code: 'INTERNAL',
            message: `生成PDF用的浏览器无法启动（${executablePath}）。`,
            detail: error instanceof Error ? error.message : String(error),
          });
        },
      );
    }
    return this.browser;
  }

  async print(html: string, options: PdfPrintOptions = {}): Promise<Uint8Array> {
    return this.printSeries((print) => print(html, options), options);
  }

  async printSeries<T>(work: (print: PrintOne) => Promise<T>, options: { signal?: AbortSignal } = {}): Promise<T> {
    const browser = await this.launch();
    options.signal?.throwIfAborted();
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'zh-CN', offline: true });
    if (options.signal?.aborted) {
      // Cancelled while the context was being made.
      await context.close().catch(() => undefined);
      options.signal.throwIfAborted();
    }
    // A cancel closes the page mid-print; the print then fails and the caller reports CANCELLED.
    const stop = () => void context.close().catch(() => undefined);
    options.signal?.addEventListener('abort', stop, { once: true });
    try {
      await context.route('**/*', (route) => {
        this.refusedRequests.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const page = await context.newPage();
      return await work(async (html, printOptions = {}) => {
        await page.setContent(html, { waitUntil: 'load' });
        const pdf = await page.pdf({
          preferCSSPageSize: true,
          printBackground: true,
          outline: printOptions.outline === true,
          tagged: printOptions.outline === true,
        });
        return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      });
    } finally {
      options.signal?.removeEventListener('abort', stop);
      await context.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const pending = this.browser;
    this.browser = null;
    if (pending) await (await pending.catch(() => null))?.close().catch(() => undefined);
  }
}

let shared: ChromiumPrinter | null = null;

/** The process's one printer; the browser starts on first use. */
export function sharedChromiumPrinter(): ChromiumPrinter {
  // Playwright kills the browsers it launched when the process exits; long-lived callers
  // (the CLI, browser mode) close it themselves with closeSharedPrinter().
  shared ??= new ChromiumPrinter();
  return shared;
}

export async function closeSharedPrinter(): Promise<void> {
  const printer = shared;
  shared = null;
  await printer?.close();
}
