import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { IPC_EVENT, IPC_INVOKE, type AppEvent, type BridgeApi } from '../../src/shared/bridge';

// The page sees only these two functions: never ipcRenderer itself, nor the IPC event object
// (whose `sender` would hand the page the whole of ipcRenderer).
const api = {
  invoke: (channel: string, input: unknown, task?: string) => ipcRenderer.invoke(IPC_INVOKE, channel, input, task),
  onEvent(listener: (event: AppEvent) => void) {
    const handler = (_event: IpcRendererEvent, appEvent: AppEvent) => listener(appEvent);
    ipcRenderer.on(IPC_EVENT, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT, handler);
    };
  },
} satisfies BridgeApi;

contextBridge.exposeInMainWorld('api', api);
