import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CONTENT_SECURITY_POLICY } from '../shared/csp';
import type { AppErrorData } from '../shared/errors';
import type { CoreConnection } from '../core/connection';
import { contentTypeOf, resolveStaticFile } from '../core/static-files';
import { MAX_JSON_NESTING, nestsDeeperThan } from './json-nesting';

const MAX_BODY_BYTES = 32 * 1024 * 1024;
export const INVOKE_PATH = '/api/invoke';
/** The core's events (progress, restarts) as one JSON object a line, for as long as the page listens. */
export const EVENTS_PATH = '/api/events';

export interface WebServerOptions {
  core: CoreConnection;
  staticDir: string;
  port?: number;
  /** Fixed only in tests; normally a fresh random token per launch. */
  token?: string;
}

export interface RunningWebServer {
  port: number;
  token: string;
  /** The address to open: the token travels in the fragment, which browsers never send. */
  url: string;
  close(): Promise<void>;
}

/**
 * Browser mode: the app's contract over HTTP on 127.0.0.1 only. Three locks on the door:
 * the listening address (loopback), the Host header (against DNS rebinding), and a
 * per-launch bearer token (against other local pages and processes).
 */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  const token = options.token ?? crypto.randomBytes(24).toString('base64url');
  let port = 0;
  const server = http.createServer((req, res) => {
    handle(req, res, { ...options, token, port }).catch((error: unknown) => {
      sendJson(res, 500, failure('INTERNAL', '服务器内部错误。', String(error)));
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    port,
    token,
    url: `http://127.0.0.1:${port}/#token=${token}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Context extends WebServerOptions {
  token: string;
  port: number;
}

function failure(code: AppErrorData['code'], message: string, detail: string) {
  return { ok: false, error: { code, message, detail } };
}

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), usb=(), serial=()',
};

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  sendJsonText(res, status, JSON.stringify(body));
}

function sendJsonText(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

function hostAllowed(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

function tokenMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.startsWith('Bearer ') ? header.slice(7) : '');
  const expected = Buffer.from(token);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected);
}

/** Reads the body, or null when it is too large; an oversized body is drained, not kept, so the client still gets its answer. */
async function readBody(req: http.IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= MAX_BODY_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_BODY_BYTES ? null : Buffer.concat(chunks);
}

async function handle(req: http.IncomingMessage, res: http.ServerResponse, ctx: Context): Promise<void> {
  if (!hostAllowed(req.headers.host, ctx.port)) {
    return sendJson(res, 403, failure('UNAUTHORISED', '拒绝了来自其他地址的访问。', `bad host ${req.headers.host}`));
  }
  const url = new URL(req.url ?? '/', `http://127.0.0.1:${ctx.port}`);
  if (url.pathname === INVOKE_PATH) return invoke(req, res, ctx);
  if (url.pathname === EVENTS_PATH) return events(req, res, ctx);
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return sendJson(res, 405, failure('INVALID_INPUT', '不支持的请求方式。', `method ${req.method}`));
  }
  const file = resolveStaticFile(ctx.staticDir, url.pathname);
  if (!file) return sendJson(res, 404, failure('NOT_FOUND', '找不到该页面。', url.pathname));
  const body = await fs.promises.readFile(file);
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': contentTypeOf(file),
    'Content-Length': body.length,
    'Cache-Control': file.endsWith('.html') ? 'no-store' : 'max-age=31536000, immutable',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The same locks as every call: POST, our own origin, the launch token. False when refused (and answered). */
function admitted(req: http.IncomingMessage, res: http.ServerResponse, ctx: Context): boolean {
  if (req.method !== 'POST') {
    sendJson(res, 405, failure('INVALID_INPUT', '不支持的请求方式。', `method ${req.method}`));
    return false;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && !hostAllowed(origin.replace(/^http:\/\//, ''), ctx.port)) {
    sendJson(res, 403, failure('UNAUTHORISED', '拒绝了来自其他网页的请求。', `bad origin ${origin}`));
    return false;
  }
  if (!tokenMatches(req.headers.authorization, ctx.token)) {
    sendJson(res, 401, failure('UNAUTHORISED', '访问凭据无效：请使用启动时显示的完整地址打开本程序。', 'bad token'));
    return false;
  }
  return true;
}

/**
 * A streamed response the page reads line by line with fetch (EventSource cannot send the token
 * in a header). It stays open until the page goes or the server stops.
 */
function events(req: http.IncomingMessage, res: http.ServerResponse, ctx: Context): void {
  if (!admitted(req, res, ctx)) return;
  req.resume();
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/x-ndjson; charset=utf-8',
    'Cache-Control': 'no-store',
  });
  // A first line at once, so that the page knows the stream is open.
  res.write(`${JSON.stringify({ kind: 'hello' })}\n`);
  const off = ctx.core.onEvent((event) => res.write(`${JSON.stringify(event)}\n`));
  res.on('close', off);
}

async function invoke(req: http.IncomingMessage, res: http.ServerResponse, ctx: Context): Promise<void> {
  if (!admitted(req, res, ctx)) return;
  if (!req.headers['content-type']?.startsWith('application/json')) {
    return sendJson(res, 415, failure('INVALID_INPUT', '请求格式不正确。', 'content-type must be application/json'));
  }
  const body = await readBody(req);
  if (body === null) return sendJson(res, 413, failure('INVALID_INPUT', '提交的内容过大。', 'body too large'));
  if (nestsDeeperThan(body)) {
    return sendJson(
      res,
      400,
      failure(
        'INVALID_INPUT',
        `请求内容的嵌套超过 ${MAX_JSON_NESTING} 层，不是本程序页面发出的请求，已拒绝，数据没有改动。`,
        `json nested deeper than ${MAX_JSON_NESTING}`,
      ),
    );
  }
  let request: unknown;
  try {
    request = JSON.parse(body.toString('utf8'));
  } catch {
    return sendJson(res, 400, failure('INVALID_INPUT', '请求内容不是有效的 JSON。', 'bad json'));
  }
  const { channel, input, task } = (request ?? {}) as { channel?: unknown; input?: unknown; task?: unknown };
  const taskId = typeof task === 'string' ? task.slice(0, 64) : undefined;
  // A core in its own process answers in JSON text, sent on as it came.
  if (ctx.core.invokeJson) return sendJsonText(res, 200, await ctx.core.invokeJson(channel, input, taskId));
  sendJson(res, 200, await ctx.core.invoke(channel, input, taskId));
}
