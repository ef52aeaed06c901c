import { app, session, shell, type WebContents } from 'electron';

/** Only these URL schemes may leave the app, and only to the system's own handler. */
const EXTERNAL_PROTOCOLS = new Set(['https:', 'http:', 'mailto:']);

/** Opens a link in the system browser when it parses as an allowed URL; ignores anything else. */
export function openExternalSafely(rawUrl: string): void {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return;
  }
  if (EXTERNAL_PROTOCOLS.has(url.protocol)) void shell.openExternal(url.toString());
}

/**
 * Locks every web contents down: no navigation away from the app, no new windows (links go to
 * the system browser instead), no webviews, and no permission (camera, notifications...) granted.
 */
export function hardenApp(isAppUrl: (url: string) => boolean): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      openExternalSafely(url);
      return { action: 'deny' };
    });
  });
}
