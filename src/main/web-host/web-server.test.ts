import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiResult } from '../../shared/api/result';
import { createDispatcher, type ApiHandlers, type Dispatch } from '../api/dispatcher';
import { HTML_CSP } from './static-files';
import { createWebServer, MAX_API_BODY_BYTES, type WebServer } from './web-server';

// Capture the node:http servers the host creates, to check what address they really bind.
const createdServers = vi.hoisted(() => [] as import('node:http').Server[]);
vi.mock('node:http', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:http')>();
  const createServer = ((...args: Parameters<typeof actual.createServer>) => {
    const server = actual.createServer(...args);
    createdServers.push(server);
    return server;
  }) as typeof actual.createServer;
  return { ...actual, default: { ...actual, createServer }, createServer };
});

const SECRET = 'TOP-SECRET-NEXT-TO-STATIC-DIR';
const INDEX_HTML = '<!doctype html><title>Factmark</title><script src="/assets/app.js"></script>';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Call {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  /** The body, or a function that writes it (and may never finish). */
  body?: string | ((req: http.ClientRequest) => void);
}

/** One raw HTTP request (fetch would refuse to set Host, Origin or Sec-Fetch-Site). */
function send(port: number, call: Call): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: call.method ?? 'GET',
        path: call.path,
        headers: call.headers,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const reply = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          };
          try {
            // Invariants of every response the host sends, whatever the request.
            const corsHeaders = Object.keys(reply.headers).filter((h) =>
              h.startsWith('access-control-'),
            );
            expect(corsHeaders).toEqual([]);
            expect(reply.headers['x-content-type-options']).toBe('nosniff');
            expect(reply.headers['referrer-policy']).toBe('no-referrer');
            expect(reply.headers['x-frame-options']).toBe('DENY');
            expect(reply.headers['cross-origin-opener-policy']).toBe('same-origin');
            expect(reply.body).not.toContain(SECRET);
            resolve(reply);
          } catch (error) {
            reject(error);
          }
        });
      },
    );
    // The server may hang up on a body it refused; only a failure before any answer counts.
    let answered = false;
    req.on('response', () => (answered = true));
    req.on('error', (error) => (answered ? undefined : reject(error)));
    if (typeof call.body === 'function') call.body(req);
    else req.end(call.body);
  });
}

