import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Session, WebContents } from 'electron';
import { contentTypeOf } from '../../src/core/static-files';
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  APP_SCHEME,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  guardPrintSession,
  guardSession,
  guardWebContents,
  isAppUrl,
  isRequestAllowed,
  isTrustedSender,
  PRINT_PARTITION,
  printDocumentUrl,
  printTokenOf,
  printWindowOptions,
  resolveAppFile,
  secureWebPreferences,
  windowOptions,
} from '../../electron/main/hardening';

const repo = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(repo, file), 'utf8');
/** Source without comments, so that an explanation may name what the code must not do. */
const code = (file: string) =>
  read(file)
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

/* ---------- recording fakes for the parts of Electron the policy touches ---------- */

type Callback<T> = (value: T) => void;
type RequestHandler = (
  contents: unknown,
  permission: string,
  callback: Callback<boolean>,
  details: { requestingUrl: string; isMainFrame: boolean },
) => void;
type CheckHandler = (
  contents: unknown,
  permission: string,
  origin: string,
  details: { isMainFrame: boolean },
) => boolean;
type BeforeRequest = (details: { url: string }, callback: Callback<{ cancel?: boolean }>) => void;
type HeadersReceived = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: Callback<{ responseHeaders?: Record<string, string | string[]>; cancel?: boolean }>,
) => void;

function fakeSession() {
  const rec: {
    request?: RequestHandler;
    check?: CheckHandler;
    spellChecker?: boolean;
    before?: BeforeRequest;
    headers?: HeadersReceived;
    device?: (details: unknown) => boolean;
    displayMedia?: (request: unknown, callback: Callback<unknown>) => void;
  } = {};
  const session = {
    setPermissionRequestHandler: (handler: RequestHandler) => void (rec.request = handler),
    setPermissionCheckHandler: (handler: CheckHandler) => void (rec.check = handler),
    setSpellCheckerEnabled: (enabled: boolean) => void (rec.spellChecker = enabled),
    setDevicePermissionHandler: (handler: (details: unknown) => boolean) => void (rec.device = handler),
    setDisplayMediaRequestHandler: (handler: (request: unknown, callback: Callback<unknown>) => void) =>
      void (rec.displayMedia = handler),
    webRequest: {
      onBeforeRequest: (handler: BeforeRequest) => void (rec.before = handler),
      onHeadersReceived: (handler: HeadersReceived) => void (rec.headers = handler),
    },
  };
  guardSession(session as unknown as Session);
  return rec;
}

function requested(rec: ReturnType<typeof fakeSession>, permission: string, url: string): boolean {
  let granted: boolean | undefined;
  rec.request!({}, permission, (answer) => (granted = answer), { requestingUrl: url, isMainFrame: true });
  expect(granted, `callback for ${permission}`).toBeTypeOf('boolean');
  return granted!;
}

function cancelled(rec: ReturnType<typeof fakeSession>, url: string): boolean {
  let response: { cancel?: boolean } | undefined;
  rec.before!({ url }, (answer) => (response = answer));
  expect(response, `callback for ${url}`).toBeDefined();
  return response!.cancel === true;
}

type Listener = (...args: unknown[]) => void;

