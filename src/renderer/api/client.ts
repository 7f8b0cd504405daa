import type { AppEvent, BridgeApi, Channel, Input, Output } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { httpEvents, httpInvoker, takeLaunchToken } from './http-transport';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

type RawInvoke = (channel: string, input: unknown, task?: string) => Promise<Result<unknown>>;
type Subscribe = (listener: (event: AppEvent) => void) => () => void;

/** Electron's preload bridge when present, otherwise browser mode over loopback HTTP. */
function pickTransport(): { raw: RawInvoke; subscribe: Subscribe } {
  const bridge = window.api;
  if (bridge) {
    return {
      raw: (channel, input, task) => bridge.invoke(channel, input, task) as Promise<Result<unknown>>,
      subscribe: (listener) => bridge.onEvent(listener),
    };
  }
  const token = takeLaunchToken();
  return { raw: httpInvoker(token), subscribe: (listener) => httpEvents(token, listener) };
}

const { raw, subscribe } = pickTransport();
const listeners = new Set<() => void>();
const eventListeners = new Set<(event: AppEvent) => void>();
let unsubscribe: (() => void) | null = null;

/** Calls one channel of the contract; failures arrive as AppError with a Chinese message. */
export async function invoke<C extends Channel>(
  channel: C,
  input: Input<C>,
  options: { task?: string } = {},
): Promise<Output<C>> {
  const result = await raw(channel, input, options.task);
  if (!result.ok) throw AppError.from(result.error);
  return result.value as Output<C>;
}

/** Calls a command and then tells every open view that data changed. */
export async function change<C extends Channel>(
  channel: C,
  input: Input<C>,
  options: { task?: string } = {},
): Promise<Output<C>> {
  const value = await invoke(channel, input, options);
  for (const listener of listeners) listener();
  return value;
}

/** Tells every open view to load again (after unlocking, restoring, importing). */
export function refreshAll(): void {
  for (const listener of listeners) listener();
}

export function onDataChanged(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The core's events (progress of long work, a restart). The stream is opened on the first listener. */
export function onAppEvent(listener: (event: AppEvent) => void): () => void {
  eventListeners.add(listener);
  unsubscribe ??= subscribe((event) => {
    for (const each of eventListeners) each(event);
  });
  return () => {
    eventListeners.delete(listener);
  };
}
