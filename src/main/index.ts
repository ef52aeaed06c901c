import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog } from 'electron';
import { installAppMenu } from './electron/app-menu';
import { appPaths, appUrlMatcher, createMainWindow } from './electron/main-window';
import { registerIpc } from './electron/register-ipc';
import { hardenApp } from './electron/security';
import { openFactmark, type FactmarkLibrary } from './services/open-factmark';
import { dataDirFromArgs } from './store/data-dir';
import { acquireDataDirLock } from './store/lock-file';

// The thin Electron shell: window, security, IPC. Everything else lives in plain Node modules.
const mainDir = dirname(fileURLToPath(import.meta.url));
const resourcesDir = join(mainDir, '../../resources');
const paths = appPaths(mainDir);
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
let mainWindow: BrowserWindow | undefined;
let library: FactmarkLibrary | undefined;
let releaseLock: (() => Promise<void>) | undefined;

if (!app.requestSingleInstanceLock()) {
  // A second launch focuses the first window instead of opening another writer on the library.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  const isAppUrl = appUrlMatcher(paths, devServerUrl);
  hardenApp(isAppUrl);
  const dataDir =
    dataDirFromArgs(process.argv) ?? process.env['FACTMARK_DATA_DIR'] ?? app.getPath('userData');
  try {
    const lock = await acquireDataDirLock(dataDir, { owner: 'desktop app' });
    releaseLock = lock.release;
    library = await openFactmark({ dataDir, resourcesDir });
  } catch (error) {
    dialog.showErrorBox(
      'Factmark cannot open its library',
      error instanceof Error ? error.message : String(error),
    );
    app.exit(1);
    return;
  }
  registerIpc(library.dispatch, isAppUrl);
  installAppMenu();
  mainWindow = createMainWindow(paths, devServerUrl);
  mainWindow.on('closed', () => (mainWindow = undefined));
}

app.on('window-all-closed', () => app.quit());

let closing = false;
app.on('before-quit', (event) => {
  if (closing || !library) return;
  // Let pending saves reach the disk before the process ends.
  event.preventDefault();
  closing = true;
  void library
    .close()
    .then(() => releaseLock?.())
    .finally(() => app.quit());
});