function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: unknown) => unknown) | undefined;
  const contents = {
    on(name: string, listener: Listener) {
      listeners.set(name, [...(listeners.get(name) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler: (details: unknown) => unknown) {
      openHandler = handler;
    },
  };
  guardWebContents(contents as unknown as WebContents);
  /** Emits like Electron: an event object (carrying url for navigations) plus the legacy arguments. */
  const emit = (name: string, url?: string, legacy = false) => {
    let prevented = false;
    const event = { preventDefault: () => void (prevented = true), ...(url !== undefined && !legacy ? { url } : {}) };
    const handlers = listeners.get(name) ?? [];
    expect(handlers.length, `listener for ${name}`).toBeGreaterThan(0);
    for (const handler of handlers) handler(event, url);
    return prevented;
  };
  return { emit, openHandler: () => openHandler };
}

/* ---------- the window ---------- */

describe('window and web preferences', () => {
  it('isolates and sandboxes the renderer, with no Node and no web-security exceptions', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs', false);
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: false,
    });
    expect(prefs.enableBlinkFeatures).toBeUndefined();
    expect(prefs.partition).toBeUndefined();
  });

  it('offers DevTools only in an unpackaged (developer) run', () => {
    expect(windowOptions('/p.cjs', true).webPreferences?.devTools).toBe(false);
    expect(windowOptions('/p.cjs', false).webPreferences?.devTools).toBe(true);
  });

  it('opens a hidden, titled window of the agreed size with the secure preferences', () => {
    const options = windowOptions('/app/out/preload/index.cjs', true);
    expect(options).toMatchObject({
      title: '机关党务工作台',
      width: 1280,
      height: 820,
      minWidth: 1024,
      minHeight: 680,
      show: false,
      autoHideMenuBar: true,
    });
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(options.webPreferences).toEqual(secureWebPreferences('/app/out/preload/index.cjs', false));
  });
});

