import path from 'node:path';
import { contentTypeOf, safeSegments } from '../../src/core/static-files';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/csp';
import type { BrowserWindowConstructorOptions, Session, WebContents, WebPreferences } from 'electron';

/*
 * The desktop window's security policy, kept apart from the main process so that it can be
 * tested in plain Node: this file may only `import type` from 'electron'.
 *
 * The app is offline and holds personal records of party members, so the renderer is treated
 * as untrusted: it gets no Node, no network, no new windows, no permissions, and can only
 * reach the data through the one IPC channel, which checks where the call came from.
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export { CONTENT_SECURITY_POLICY };

export function secureWebPreferences(preloadPath: string, allowDevTools = false): WebPreferences {
  return {
    preload: preloadPath,
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
    devTools: allowDevTools,
  };
}

export function windowOptions(
  preloadPath: string,
  isPackaged: boolean,
  icon?: string,
): BrowserWindowConstructorOptions {
  return {
    title: '机关党务工作台',
    ...(icon ? { icon } : {}),
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 680,
    // Shown on 'ready-to-show' so the office worker never sees a blank white frame.
    show: false,
    backgroundColor: '#f8f9fa',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(preloadPath, !isPackaged),
  };
}

function parse(url: unknown): URL | null {
  if (typeof url !== 'string' || url.length === 0) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** True only for app://renderer (the origin) and app://renderer/… (no port, no user info). */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== null &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host.toLowerCase() === APP_HOST &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

/** Everything the page may load: its own files, inline data and blobs, and DevTools when open. */
export function isRequestAllowed(url: string): boolean {
  const parsed = parse(url);
  if (!parsed) return false;
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'devtools:') return true;
  return isAppUrl(url);
}

type PermissionRequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
type PermissionCheckHandler = NonNullable<Parameters<Session['setPermissionCheckHandler']>[0]>;

/** Copying a table to the clipboard is the one browser permission the workbench needs. */
const ALLOWED_PERMISSION = 'clipboard-sanitized-write';

export const permissionRequestHandler: PermissionRequestHandler = (_contents, permission, callback, details) => {
  callback(permission === ALLOWED_PERMISSION && isAppUrl(details?.requestingUrl ?? ''));
};

export const permissionCheckHandler: PermissionCheckHandler = (_contents, permission, requestingOrigin) =>
  permission === ALLOWED_PERMISSION && isAppUrl(requestingOrigin);

/** Keeps every web contents (the window, DevTools, anything a bug might create) on app://renderer. */
export function guardWebContents(contents: WebContents): void {
  const stayInApp = (event: { preventDefault(): void; url?: string }, legacyUrl?: unknown) => {
    const target = typeof event.url === 'string' ? event.url : typeof legacyUrl === 'string' ? legacyUrl : '';
    if (!isAppUrl(target)) event.preventDefault();
  };
  contents.on('will-navigate', stayInApp);
  contents.on('will-redirect', stayInApp);
  // Covers sub-frame navigations, which 'will-navigate' does not see; absent on older Electron.
  contents.on('will-frame-navigate', stayInApp);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

function withoutHeader(headers: Record<string, string | string[]> | undefined, name: string) {
  const kept: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() !== name.toLowerCase()) kept[key] = value;
  }
  return kept;
}

export function guardSession(session: Session): void {
  session.setPermissionRequestHandler(permissionRequestHandler);
  session.setPermissionCheckHandler(permissionCheckHandler);
  // The spell-check dictionary would otherwise be downloaded from Google.
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) => {
    if (!isAppUrl(details.url)) return callback({});
    const responseHeaders = withoutHeader(details.responseHeaders, 'Content-Security-Policy');
    responseHeaders['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
    callback({ responseHeaders });
  });
  if (typeof session.setDevicePermissionHandler === 'function') session.setDevicePermissionHandler(() => false);
  if (typeof session.setDisplayMediaRequestHandler === 'function') {
    session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  }
}

/** IPC is answered only for the app's own page, never for DevTools, data: or a stray frame. */
export function isTrustedSender(frame: { url: string } | null | undefined): boolean {
  if (!frame) return false;
  try {
    return isAppUrl(frame.url);
  } catch {
    // A destroyed frame throws on access.
    return false;
  }
}

/** URL parsing would quietly resolve '..' inside the app; a request that tries it gets nothing. */
function hasDotSegment(rawUrl: string): boolean {
  const rawPath = rawUrl.split(/[?#]/, 1)[0] ?? '';
  let text: string;
  try {
    text = decodeURIComponent(rawPath);
  } catch {
    return true;
  }
  return text.split(/[\\/]/).some((segment) => segment === '.' || segment === '..');
}

/**
 * The file under rendererRoot that app://renderer/<path> names, or null when the URL is for
 * another host or would leave the folder (../, %2e%2e, encoded slashes, drive letters, NUL).
 */
export function resolveAppFile(rendererRoot: string, requestUrl: string): string | null {
  if (!isAppUrl(requestUrl) || hasDotSegment(requestUrl)) return null;
  const parsed = parse(requestUrl);
  if (!parsed) return null;
  const segments = safeSegments(parsed.pathname);
  if (!segments) return null;
  const root = path.resolve(rendererRoot);
  const file = path.resolve(root, ...segments);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/** Headers for every app:// response: the CSP travels with the document, not in a <meta> tag. */
export function appResponseHeaders(file: string): Record<string, string> {
  return {
    'Content-Type': contentTypeOf(file),
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
}

/* ---------- the hidden window that prints documents to PDF ---------- */

/*
 * Documents are printed by a window nobody sees: sandboxed, offscreen, without JavaScript, in
 * an in-memory session of its own. Its only page is app://print/<token>.html, which the print
 * session serves from memory; every other request is cancelled. It has no preload, and
 * isTrustedSender never trusts app://print, so it cannot reach the data.
 */

/** No "persist:" prefix: the session lives in memory and leaves nothing on disk. */
export const PRINT_PARTITION = 'party-office-print';
export const PRINT_HOST = 'print';

export function printDocumentUrl(token: string): string {
  return `${APP_SCHEME}://${PRINT_HOST}/${encodeURIComponent(token)}.html`;
}

/** The token of an app://print/<token>.html URL, or null for anything else. */
export function printTokenOf(url: string): string | null {
  const parsed = parse(url);
  if (
    !parsed ||
    parsed.protocol !== `${APP_SCHEME}:` ||
    parsed.host !== PRINT_HOST ||
    parsed.username ||
    parsed.password
  )
    return null;
  const match = /^\/([A-Za-z0-9-]{8,64})\.html$/.exec(parsed.pathname);
  return match?.[1] ?? null;
}

export function printWindowOptions(): BrowserWindowConstructorOptions {
  return {
    show: false,
    // A4 at 96 dpi; the PDF takes its page size from the document's CSS, not from the window.
    width: 794,
    height: 1123,
    webPreferences: {
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
      experimentalFeatures: false,
      webviewTag: false,
      plugins: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: false,
    },
  };
}

export function guardPrintSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setSpellCheckerEnabled(false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: printTokenOf(details.url) === null }));
  if (typeof session.setDevicePermissionHandler === 'function') session.setDevicePermissionHandler(() => false);
  if (typeof session.setDisplayMediaRequestHandler === 'function') {
    session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  }
}
