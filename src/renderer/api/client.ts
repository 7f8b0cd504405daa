import type { BridgeApi, Channel, Input, Output } from '../../shared/contract';
import { AppError, type Result } from '../../shared/errors';
import { httpInvoker, takeLaunchToken } from './http-transport';

declare global {
  interface Window {
    api?: BridgeApi;
  }
}

type RawInvoke = (channel: string, input: unknown) => Promise<Result<unknown>>;

/** Electron's preload bridge when present, otherwise browser mode over loopback HTTP. */
function pickTransport(): RawInvoke {
  const bridge = window.api;
  if (bridge) return (channel, input) => bridge.invoke(channel, input) as Promise<Result<unknown>>;
  return httpInvoker(takeLaunchToken());
}

const raw = pickTransport();
const listeners = new Set<() => void>();

/** Calls one channel of the contract; failures arrive as AppError with a Chinese message. */
export async function invoke<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const result = await raw(channel, input);
  if (!result.ok) throw AppError.from(result.error);
  return result.value as Output<C>;
}

/** Calls a command and then tells every open view that data changed. */
export async function change<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  const value = await invoke(channel, input);
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