/* ---------- the content security policy ---------- */

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...sources]) => [name!, sources]),
  );

  it.each([
    ['default-src', ["'self'"]],
    ['script-src', ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'none'"]],
    ['frame-ancestors', ["'none'"]],
    ['frame-src', ["'none'"]],
    ['worker-src', ["'self'", 'blob:']],
  ])('%s is exactly %j', (name, sources) => {
    expect(directives.get(name)).toEqual(sources);
  });

  it('allows no eval and no inline script anywhere', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(directives.get('default-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('travels with every app:// response, with the right type and nosniff', () => {
    const headers = appResponseHeaders('/r/assets/index-abc.js');
    expect(headers['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(headers['X-Content-Type-Options']).toBe('nosniff');
    expect(headers['Content-Type']).toMatch(/^text\/javascript/);
    expect(contentTypeOf('/r/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('/r/assets/a.css')).toMatch(/^text\/css/);
    expect(contentTypeOf('/r/assets/a.woff2')).toBe('font/woff2');
    expect(contentTypeOf('/r/unknown.bin')).toBe('application/octet-stream');
  });
});

/* ---------- the session ---------- */

describe('guardSession', () => {
  it('denies every permission, including opening external links', () => {
    const rec = fakeSession();
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'display-capture',
      'fullscreen',
      'hid',
      'usb',
      'serial',
    ]) {
      expect(requested(rec, permission, 'app://renderer/index.html'), permission).toBe(false);
      expect(rec.check!({}, permission, APP_ORIGIN, { isMainFrame: true }), permission).toBe(false);
    }
  });

  it('allows only sanitised clipboard writes, and only from the app', () => {
    const rec = fakeSession();
    expect(requested(rec, 'clipboard-sanitized-write', 'app://renderer/index.html')).toBe(true);
    expect(rec.check!({}, 'clipboard-sanitized-write', 'app://renderer', { isMainFrame: true })).toBe(true);
    for (const url of ['http://127.0.0.1:5173/', 'https://example.com/', 'file:///etc/passwd', 'app://other/', '']) {
      expect(requested(rec, 'clipboard-sanitized-write', url), url).toBe(false);
      expect(rec.check!({}, 'clipboard-sanitized-write', url, { isMainFrame: true }), url).toBe(false);
    }
  });

  it('cancels every request that leaves the app', () => {
    const rec = fakeSession();
    for (const url of [
      'http://127.0.0.1/',
      'https://example.com/',
      'file:///etc/passwd',
      'ws://x',
      'wss://example.com/socket',
      'ftp://example.com/',
      'app://other/',
      'app://renderer.evil.example/',
      'app://renderer:8080/index.html',
      'app://someone@renderer/index.html',
      'chrome://settings',
      'not a url',
      '',
    ]) {
      expect(cancelled(rec, url), url).toBe(true);
    }
  });

  it("lets the app's own files, data: and blob: through", () => {
    const rec = fakeSession();
    for (const url of [
      'app://renderer/index.html',
      'app://renderer/assets/index-abc.js',
      'data:image/png;base64,AAAA',
      'blob:app://renderer/1c1f-42',
    ]) {
      expect(cancelled(rec, url), url).toBe(false);
    }
  });

  it('adds the CSP to app:// responses, replacing any other, and leaves the rest alone', () => {
    const rec = fakeSession();
    let response: { responseHeaders?: Record<string, string | string[]> } | undefined;
    rec.headers!(
      {
        url: 'app://renderer/index.html',
        responseHeaders: { 'content-security-policy': ["script-src 'unsafe-eval'"], 'Content-Type': ['text/html'] },
      },
      (answer) => (response = answer),
    );
    const headers = response?.responseHeaders ?? {};
    const csp = Object.entries(headers).filter(([key]) => key.toLowerCase() === 'content-security-policy');
    expect(csp).toEqual([['Content-Security-Policy', [CONTENT_SECURITY_POLICY]]]);
    expect(headers['Content-Type']).toEqual(['text/html']);

    let other: { responseHeaders?: unknown } | undefined;
    rec.headers!({ url: 'data:text/plain,x' }, (answer) => (other = answer));
    expect(other).toEqual({});
  });

  it('turns the spell checker off and refuses devices and screen capture', () => {
    const rec = fakeSession();
    expect(rec.spellChecker).toBe(false);
    expect(rec.device?.({ deviceType: 'usb', origin: APP_ORIGIN })).toBe(false);
    let streams: unknown = 'not called';
    rec.displayMedia?.({}, (answer) => (streams = answer));
    expect(streams).toBeNull();
  });
});

/* ---------- every web contents ---------- */

describe('guardWebContents', () => {
  it('prevents navigating away from the app, however the event is shaped', () => {
    const { emit } = fakeContents();
    expect(emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(emit('will-navigate', 'https://evil.example/', true)).toBe(true);
    expect(emit('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(emit('will-navigate', 'app://other/index.html')).toBe(true);
    expect(emit('will-redirect', 'http://127.0.0.1:5173/')).toBe(true);
    expect(emit('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(emit('will-navigate', '')).toBe(true);
  });

  it('lets the app reload itself', () => {
    const { emit } = fakeContents();
    expect(emit('will-navigate', 'app://renderer/index.html')).toBe(false);
    expect(emit('will-frame-navigate', 'app://renderer/index.html')).toBe(false);
  });

  it('denies new windows and webviews', () => {
    const { emit, openHandler } = fakeContents();
    expect(openHandler()?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler()?.({ url: 'app://renderer/index.html' })).toEqual({ action: 'deny' });
    expect(emit('will-attach-webview')).toBe(true);
  });
});

/* ---------- who may call, what may be served ---------- */

describe('isTrustedSender and isAppUrl', () => {
  it('trusts only frames showing the app', () => {
    expect(isTrustedSender({ url: 'app://renderer/index.html' })).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/' })).toBe(false);
    expect(isTrustedSender({ url: 'file:///app/out/renderer/index.html' })).toBe(false);
    expect(isTrustedSender({ url: 'devtools://devtools/bundled/index.html' })).toBe(false);
    expect(isTrustedSender({ url: 'app://other/index.html' })).toBe(false);
    expect(isTrustedSender({ url: '' })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isTrustedSender(undefined)).toBe(false);
    const destroyed = {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    expect(isTrustedSender(destroyed)).toBe(false);
  });

  it('parses rather than pattern-matches', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ORIGIN).toBe('app://renderer');
    expect(isAppUrl('app://renderer/')).toBe(true);
    expect(isAppUrl('app://renderer/index.html?x=1#y')).toBe(true);
    for (const url of [
      'app://renderer.evil/',
      'app://renderer:1/',
      'app://a:b@renderer/',
      'https://renderer/',
      'app:renderer',
      'app:///renderer/',
      '%%%',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
    expect(isRequestAllowed('devtools://devtools/bundled/inspector.html')).toBe(true);
  });
});

describe('resolveAppFile', () => {
  const root = path.resolve('/srv/app/out/renderer');
  const inside = (file: string | null) =>
    file !== null && !path.relative(root, file).startsWith('..') && !path.isAbsolute(path.relative(root, file));

  it('maps app://renderer paths into the renderer folder', () => {
    expect(resolveAppFile(root, 'app://renderer/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppFile(root, 'app://renderer/assets/index-abc.js?v=1')).toBe(
      path.join(root, 'assets', 'index-abc.js'),
    );
    expect(resolveAppFile(root, 'app://renderer/assets/%E5%AD%97%E4%BD%93.woff2')).toBe(
      path.join(root, 'assets', '字体.woff2'),
    );
  });

  it.each([
    'app://renderer/../main/index.js',
    'app://renderer/../../../../etc/passwd',
    'app://renderer/assets/../../main/index.js',
    'app://renderer/%2e%2e/main/index.js',
    'app://renderer/%2E%2E/%2e%2e/etc/passwd',
    'app://renderer/..%2fmain%2findex.js',
    'app://renderer/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://renderer/..%5cmain%5cindex.js',
    'app://renderer/assets%5c..%5c..%5cmain%5cindex.js',
    'app://renderer/C:%5cWindows%5cwin.ini',
    'app://renderer/index.html%00.png',
    'app://renderer/%E0%A4%A',
  ])('refuses traversal %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it.each([
    'app://other/index.html',
    'app://renderer:8080/index.html',
    'app://x@renderer/index.html',
    'http://renderer/index.html',
    'file:///etc/passwd',
    'garbage',
  ])('refuses other hosts and schemes: %s', (url) => {
    expect(resolveAppFile(root, url)).toBeNull();
  });

  it('never answers with a path outside the folder', () => {
    for (const url of [
      'app://renderer/a/b/c.js',
      'app://renderer//etc/passwd',
      'app://renderer/%252e%252e/x',
      'app://renderer/.hidden',
      'app://renderer/a..b/c',
    ]) {
      const file = resolveAppFile(root, url);
      if (file !== null) expect(inside(file), `${url} -> ${file}`).toBe(true);
    }
  });
});

/* ---------- the main process and preload, read as text ---------- */

describe('electron/main/index.ts', () => {
  const main = code('electron/main/index.ts');

  it('applies the policy to the default session, every web contents and the window', () => {
    expect(main).toMatch(/guardSession\(\s*session\.defaultSession\s*\)/);
    expect(main).toMatch(/app\.on\(\s*'web-contents-created'\s*,[^;]*guardWebContents\(/);
    expect(main).toMatch(/new BrowserWindow\(\s*windowOptions\(/);
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    expect(main).toMatch(/registerSchemesAsPrivileged\(\s*\[\s*\{\s*scheme:\s*APP_SCHEME/);
    expect(main).toMatch(/requestSingleInstanceLock\(\)/);
  });

  it('removes Electron’s default menu, whose Help items open web pages', () => {
    expect(main).toMatch(/Menu\.setApplicationMenu\(\s*null\s*\)/);
  });

  it('loads the app from app://renderer/ and serves it through resolveAppFile with the CSP', () => {
    expect(main).toMatch(/loadURL\(\s*'app:\/\/renderer\//);
    expect(main).toMatch(/protocol\.handle\(\s*APP_SCHEME/);
    expect(main).toContain('resolveAppFile(');
    expect(main).toContain('appResponseHeaders(');
  });

  it('answers IPC only for trusted senders', () => {
    expect(main).toMatch(
      /ipcMain\.handle\(\s*IPC_INVOKE[\s\S]{0,200}?isTrustedSender\(\s*event\.senderFrame\s*\)\s*\?\s*core\.invokeJson\(/,
    );
    expect(main.match(/ipcMain\.(handle|on)\(/g)).toHaveLength(1);
    expect(main).toContain("code: 'UNAUTHORISED'");
  });

  it('uses no updater, crash reporter, remote module, external links, file:// or insecure preferences', () => {
    for (const banned of [
      'autoUpdater',
      'electron-updater',
      'crashReporter',
      '@electron/remote',
      'enableRemoteModule',
      'openExternal',
      'shell.',
      'file://',
      'loadFile',
      'nodeIntegration',
      'contextIsolation',
      'webSecurity',
      'sandbox: false',
      'allowRunningInsecureContent',
      'setPermissionRequestHandler',
      'executeJavaScript',
    ]) {
      expect(main, banned).not.toContain(banned);
    }
  });

  it('points at the CommonJS preload that the build emits', () => {
    expect(main).toContain("'../preload/index.cjs'");
    const config = code('electron.vite.config.ts');
    expect(config).toMatch(/format:\s*'cjs'/);
    expect(config).toMatch(/entryFileNames:\s*'\[name\]\.cjs'/);
  });
});

describe('electron/preload/index.ts', () => {
  const preload = code('electron/preload/index.ts');

  it('exposes only window.api, never ipcRenderer itself', () => {
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\(\s*'api'\s*,\s*api\s*\)/);
    expect(preload).toMatch(/satisfies BridgeApi/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync|postMessage)\(/);
  });

  it('imports nothing the sandbox cannot load (no zod, no contract schemas, no Node)', () => {
    const imports = [...preload.matchAll(/from\s+'([^']+)'/g)].map((match) => match[1]);
    expect(imports.sort()).toEqual(['../../src/shared/bridge', 'electron']);
    expect(preload).not.toMatch(/\brequire\(/);
    const bridge = code('src/shared/bridge.ts');
    expect(bridge).not.toMatch(/^import\s+(?!type\b)/m);
  });
});

/* ---------- packaging ---------- */

describe('electron-builder.config.cjs', () => {
  const require = createRequire(import.meta.url);
  // The config is plain data read back as the builder reads it; its nested shapes are asserted below.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const config = require('../../electron-builder.config.cjs') as Record<string, any>;

  // What the installers carry is built and read back by test/integration/package-contents.test.ts;
  // here only the security switches, which that build (with a stand-in Electron) cannot flip.
  it('burns the fuses that close the Node back doors', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships no auto-updater', () => {
    const pkg = JSON.parse(read('package.json')) as Record<string, Record<string, string> | undefined>;
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
      expect(Object.keys(pkg[field] ?? {}), field).not.toContain('electron-updater');
    }
  });
});

/* ---------- the hidden window that prints documents ---------- */

describe('the print window', () => {
  it('is hidden, offscreen, sandboxed, isolated, without JavaScript or Node, in a session kept in memory', () => {
    const options = printWindowOptions();
    expect(options.show).toBe(false);
    expect(options.webPreferences).toMatchObject({
      partition: PRINT_PARTITION,
      offscreen: true,
      javascript: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      plugins: false,
      devTools: false,
    });
    expect(options.webPreferences?.preload).toBeUndefined();
    expect(PRINT_PARTITION.startsWith('persist:')).toBe(false);
  });

  it('loads only app://print/<token>.html, which is never trusted with IPC', () => {
    const url = printDocumentUrl('0b7c6a3e-2f4d-4e59-9a51-3c2d1e0f9a8b');
    expect(url).toBe('app://print/0b7c6a3e-2f4d-4e59-9a51-3c2d1e0f9a8b.html');
    expect(printTokenOf(url)).toBe('0b7c6a3e-2f4d-4e59-9a51-3c2d1e0f9a8b');
    expect(isTrustedSender({ url })).toBe(false);
    expect(isAppUrl(url)).toBe(false);
    for (const other of [
      'app://renderer/index.html',
      'app://print/../renderer/index.html',
      'app://print/%2e%2e/x.html',
      'app://print/abc.html',
      'app://print/0b7c6a3e-2f4d-4e59/x.html',
      'app://print:1/0b7c6a3e-2f4d-4e59-9a51-3c2d1e0f9a8b.html',
      'app://a@print/0b7c6a3e-2f4d-4e59-9a51-3c2d1e0f9a8b.html',
      'https://print/0b7c6a3e-2f4d-4e59-9a51-3c2d1e0f9a8b.html',
      'data:text/html,<p>x</p>',
      'file:///etc/passwd',
      '',
    ]) {
      expect(printTokenOf(other), other).toBeNull();
    }
  });

  it('guards its session: no permission, no request but its own page', () => {
    const rec: {
      request?: RequestHandler;
      check?: CheckHandler;
      before?: BeforeRequest;
      spell?: boolean;
      device?: (d: unknown) => boolean;
    } = {};
    guardPrintSession({
      setPermissionRequestHandler: (h: RequestHandler) => void (rec.request = h),
      setPermissionCheckHandler: (h: CheckHandler) => void (rec.check = h),
      setSpellCheckerEnabled: (on: boolean) => void (rec.spell = on),
      setDevicePermissionHandler: (h: (d: unknown) => boolean) => void (rec.device = h),
      setDisplayMediaRequestHandler: () => undefined,
      webRequest: { onBeforeRequest: (h: BeforeRequest) => void (rec.before = h), onHeadersReceived: () => undefined },
    } as unknown as Session);
    let granted: boolean | undefined;
    rec.request!({}, 'clipboard-sanitized-write', (answer) => (granted = answer), {
      requestingUrl: 'app://renderer/',
      isMainFrame: true,
    });
    expect(granted).toBe(false);
    expect(rec.check!({}, 'clipboard-sanitized-write', 'app://renderer', { isMainFrame: true })).toBe(false);
    expect(rec.spell).toBe(false);
    expect(rec.device?.({})).toBe(false);
    const cancel = (url: string) => {
      let answer: { cancel?: boolean } | undefined;
      rec.before!({ url }, (a) => (answer = a));
      return answer?.cancel === true;
    };
    expect(cancel(printDocumentUrl('0b7c6a3e-2f4d-4e59-9a51-3c2d1e0f9a8b'))).toBe(false);
    for (const url of [
      'https://example.com/font.woff2',
      'http://127.0.0.1/',
      'file:///C:/Windows/Fonts/simsun.ttc',
      'app://renderer/index.html',
      'data:image/png;base64,AA',
    ]) {
      expect(cancel(url), url).toBe(true);
    }
  });

  it('prints with printToPDF from its own page, and destroys the window afterwards', () => {
    const printer = code('electron/main/pdf-printer.ts');
    expect(printer).toMatch(/session\.fromPartition\(\s*PRINT_PARTITION\s*\)/);
    expect(printer).toMatch(/guardPrintSession\(\s*printSession\s*\)/);
    expect(printer).toMatch(/new BrowserWindow\(\s*printWindowOptions\(\)\s*\)/);
    expect(printer).toMatch(/printToPDF\(\{[\s\S]*preferCSSPageSize:\s*true/);
    expect(printer).toMatch(/finally\s*\{[\s\S]*window\.destroy\(\)/);
    expect(printer).toContain("'Content-Security-Policy': DOCUMENT_CSP");
    for (const banned of [
      'executeJavaScript',
      'file://',
      'loadFile',
      'nodeIntegration: true',
      'sandbox: false',
      'preload',
    ]) {
      expect(printer, banned).not.toContain(banned);
    }
    expect(code('electron/main/index.ts')).toMatch(
      // The core runs in its own process and asks main to print (printer: 'host'); main prints with this printer.
      /new CoreHost\(\{[\s\S]*printer:\s*'host'[\s\S]*printer:\s*createElectronPrinter\(\)/,
    );
  });
});