describe('createWebServer', () => {
  let root: string;
  let staticDir: string;
  let host: WebServer;
  const dispatched: { method: string; input: unknown }[] = [];

  // A fake dispatcher is enough here: the thing under test is the host, not the services.
  const fakeDispatch: Dispatch = async (method, input) => {
    dispatched.push({ method, input });
    if (method === 'echo') return { ok: true, value: { echoed: input } };
    if (method === 'missingArticle') {
      return { ok: false, error: { code: 'not-found', message: 'No article a1' } };
    }
    return {
      ok: false,
      error: { code: 'unknown-method', message: `No such API method: ${method}` },
    };
  };

  const api = (method: string, body?: Call['body'], headers: Record<string, string> = {}) =>
    send(host.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'X-Factmark-Token': host.token, 'Content-Type': 'application/json', ...headers },
      body,
    });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'factmark-web-'));
    staticDir = path.join(root, 'renderer');
    await mkdir(path.join(staticDir, 'assets'), { recursive: true });
    await writeFile(path.join(staticDir, 'index.html'), INDEX_HTML);
    await writeFile(path.join(staticDir, 'assets', 'app.js'), 'console.log("factmark")');
    // Files a traversal would reach: the parent of staticDir holds secrets.
    await writeFile(path.join(root, 'package.json'), JSON.stringify({ secret: SECRET }));
    await writeFile(path.join(root, 'x'), SECRET);
    host = await createWebServer({ dispatch: fakeDispatch, staticDir, port: 0 });
  });

  afterAll(async () => {
    await host.close();
    await rm(root, { recursive: true, force: true });
  });

  it('binds 127.0.0.1 only and reports where it listens', () => {
    const addresses = createdServers.map((server) => server.address() as AddressInfo | null);
    const address = addresses.find((a) => a?.port === host.port);
    expect(address?.address).toBe('127.0.0.1');
    expect(address?.family).toBe('IPv4');
    expect(host.port).toBeGreaterThan(0);
    expect(host.origin).toBe(`http://127.0.0.1:${host.port}`);
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    // 32 random bytes in base64url.
    expect(host.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  describe('API', () => {
    it('refuses a call with no token or a wrong one, before dispatching', async () => {
      const before = dispatched.length;
      const missing = await send(host.port, { method: 'POST', path: '/api/echo', body: '{}' });
      const wrong = await api('echo', '{}', { 'X-Factmark-Token': 'x'.repeat(43) });
      const short = await api('echo', '{}', { 'X-Factmark-Token': 'x' });
      expect([missing.status, wrong.status, short.status]).toEqual([401, 401, 401]);
      expect(JSON.parse(missing.body)).toMatchObject({ ok: false });
      expect(dispatched.length).toBe(before);
    });

    it("returns the dispatcher's result as JSON with the right token", async () => {
      const reply = await api('echo', JSON.stringify({ articleId: 'a1' }));
      expect(reply.status).toBe(200);
      expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(reply.headers['cache-control']).toBe('no-store');
      expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { echoed: { articleId: 'a1' } } });
      expect(dispatched.at(-1)).toEqual({ method: 'echo', input: { articleId: 'a1' } });
    });

    it('passes an empty body as {}', async () => {
      const reply = await api('echo');
      expect(JSON.parse(reply.body)).toEqual({ ok: true, value: { echoed: {} } });
    });

    it('answers typed errors with 200 and the error in the body', async () => {
      const reply = await api('missingArticle', '{}');
      expect(reply.status).toBe(200);
      expect(JSON.parse(reply.body)).toEqual({
        ok: false,
        error: { code: 'not-found', message: 'No article a1' },
      });
    });

    it('answers an unknown method with 404 and an ApiResult body', async () => {
      const unknown = await api('noSuchMethod', '{}');
      expect(unknown.status).toBe(404);
      expect(JSON.parse(unknown.body)).toMatchObject({
        ok: false,
        error: { code: 'unknown-method' },
      });
      // Names that cannot be a method never reach the dispatcher.
      const before = dispatched.length;
      const odd = await api('__proto__/x', '{}');
      expect(odd.status).toBe(404);
      expect(dispatched.length).toBe(before);
    });

    it('answers invalid JSON with 400 and invalid-input', async () => {
      const reply = await api('echo', '{"articleId": ');
      expect(reply.status).toBe(400);
      const result = JSON.parse(reply.body) as ApiResult<unknown>;
      expect(result.ok === false && result.error.code).toBe('invalid-input');
    });

    it('answers non-POST methods with 405', async () => {
      const get = await send(host.port, { path: '/api/x' });
      expect(get.status).toBe(405);
      expect(get.headers.allow).toBe('POST');
      // A CORS preflight gets no CORS answer either.
      const preflight = await send(host.port, {
        method: 'OPTIONS',
        path: '/api/echo',
        headers: { Origin: host.origin, 'Access-Control-Request-Method': 'POST' },
      });
      expect(preflight.status).toBe(405);
    });

    it('refuses a body declared over 32 MB without reading it', async () => {
      const reply = await api('echo', (req) => req.write('{"x":"'), {
        'Content-Length': String(MAX_API_BODY_BYTES + 1),
      }); // the rest is never sent: the server must answer anyway
      expect(reply.status).toBe(413);
      expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    });

    it('refuses a chunked body once it passes 32 MB', async () => {
      const before = dispatched.length;
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      const reply = await api(
        'echo',
        (req) => {
          let answered = false;
          req.on('response', () => (answered = true));
          const pump = (written: number): void => {
            for (; !answered && written <= MAX_API_BODY_BYTES; written += chunk.length) {
              if (!req.write(chunk))
                return void req.once('drain', () => pump(written + chunk.length));
            }
            req.end();
          };
          pump(0);
        },
        { 'Transfer-Encoding': 'chunked' },
      );
      expect(reply.status).toBe(413);
      expect(dispatched.length).toBe(before);
    });
  });

  describe('request guards (static and API alike)', () => {
    it.each([
      ['Host: evil.example', { Host: 'evil.example' }],
      ['a Host with another port', { Host: '127.0.0.1:1' }],
      ['Origin: https://evil.example', { Origin: 'https://evil.example' }],
      ['Sec-Fetch-Site: cross-site', { 'Sec-Fetch-Site': 'cross-site' }],
    ])('refuses %s with 403', async (_, headers) => {
      const page = await send(host.port, { path: '/', headers });
      expect(page.status).toBe(403);
      expect(page.body).not.toContain('Factmark');
      const before = dispatched.length;
      const call = await api('echo', '{}', headers);
      expect(call.status).toBe(403);
      expect(dispatched.length).toBe(before);
    });

    it('accepts localhost:<port> and our own Origin', async () => {
      const page = await send(host.port, {
        path: '/',
        headers: { Host: `localhost:${host.port}` },
      });
      expect(page.status).toBe(200);
      const call = await api('echo', '{}', {
        Origin: host.origin,
        'Sec-Fetch-Site': 'same-origin',
      });
      expect(call.status).toBe(200);
    });
  });

  describe('static files', () => {
    it('serves index.html at / with the CSP and no-store', async () => {
      const reply = await send(host.port, { path: `/?token=${host.token}` });
      expect(reply.status).toBe(200);
      expect(reply.body).toBe(INDEX_HTML);
      expect(reply.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(reply.headers['content-security-policy']).toBe(HTML_CSP);
      expect(reply.headers['content-security-policy']).toContain("frame-ancestors 'none'");
      expect(reply.headers['cache-control']).toBe('no-store');
    });

    // The full list of hostile paths is in static-files.test.ts; these prove the routing.
    it.each(['/../package.json', '/%2e%2e/x', '/..%2fx', '/..%5cx', '/assets/..\\..\\x'])(
      'answers traversal %j with 404 and never the secret',
      async (target) => {
        const reply = await send(host.port, { path: target });
        expect(reply.status).toBe(404);
      },
    );

    it('answers unknown paths with 404, not the SPA index', async () => {
      const reply = await send(host.port, { path: '/library/a1' });
      expect(reply.status).toBe(404);
      expect(reply.body).not.toContain('Factmark');
    });
  });
});

