import type { Result } from '../../shared/errors';

const TOKEN_KEY = 'party-office-token';
const INVOKE_PATH = '/api/invoke';

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
  return async (channel: string, input: unknown): Promise<Result<unknown>> => {
    let response: Response;
    try {
      response = await fetch(INVOKE_PATH, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
        body: JSON.stringify({ channel, input }),
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
