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
