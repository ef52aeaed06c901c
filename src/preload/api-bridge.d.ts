import type { Api } from '../shared/api/api';

declare global {
  interface Window {
    /** The Electron preload's bridge; absent in the web host. */
    factmark?: Api;
    /** Desktop menu events; absent in the web host. */
    factmarkMenu?: {
      onImportFile(callback: (file: { fileName: string; base64: string }) => void): () => void;
    };
  }
}
