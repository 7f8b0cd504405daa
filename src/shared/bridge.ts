/*
 * What the Electron preload and the renderer share. Kept apart from contract.ts (which
 * re-exports it) because the sandboxed preload bundles everything it imports: importing
 * contract.ts there would pull zod and every schema into the preload.
 */

/** What the Electron preload exposes as `window.api`; the preload `satisfies` this. */
export interface BridgeApi {
  /** `task` names a long call, so that its progress events can be told apart and it can be cancelled. */
  invoke(channel: string, input: unknown, task?: string): Promise<unknown>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

/** How far long work has got: "正在校验第 3,200 / 10,000 行", done 3200, total 10000 (null: no count). */
export interface ProgressEvent {
  kind: 'progress';
  task: string;
  text: string;
  done: number;
  total: number | null;
}

/** The data service stopped unexpectedly and was started again; calls in flight were answered with CORE_RESTARTED. */
export interface CoreRestartedEvent {
  kind: 'coreRestarted';
}

export type AppEvent = { kind: 'dataChanged' } | ProgressEvent | CoreRestartedEvent;

export const IPC_INVOKE = 'api:invoke';
export const IPC_EVENT = 'api:event';
