import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow } from 'electron';

/** Where the built renderer and preload live, relative to the built main process (out/main). */
export interface AppPaths {
  rendererHtml: string;
  preload: string;
}

/** Resolves the built renderer and preload next to `out/main`. */
export function appPaths(mainDir: string): AppPaths {
  return {
    rendererHtml: join(mainDir, '../renderer/index.html'),
    preload: join(mainDir, '../preload/index.cjs'),
  };
}

/** Whether a URL is the app's own page (the built renderer, or the dev server in development). */
export function appUrlMatcher(
  paths: AppPaths,
  devServerUrl: string | undefined,
): (url: string) => boolean {
  const fileUrl = pathToFileURL(paths.rendererHtml).toString();
  return (url) =>
    url.split(/[?#]/)[0] === fileUrl || (!!devServerUrl && url.startsWith(devServerUrl));
}

/** Opens the Factmark window with the renderer locked in its sandbox. */
export function createMainWindow(paths: AppPaths, devServerUrl: string | undefined): BrowserWindow {
  const window = new BrowserWindow({
    title: 'Factmark',
    width: 1280,
    height: 860,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#fbfaf7',
    webPreferences: {
      preload: paths.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: true,
    },
  });
  window.once('ready-to-show', () => window.show());
  // Keep the product name as the title even if the page's <title> changes.
  window.on('page-title-updated', (event) => event.preventDefault());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(paths.rendererHtml);
  return window;
}
