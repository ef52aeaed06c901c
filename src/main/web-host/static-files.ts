import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

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
 * or null when it could name anything outside it. Purely lexical: a hostile path is refused
 * before any lookup happens.
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

/** A file of the built renderer, read into memory when the host starts. */
export interface StaticFile {
  body: Buffer;
  contentType: string;
}

/** The built renderer held in memory: path below its folder (`assets/app.js`) -> file. */
export type StaticFiles = ReadonlyMap<string, StaticFile>;

/** More than the built renderer could ever be: the folder given is surely the wrong one. */
export const MAX_STATIC_BYTES = 64 * 1024 * 1024;

function isInside(root: string, real: string): boolean {
  const relative = path.relative(root, real);
  return (
    relative !== '' &&
    relative !== '..' &&
    !relative.startsWith(`..${path.sep}`) &&
    !path.isAbsolute(relative)
  );
}

/**
 * Reads every file of the built renderer into memory, once, so that serving one is a lookup
 * rather than a walk to the disk (the whole renderer is a few hundred kB). The host serves the
 * build it started with, index.html and assets alike: a rebuild is picked up by a restart and
 * can never mix an old index.html with new assets. Folders are entered, symlinks to folders are
 * not, and a symlinked file is kept only when its real path lies inside the real `staticDir`.
 * Rejects with ENOENT when `staticDir` does not exist.
 */
export async function loadStaticFiles(staticDir: string): Promise<StaticFiles> {
  const root = await realpath(staticDir);
  const files = new Map<string, StaticFile>();
  let totalBytes = 0;
  const load = async (segments: string[], realPath: string): Promise<void> => {
    const body = await readFile(realPath);
    totalBytes += body.length;
    if (totalBytes > MAX_STATIC_BYTES) {
      throw new Error(`${staticDir} holds more than 64 MB; it is not the built renderer`);
    }
    files.set(segments.join('/'), { body, contentType: contentTypeFor(realPath) });
  };
  const visit = async (relative: string[]): Promise<void> => {
    const entries = await readdir(path.join(root, ...relative), { withFileTypes: true });
    await Promise.all(
      entries.map(async (entry) => {
        const segments = [...relative, entry.name];
        const entryPath = path.join(root, ...segments);
        if (entry.isDirectory()) return visit(segments);
        if (entry.isFile()) return load(segments, entryPath);
        if (!entry.isSymbolicLink()) return;
        const real = await realpath(entryPath).catch(() => null);
        if (real === null || !isInside(root, real) || !(await stat(real)).isFile()) return;
        return load(segments, real);
      }),
    );
  };
  await visit([]);
  return files;
}

/**
 * Answers a GET or HEAD for a file of the built renderer, from memory. Unknown paths are a 404,
 * never the SPA index: the app has no client-side routes, so a fallback would only hide mistakes.
 */
export async function serveStaticFile(
  req: IncomingMessage,
  res: ServerResponse,
  files: StaticFiles,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendPlainText(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const segments = staticPathSegments(req.url ?? '');
  const file = segments === null ? undefined : files.get(segments.join('/'));
  if (file === undefined) {
    sendPlainText(res, 404, 'Not found');
    return;
  }
  const isHtml = file.contentType.startsWith('text/html');
  const headers: Record<string, string> = {
    'Content-Type': file.contentType,
    'Content-Length': String(file.body.length),
    // index.html carries nothing cacheable; assets revalidate so a new build is picked up.
    'Cache-Control': isHtml ? 'no-store' : 'no-cache',
  };
  // SVG can carry script too, so it gets the same policy as HTML.
  if (isHtml || file.contentType === 'image/svg+xml') headers['Content-Security-Policy'] = HTML_CSP;
  res.writeHead(200, headers);
  res.end(req.method === 'HEAD' ? undefined : file.body);
}
