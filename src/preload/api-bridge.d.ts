import type { Api } from '../shared/api/api';

declare global {
  interface Window {
    /** The Electron preload's bridge; absent in the web host. */
    factmark?: Api;
  }
}
