import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentTypeFor,
  HTML_CSP,
  loadStaticFiles,
  serveStaticFile,
  staticPathSegments,
} from './static-files';

describe('staticPathSegments', () => {
  it('maps / to index.html and keeps ordinary paths', () => {
    expect(staticPathSegments('/')).toEqual(['index.html']);
    expect(staticPathSegments('/?token=abc')).toEqual(['index.html']);
    expect(staticPathSegments('/assets/app-1a2b.js?v=1#x')).toEqual(['assets', 'app-1a2b.js']);
    expect(staticPathSegments('/assets/my%20font.woff2')).toEqual(['assets', 'my font.woff2']);
  });

  it.each([
    '/../package.json',
    '/assets/../../secret.txt',
    '/%2e%2e/secret.txt',
    '/.%2e/secret.txt',
    '/%2E%2E/secret.txt',
    '/..%2fsecret.txt',
    '/..%2Fsecret.txt',
    '/..%5csecret.txt',
    // Encoded separators are refused even where decoding them would look harmless.
    '/assets%2fapp.js',
    '/assets%5capp.js',
    '/assets/..\\..\\secret.txt',
    '/assets\\app.js',
    '/index.html%00.png',
    '//etc/passwd',
    '/C:/Windows/win.ini',
    '/./index.html',
    '/assets/',
    'index.html',
    'http://127.0.0.1/index.html',
    '/%E0%A4%A',
  ])('refuses %j without touching the file system', (target) => {
    expect(staticPathSegments(target)).toBeNull();
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['app.js', 'text/javascript; charset=utf-8'],
    ['chunk.mjs', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['icon.png', 'image/png'],
    ['favicon.ico', 'image/x-icon'],
    ['data.json', 'application/json; charset=utf-8'],
    ['font.woff2', 'font/woff2'],
    ['robots.txt', 'text/plain; charset=utf-8'],
    ['app.js.map', 'application/json; charset=utf-8'],
    ['APP.JS', 'text/javascript; charset=utf-8'],
    ['archive.zip', 'application/octet-stream'],
  ])('%s is %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type);
  });
});

describe('loadStaticFiles', () => {
  let root: string;
  let staticDir: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'factmark-static-'));
    staticDir = path.join(root, 'renderer');
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(root, 'secret.txt'), 'TOP SECRET');
    await mkdir(path.join(root, 'outside'));
    await writeFile(path.join(root, 'outside', 'leak.txt'), 'TOP SECRET');
    await symlink(path.join(root, 'secret.txt'), path.join(staticDir, 'assets', 'secret.txt'));
    await symlink(path.join(root, 'outside'), path.join(staticDir, 'linked-dir'));
    await symlink(path.join(staticDir, 'assets', 'app.js'), path.join(staticDir, 'alias.js'));
    await symlink(path.join(staticDir, 'missing.js'), path.join(staticDir, 'broken.js'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('holds every file inside the folder under its path, with its content type', async () => {
    const files = await loadStaticFiles(staticDir);
    expect(files.get('index.html')?.body.toString()).toBe('<!doctype html>');
    expect(files.get('index.html')?.contentType).toBe('text/html; charset=utf-8');
    expect(files.get('assets/app.js')?.body.toString()).toBe('console.log(1)');
    // A link that stays inside the folder is fine, and serves its target.
    expect(files.get('alias.js')?.body.toString()).toBe('console.log(1)');
  });

  it('leaves out symlinks that lead outside the folder, and broken ones', async () => {
    const files = await loadStaticFiles(staticDir);
    expect([...files.keys()].sort()).toEqual(['alias.js', 'assets/app.js', 'index.html']);
    for (const file of files.values()) expect(file.body.toString()).not.toContain('TOP SECRET');
  });

  it('rejects with ENOENT when the folder does not exist', async () => {
    await expect(loadStaticFiles(path.join(root, 'nowhere'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('serveStaticFile', () => {
  let root: string;
  let server: http.Server;

  /** A raw request (http.request sends the path exactly as written, `..` and `\\` included). */
  const request = (method: string, target: string) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
      (resolve, reject) => {
        const { port } = server.address() as AddressInfo;
        http
          .request({ host: '127.0.0.1', port, method, path: target, agent: false }, (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                headers: res.headers,
                body: Buffer.concat(chunks).toString('utf8'),
              }),
            );
          })
          .on('error', reject)
          .end();
      },
    );

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'factmark-serve-'));
    const staticDir = path.join(root, 'renderer');
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>Factmark</title>');
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
    await writeFile(path.join(staticDir, 'assets', 'logo.svg'), '<svg/>');
    await writeFile(path.join(root, 'secret.txt'), 'TOP SECRET');
    const files = await loadStaticFiles(staticDir);
    server = http.createServer((req, res) => void serveStaticFile(req, res, files));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  it('serves assets with their content type, revalidated rather than stored', async () => {
    const reply = await request('GET', '/assets/app.js');
    expect(reply).toMatchObject({ status: 200, body: 'console.log(1)' });
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(reply.headers['cache-control']).toBe('no-cache');
    expect(reply.headers['content-security-policy']).toBeUndefined();
  });

  it('gives HTML and SVG the CSP', async () => {
    expect((await request('GET', '/')).headers['content-security-policy']).toBe(HTML_CSP);
    expect((await request('GET', '/assets/logo.svg')).headers['content-security-policy']).toBe(
      HTML_CSP,
    );
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const reply = await request('HEAD', '/assets/app.js');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-length']).toBe('14');
    expect(reply.body).toBe('');
  });

  it.each(['/missing.js', '/library/a1', '/assets/', '/assets', '/index.html/'])(
    'answers %j with 404, not the SPA index',
    async (target) => {
      const reply = await request('GET', target);
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('Factmark');
    },
  );

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/..%2fsecret.txt',
    '/assets/..\\..\\secret.txt',
  ])('answers traversal %j with 404 and not the secret', async (target) => {
    const reply = await request('GET', target);
    expect(reply.status).toBe(404);
    expect(reply.body).not.toContain('TOP SECRET');
  });

  it('refuses methods other than GET and HEAD', async () => {
    const reply = await request('DELETE', '/index.html');
    expect(reply.status).toBe(405);
    expect(reply.headers.allow).toBe('GET, HEAD');
  });
});
