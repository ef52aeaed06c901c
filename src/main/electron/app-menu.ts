import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import { MAX_IMPORT_BYTES } from '../../shared/api/contract';

/** The channel on which the main process hands the window a file chosen from File > Import…. */
export const IMPORT_FILE_CHANNEL = 'factmark:import-file';

async function chooseAndSendFile(window: BrowserWindow): Promise<void> {
  const result = await dialog.showOpenDialog(window, {
    title: 'Import article',
    properties: ['openFile'],
    filters: [{ name: 'Articles', extensions: ['txt', 'md', 'markdown', 'html', 'htm'] }],
  });
  const path = result.filePaths[0];
  if (result.canceled || !path) return;
  const bytes = await readFile(path);
  // The import service refuses oversized files too; this only avoids sending 1 GB over IPC.
  if (bytes.length > MAX_IMPORT_BYTES * 2) {
    dialog.showErrorBox(
      'Import article',
      `${basename(path)} is too large; Factmark imports files up to 20 MB.`,
    );
    return;
  }
  window.webContents.send(IMPORT_FILE_CHANNEL, {
    fileName: basename(path),
    base64: bytes.toString('base64'),
  });
}

/** The desktop menu: File > Import… (Ctrl/Cmd+O), and the standard Edit, View and Window menus. */
export function installAppMenu(): void {
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        {
          label: 'Import…',
          accelerator: 'CmdOrCtrl+O',
          click: (_item, window) => {
            if (window instanceof BrowserWindow) void chooseAndSendFile(window);
          },
        },
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
