import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { freshDataDir, removeDataDir } from './support/web-host';

const ROOT = join(import.meta.dirname, '..');

/** Electron's runtime, when this machine has it (npm never downloads it; `npm start` may). */
function electronBinary(): { path?: string; reason?: string } {
  const pathFile = join(ROOT, 'node_modules/electron/path.txt');
  if (!existsSync(pathFile))
    return {
      reason:
        "Electron's runtime is not installed on this machine (node_modules/electron/path.txt is missing)",
    };
  const binary = join(ROOT, 'node_modules/electron/dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { reason: `Electron's binary ${binary} is missing` };
  if (process.platform === 'linux' && !process.env['DISPLAY'] && !process.env['WAYLAND_DISPLAY']) {
    return {
      reason: 'there is no display (set DISPLAY, e.g. under xvfb-run) for a desktop window',
    };
  }
  return { path: binary };
}

const runtime = electronBinary();
if (runtime.reason) console.log(`Skipping the Electron e2e spec: ${runtime.reason}.`);

test.describe('desktop window (Electron)', () => {
  test.skip(!runtime.path, runtime.reason ?? '');

  test('opens the sample article in a locked-down window', async () => {
    const dataDir = await freshDataDir();
    const app = await electron.launch({
      executablePath: runtime.path,
      args: [ROOT, '--data-dir', dataDir],
    });
    try {
      const page = await app.firstWindow();
      expect(await page.title()).toBe('Factmark');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(
        'Iran’s Supreme Leader rejects talks with US',
      );
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const contents = BrowserWindow.getAllWindows()[0]!.webContents;
        // getLastWebPreferences is Electron's own record of what the window was created with.
        const webPreferences = (
          contents as unknown as { getLastWebPreferences(): Record<string, unknown> }
        ).getLastWebPreferences();
        return {
          contextIsolation: webPreferences['contextIsolation'],
          sandbox: webPreferences['sandbox'],
          nodeIntegration: webPreferences['nodeIntegration'],
        };
      });
      expect(prefs).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false });
      // The page has no Node and no raw IPC: only the contract's functions.
      const exposed = await page.evaluate(() => {
        const scope = globalThis as unknown as { require?: unknown; factmark: object };
        return { require: typeof scope.require, bridge: Object.keys(scope.factmark).sort() };
      });
      expect(exposed.require).toBe('undefined');
      expect(exposed.bridge).toContain('getLibrary');
      // The CSP blocks inline script, and permission checks are denied.
      const inlineRan = await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__inline = 1';
        document.head.append(script);
        return (window as unknown as { __inline?: number }).__inline;
      });
      expect(inlineRan).toBeUndefined();
      const permission = await page.evaluate(
        async () => (await navigator.permissions.query({ name: 'notifications' })).state,
      );
      expect(permission).not.toBe('granted');
      // Navigation away and new windows are refused.
      await page.evaluate(() => {
        (globalThis as unknown as { location: { href: string } }).location.href =
          'https://example.com/';
      });
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      const popup = await page.evaluate(
        () =>
          (globalThis as unknown as { open(url: string): unknown }).open('https://example.com/') ===
          null,
      );
      expect(popup).toBe(true);
    } finally {
      await app.close();
      await removeDataDir(dataDir);
    }
  });
});
