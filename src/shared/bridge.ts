/*
 * What the Electron preload and the renderer share. Kept apart from contract.ts (which
 * re-exports it) because the sandboxed preload bundles everything it imports: importing
 * contract.ts there would pull zod and every schema into the preload.
 */

/** What the Electron preload exposes as `window.api`; the preload `satisfies` this. */
export interface BridgeApi {
  invoke(channel: string, input: unknown): Promise<unknown>;
  onEvent(listener: (event: AppEvent) => void): () => void;
}

export type AppEvent = { kind: 'dataChanged' };

export const IPC_INVOKE = 'api:invoke';
export const IPC_EVENT = 'api:event';