describe('createWebServer with the real dispatcher', () => {
  const unused = async (): Promise<never> => {
    throw new Error('not used in this test');
  };
  const handlers: ApiHandlers = {
    getLibrary: unused,
    getArticle: unused,
    openArticle: unused,
    getSettings: unused,
    setTaxonomy: unused,
    getNotices: async () => [],
    getStartup: unused,
    createAnnotation: unused,
    updateAnnotation: unused,
    deleteAnnotation: unused,
    restoreAnnotation: unused,
    importArticle: unused,
    acceptWording: unused,
    attachAnnotation: unused,
  };
  let root: string;
  let host: WebServer;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'factmark-web-'));
    await writeFile(path.join(root, 'index.html'), INDEX_HTML);
    host = await createWebServer({ dispatch: createDispatcher(handlers), staticDir: root });
  });

  afterAll(async () => {
    await host.close();
    await rm(root, { recursive: true, force: true });
  });

  const call = (method: string, body: string) =>
    send(host.port, {
      method: 'POST',
      path: `/api/${method}`,
      headers: { 'X-Factmark-Token': host.token },
      body,
    });

  it('returns the contract output for valid input', async () => {
    const reply = await call('getNotices', '');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ ok: true, value: [] });
  });

  it('returns invalid-input (status 200) for input the contract rejects', async () => {
    const reply = await call('getNotices', JSON.stringify({ unexpected: true }));
    expect(reply.status).toBe(200);
    const result = JSON.parse(reply.body) as ApiResult<unknown>;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('invalid-input');
    expect(!result.ok && result.error.message).toContain('getNotices');
  });

  it('answers a method the contract lacks with 404 unknown-method', async () => {
    const reply = await call('dropDatabase', '{}');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });
});

describe('createWebServer lifecycle', () => {
  let root: string;
  const dispatch: Dispatch = async () => ({ ok: true, value: null });

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'factmark-web-'));
    await writeFile(path.join(root, 'index.html'), INDEX_HTML);
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('rejects with a clear message when the port is in use', async () => {
    const first = await createWebServer({ dispatch, staticDir: root });
    try {
      await expect(
        createWebServer({ dispatch, staticDir: root, port: first.port }),
      ).rejects.toThrow(`Port ${first.port} is in use; pick another with --port`);
    } finally {
      await first.close();
    }
  });

  it('rejects when the renderer has not been built', async () => {
    await expect(
      createWebServer({ dispatch, staticDir: path.join(root, 'nowhere') }),
    ).rejects.toThrow(/index\.html not found; build the renderer first/);
  });

  it('refuses an empty token rather than accept an empty header', async () => {
    await expect(createWebServer({ dispatch, staticDir: root, token: '' })).rejects.toThrow(
      /token/,
    );
  });

  it('uses a given token in the URL and for API calls', async () => {
    const server = await createWebServer({ dispatch, staticDir: root, token: 'e2e-token' });
    try {
      expect(server.url).toBe(`${server.origin}/?token=e2e-token`);
      const reply = await send(server.port, {
        method: 'POST',
        path: '/api/anything',
        headers: { 'X-Factmark-Token': 'e2e-token' },
      });
      expect(JSON.parse(reply.body)).toEqual({ ok: true, value: null });
    } finally {
      await server.close();
    }
  });

  it('close() lets a request already in the host finish and answers it', async () => {
    let release: () => void = () => undefined;
    let dispatched: () => void = () => undefined;
    const inDispatch = new Promise<void>((resolve) => (dispatched = resolve));
    const slow: Dispatch = async () => {
      dispatched();
      await new Promise<void>((resolve) => (release = resolve));
      return { ok: true, value: 'saved' };
    };
    const server = await createWebServer({ dispatch: slow, staticDir: root, token: 't' });
    const reply = send(server.port, {
      method: 'POST',
      path: '/api/save',
      headers: { 'X-Factmark-Token': 't' },
      body: '{}',
    });
    await inDispatch;
    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(closed).toBe(false); // Still waiting for the save.
    release();
    expect(JSON.parse((await reply).body)).toEqual({ ok: true, value: 'saved' });
    await closing;
    await expect(send(server.port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('close() ends keep-alive connections and stops accepting', async () => {
    const server = await createWebServer({ dispatch, staticDir: root });
    const agent = new http.Agent({ keepAlive: true });
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: server.port, path: '/', agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
    expect(status).toBe(200);
    const started = Date.now();
    await server.close();
    // Without closeAllConnections this would wait for the 5 s keep-alive timeout.
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(send(server.port, { path: '/' })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await server.close(); // a second close is harmless
    agent.destroy();
  });
});
