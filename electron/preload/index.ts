import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type AppEvent, type BridgeApi } from '../../src/shared/bridge';

// The page sees only these two functions: never ipcRenderer itself, nor the IPC event object
// (whose `sender` would hand the page the whole of ipcRenderer).
const api = {
  // The envelope arrives as JSON text, passed on by main unparsed (the core serialised it in its own process).
  invoke: async (channel: string, input: unknown, task?: string): Promise<unknown> =>
    JSON.parse((await ipcRenderer.invoke(IPC_INVOKE, channel, input, task)) as string),
  onEvent(listener: (event: AppEvent) => void) {
    const handler = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
} satisfies BridgeApi;

contextBridge.exposeInMainWorld('api', api);
