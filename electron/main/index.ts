import fs from 'node:fs/promises';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { inProcessCore } from '../../src/core/connection';
import { createHandlers } from '../../src/core/handlers';
import { defaultDataDir } from '../../src/core/paths';
import { Workspace } from '../../src/core/workspace';
import { IPC_EVENT, IPC_INVOKE } from '../../src/shared/contract';
import type { Result } from '../../src/shared/errors';
import {
  APP_SCHEME,
  appResponseHeaders,
  guardSession,
  guardWebContents,
  isTrustedSender,
  resolveAppFile,
  windowOptions,
} from './hardening';
import { createElectronPrinter } from './pdf-printer';

const rendererRoot = path.join(import.meta.dirname, '../renderer');
// Sandboxed preloads cannot be ES modules, so the preload is built as CommonJS (electron.vite.config.ts).
const preloadPath = path.join(import.meta.dirname, '../preload/index.cjs');

const UNTRUSTED: Result<never> = {
  ok: false,
  error: { code: 'UNAUTHORISED', message: '拒绝了来源不明的请求。', detail: 'untrusted sender' },
};

// A standard, secure scheme gives the page a real origin ('self' in the CSP) without file://'s privileges.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
app.on('web-contents-created', (_event, contents) => guardWebContents(contents));

let mainWindow: BrowserWindow | null = null;

async function readIfFile(file: string): Promise<Uint8Array<ArrayBuffer> | null> {
  try {
    return new Uint8Array(await fs.readFile(file));
  } catch {
    return null;
  }
}

async function serveAppFile(request: Request): Promise<Response> {
  const file = resolveAppFile(rendererRoot, request.url);
  if (file) {
    // A reload on a client-side route (no file extension) gets the app shell back.
    const candidates = path.extname(file) ? [file] : [file, path.join(rendererRoot, 'index.html')];
    for (const candidate of candidates) {
      const body = await readIfFile(candidate);
      if (body) return new Response(body, { status: 200, headers: appResponseHeaders(candidate) });
    }
  }
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

function createWindow(): void {
  const window = new BrowserWindow(windowOptions(preloadPath, app.isPackaged));
  mainWindow = window;
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL('app://renderer/index.html');
}

function start(): void {
  // The default menu is English and its Help items open electronjs.org in a browser.
  Menu.setApplicationMenu(null);
  protocol.handle(APP_SCHEME, serveAppFile);
  guardSession(session.defaultSession);

  const workspace = new Workspace({ dataDir: defaultDataDir(), via: 'desktop' });
  // Documents print through Electron's own Chromium, not a second browser.
  const core = inProcessCore((tasks) => createHandlers(workspace, { printer: createElectronPrinter(), tasks }));
  ipcMain.handle(IPC_INVOKE, (event, channel: unknown, payload: unknown, task: unknown) =>
    isTrustedSender(event.senderFrame)
      ? core.invoke(channel, payload, typeof task === 'string' ? task.slice(0, 64) : undefined)
      : UNTRUSTED,
  );
  core.onEvent((event) => mainWindow?.webContents.send(IPC_EVENT, event));
  app.on('will-quit', () => workspace.close());

  createWindow();
}

// One process per data file: a second copy would open the same database beside the first.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('机关党务工作台无法启动', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}
