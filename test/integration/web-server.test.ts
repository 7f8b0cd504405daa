import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EVENTS_PATH, INVOKE_PATH, startWebServer, type RunningWebServer } from '../../src/web/server';
import { rosterMembers, rosterWorkbook } from '../support/big-roster';
import { SAMPLE_SETUP, tempDir, tempWorkspace } from '../support/temp-workspace';
import { asFile } from '../support/workbooks';

let server: RunningWebServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function start() {
  const t = tempWorkspace();
  const staticDir = tempDir();
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>机关党务工作台</title>');
  fs.writeFileSync(path.join(tempDir(), 'secret.txt'), 'outside');
  server = await startWebServer({ core: t.core, staticDir });
  return { ...t, server };
}

/** Raw requests, so that headers a browser would never let us forge can be sent. */
function request(
  port: number,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: options.method ?? 'GET', path: options.path ?? '/', headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function invoke(port: number, token: string, channel: string, input: unknown, headers: Record<string, string> = {}) {
  return request(port, {
    method: 'POST',
    path: INVOKE_PATH,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ channel, input }),
  });
}

describe('browser mode server', () => {
  it('listens on the loopback address only and prints a tokened address', async () => {
    const { server } = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[A-Za-z0-9_-]{20,}$/);
    const { port } = server;
    // Two launches never share a token.
    const other = await startWebServer({ core: tempWorkspace().core, staticDir: tempDir() });
    expect(other.token).not.toBe(server.token);
    await other.close();
    expect(port).toBeGreaterThan(0);
  });

  it('runs the contract for a caller with the launch token', async () => {
    const { server } = await start();
    const setup = await invoke(server.port, server.token, 'organ.setup', SAMPLE_SETUP);
    expect(setup.status).toBe(200);
    expect(JSON.parse(setup.body)).toMatchObject({ ok: true, value: { name: '某某局' } });
    const bad = JSON.parse(
      (await invoke(server.port, server.token, 'org.addUnit', { kind: 'branch', parentId: 1, name: '' })).body,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'name' } });
  });

  it('refuses callers without the token, from other origins, or through another host name', async () => {
    const { server, api } = await start();
    const noToken = await invoke(server.port, 'wrong-token', 'organ.setup', SAMPLE_SETUP);
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body).error.message).toContain('访问凭据无效');
    const otherSite = await invoke(server.port, server.token, 'organ.setup', SAMPLE_SETUP, {
      Origin: 'http://evil.example',
    });
    expect(otherSite.status).toBe(403);
    const rebinding = await invoke(server.port, server.token, 'organ.setup', SAMPLE_SETUP, {
      Host: `evil.example:${server.port}`,
    });
    expect(rebinding.status).toBe(403);
    const form = await request(server.port, {
      method: 'POST',
      path: INVOKE_PATH,
      headers: { Authorization: `Bearer ${server.token}`, 'Content-Type': 'text/plain' },
      body: '{}',
    });
    expect(form.status).toBe(415);
    const viaGet = await request(server.port, {
      path: `${INVOKE_PATH}?channel=organ.setup`,
      headers: { Authorization: `Bearer ${server.token}` },
    });
    expect(viaGet.status).toBe(405);
    // None of them changed anything.
    expect(await api('app.status', {})).toMatchObject({ state: 'needsSetup' });
  });

  it('serves the app with a strict CSP and nothing outside its folder', async () => {
    const { server } = await start();
    const page = await request(server.port, { path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('机关党务工作台');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(page.headers['x-frame-options']).toBe('DENY');
    for (const escape of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%2e%2e%5csecret.txt']) {
      expect((await request(server.port, { path: escape })).status).toBe(404);
    }
  });

  it('answers malformed JSON and oversized bodies with a message, not a crash', async () => {
    const { server } = await start();
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` };
    const broken = await request(server.port, { method: 'POST', path: INVOKE_PATH, headers, body: '{"channel":' });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body).error.message).toContain('JSON');
    const huge = await request(server.port, {
      method: 'POST',
      path: INVOKE_PATH,
      headers,
      body: 'x'.repeat(33 * 1024 * 1024),
    });
    expect(huge.status).toBe(413);
    expect((await invoke(server.port, server.token, 'app.status', {})).status).toBe(200);
  });

  it('refuses JSON nested past any input the app takes (100,000 deep) with 400 and a message, before it reaches the core', async () => {
    const { server, api } = await start();
    await api('organ.setup', SAMPLE_SETUP);
    const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` };
    const deep = (depth: number, open: string, close: string) =>
      `{"channel":"roster.add","input":{"fields":${open.repeat(depth)}${close.repeat(depth)}}}`;
    for (const body of [deep(100_000, '[', ']'), deep(100_000, '{"a":', '}'), deep(1000, '[{"x":', '}]')]) {
      const refused = await request(server.port, { method: 'POST', path: INVOKE_PATH, headers, body });
      expect(refused.status).toBe(400);
      const error = JSON.parse(refused.body).error;
      expect(error.code).toBe('INVALID_INPUT');
      expect(error.message).toMatch(/嵌套.*层/);
    }
    // Brackets inside strings are text, not nesting: a note of 5,000 "[" is an ordinary (invalid) member.
    const text = await invoke(server.port, server.token, 'roster.add', { fields: { name: '['.repeat(5000) } });
    expect(text.status).toBe(200);
    expect(JSON.parse(text.body).error.code).toBe('INVALID_INPUT');
    expect(JSON.parse(text.body).error.message).not.toMatch(/嵌套/);
    // The server is still there, and nothing was added.
    expect((await api('roster.search', {})).counts.total).toBe(0);
    expect((await invoke(server.port, server.token, 'app.status', {})).status).toBe(200);
  });

  it('streams the core’s events to the page that holds the token, one JSON object a line', async () => {
    const { server, api } = await start();
    await api('organ.setup', SAMPLE_SETUP);
    const refused = await request(server.port, { method: 'POST', path: EVENTS_PATH });
    expect(refused.status).toBe(401);

    const lines: unknown[] = [];
    const stream = http.request({
      host: '127.0.0.1',
      port: server.port,
      method: 'POST',
      path: EVENTS_PATH,
      headers: { Authorization: `Bearer ${server.token}` },
    });
    const opened = new Promise<void>((resolve) =>
      stream.on('response', (res) => {
        expect(res.headers['content-type']).toContain('application/x-ndjson');
        let pending = '';
        res.on('data', (chunk: Buffer) => {
          pending += chunk.toString('utf8');
          for (let at = pending.indexOf('\n'); at >= 0; at = pending.indexOf('\n')) {
            lines.push(JSON.parse(pending.slice(0, at)));
            pending = pending.slice(at + 1);
          }
          if (lines.length === 1) resolve();
        });
      }),
    );
    stream.end();
    await opened;
    const members = rosterMembers(600, SAMPLE_SETUP.branches);
    const body = JSON.stringify({
      channel: 'roster.importPreview',
      input: { file: asFile('花名册.xlsx', await rosterWorkbook(members)) },
      task: 'page-task-1',
    });
    const answer = await request(server.port, {
      method: 'POST',
      path: INVOKE_PATH,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
      body,
    });
    expect(JSON.parse(answer.body).value.newMembers).toBe(600);
    expect(lines[0]).toEqual({ kind: 'hello' });
    expect(lines).toContainEqual({
      kind: 'progress',
      task: 'page-task-1',
      text: '正在读取工作簿',
      done: 0,
      total: null,
    });
    stream.destroy();
  });
});
