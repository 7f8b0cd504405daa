import type { AppEvent } from '../../shared/bridge';
import type { Result } from '../../shared/errors';

const TOKEN_KEY = 'party-office-token';
const INVOKE_PATH = '/api/invoke';
const EVENTS_PATH = '/api/events';

/**
 * Browser mode: the launch token arrives in the URL fragment (never sent over the wire),
 * is kept for this tab only, and the fragment is cleared so it does not linger on screen.
 */
export function takeLaunchToken(): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
    return match[1];
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

export function httpInvoker(token: string | null) {
  return async (channel: string, input: unknown, task?: string): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetch(INVOKE_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify(task === undefined ? { channel, input } : { channel, input, task }),
      });
    } catch (error) {
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message: '与本机服务的连接已断开：请确认“npm run web”仍在运行，然后刷新页面。',
          detail: String(error),
        },
      };
    }
    return (await response.json()) as Result<unknown>;
  };
}

/**
 * The core's events over one long response read line by line (EventSource cannot carry the
 * token in a header). When the stream ends (the server restarted, the laptop slept) it is opened
 * again after a pause; events sent meanwhile are lost, which only costs a progress step.
 */
export function httpEvents(token: string | null, listener: (event: AppEvent) => void): () => void {
  let stopped = false;
  let controller: AbortController | null = null;
  const open = async (): Promise<void> => {
    while (!stopped) {
      controller = new AbortController();
      try {
        const response = await fetch(EVENTS_PATH, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token ?? ''}` },
          signal: controller.signal,
        });
        if (response.ok && response.body) await readLines(response.body, listener);
      } catch {
        // Closed or refused: try again below.
      }
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  };
  void open();
  return () => {
    stopped = true;
    controller?.abort();
  };
}

async function readLines(body: ReadableStream<Uint8Array>, listener: (event: AppEvent) => void): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let pending = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    pending += decoder.decode(value, { stream: true });
    let newline = pending.indexOf('\n');
    while (newline >= 0) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + 1);
      const event = JSON.parse(line) as AppEvent | { kind: 'hello' };
      if (event.kind !== 'hello') listener(event);
      newline = pending.indexOf('\n');
    }
  }
}
