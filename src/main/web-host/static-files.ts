import { open, realpath } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';

/** The renderer's Content Security Policy: only our own scripts, no frames, no plugins, no forms. */
export const HTML_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Headers sent on every response of the web host, API and errors included. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Stops another origin from embedding our files with <script src> or <img src>.
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The Content-Type for a file; anything unlisted is opaque bytes (nosniff keeps it that way). */
export function contentTypeFor(filePath: string): string {
  return contentTypes[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Ends `res` with a short plain-text body; used for 403/404/405 where no JSON is expected. */
export function sendPlainText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  const body = Buffer.from(`${text}\n`, 'utf8');
  res.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * Turns the raw request target (`/assets/app.js?v=1`) into path segments below the static root,
 * or null when it could name anything outside it. Purely lexical: it never touches the file
 * system, so a hostile path is refused before any `stat` or `open` happens.
 */
export function staticPathSegments(rawTarget: string): string[] | null {
  // Parse by hand: WHATWG URL would silently fold `%2e%2e` and `\` into `..` and `/`.
  const rawPath = rawTarget.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/')) return null;
  // Encoded separators and NUL would survive a segment check and be reinterpreted later.
  if (rawPath.includes('\\') || /%(2f|5c|00)/i.test(rawPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (decoded === '/') return ['index.html'];
  const relative = decoded.slice(1);
  if (path.isAbsolute(relative) || path.win32.isAbsolute(relative)) return null;
  const segments = relative.split('/');
  // Empty segments (`//`, trailing `/`), dot segments and drive letters (`C:`) are all refused:
  // the renderer build never produces them, so there is nothing legitimate to lose.
  const unsafe = segments.some((s) => s === '' || s === '.' || s === '..' || s.includes(':'));
  return unsafe ? null : segments;
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR' || code === 'ELOOP' || code === 'ENAMETOOLONG';
}

/**
 * The real path of the file a request target names, or null when there is none or it lies
 * outside the real `staticDir` (for instance through a symlink). The result is what should be
 * opened, so a link cannot be swapped between the check and the read.
 */
export async function resolveStaticFile(
  staticDir: string,
  rawTarget: string,
): Promise<string | null> {
  const segments = staticPathSegments(rawTarget);
  if (segments === null) return null;
  const root = await realpath(staticDir);
  let real: string;
  try {
    real = await realpath(path.join(root, ...segments));
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  const relative = path.relative(root, real);
  const inside =
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative);
  return inside ? real : null;
}

/**
 * Answers a GET or HEAD for a file of the built renderer. Unknown paths are a 404, never the
 * SPA index: the app has no client-side routes, so a fallback would only hide mistakes.
 */
export async function serveStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  staticDir: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendPlainText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const filePath = await resolveStaticFile(staticDir, req.url ?? '');
  if (filePath === null) {
    sendPlainText(res, 404, 'Not found');
    return;
  }
  const file = await open(filePath, 'r');
  try {
    const stats = await file.stat();
    if (!stats.isFile()) {
      sendPlainText(res, 404, 'Not found');
      return;
    }
    const contentType = contentTypeFor(filePath);
    const isHtml = contentType.startsWith('text/html');
    const headers: Record<string, string> = {
      'Content-Type': contentType,
      'Content-Length': String(stats.size),
      // index.html carries nothing cacheable; assets revalidate so a rebuild is picked up.
      'Cache-Control': isHtml ? 'no-store' : 'no-cache',
    };
    // SVG can carry script too, so it gets the same policy as HTML.
    if (isHtml || contentType === 'image/svg+xml') headers['Content-Security-Policy'] = HTML_CSP;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    await pipeline(file.createReadStream({ autoClose: false }), res);
  } finally {
    await file.close();
  }
}
