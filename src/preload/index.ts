import { contextBridge, ipcRenderer } from 'electron';
import { apiMethods, ipcChannel } from '../shared/api/api';

// One function per contract method; the renderer never sees ipcRenderer itself.
const bridge = Object.fromEntries(
  apiMethods.map((method) => [
    method,
    (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input),
  ]),
);

contextBridge.exposeInMainWorld('factmark', Object.freeze(bridge));

// File > Import… in the desktop menu: the main process reads the chosen file and hands it over.
contextBridge.exposeInMainWorld(
  'factmarkMenu',
  Object.freeze({
    onImportFile(callback: (file: { fileName: string; base64: string }) => void): () => void {
      const listener = (_event: unknown, file: { fileName: string; base64: string }) =>
        callback({ fileName: String(file.fileName), base64: String(file.base64) });
      ipcRenderer.on('factmark:import-file', listener);
      return () => ipcRenderer.off('factmark:import-file', listener);
    },
  }),
);
