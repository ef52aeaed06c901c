import { spawn } from 'node:child_process';
import * as fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createWebServer } from '../src/main/web-host/web-server';
import { makeTempDir, removeTempDirs } from './support/files';
import { ROOT_DIR } from './support/paths';
import { recordResult } from './support/report';
import {
  killAllHosts,
  rawRequest,
  startHost,
  type HostProcess,
  type RawResponse,
} from './support/web-host-process';

// Every path the code under test touches through node:fs/promises, to prove a refused static
// request read nothing outside the folder it serves.
const touched = vi.hoisted(() => ({ paths: [] as string[] }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const record =
    <F extends (...args: never[]) => unknown>(fn: F) =>
    (...args: Parameters<F>) => {
      touched.paths.push(String(args[0]));
      return fn(...args);
    };
  const wrapped = {
    open: record(real.open),
    realpath: record(real.realpath),
    stat: record(real.stat),
    lstat: record(real.lstat),
    readFile: record(real.readFile),
    opendir: record(real.opendir),
    readdir: record(real.readdir),
  };
  return { ...real, ...wrapped, default: { ...real, ...wrapped } };
});

let host: HostProcess;
let cases = 0;
let failures = 0;
/** Counts a case for the report, then asserts it. */
function check(ok: boolean, message: string): void {
  cases++;
  if (!ok) failures++;
  expect(ok, message).toBe(true);
}

beforeAll(async () => {
  host = await startHost(await makeTempDir('factmark-security-'));
});
afterAll(async () => {
  await killAllHosts();
  await removeTempDirs();
  recordResult({
    area: 'Web host guards (token, Host, Origin, fetch metadata, paths)',
    cases,
    failures,
    dataLost: 0,
  });
});

const api = (headers: Record<string, string>, extra: { host?: string; path?: string } = {}) =>
  rawRequest(host.port, {
    method: 'POST',
    path: extra.path ?? '/api/getLibrary',
    host: extra.host,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: '{}',
  });

function noCors(response: RawResponse, what: string): void {
  check(
    !Object.keys(response.headers).some((name) => name.toLowerCase().startsWith('access-control-')),
    `${what} sends no Access-Control-* header`,
  );
}

describe('the built web host', () => {
  it('listens on 127.0.0.1 only', async () => {
    const refused = (address: string) =>
      new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: address, port: host.port });
        socket.once('connect', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(true));
      });
    check(!(await refused('127.0.0.1')), '127.0.0.1 accepts');
    // Other loopback and interface addresses of this machine must not reach it.
    const others = ['127.0.0.2', '::1'];
    for (const list of Object.values(os.networkInterfaces())) {
      for (const entry of list ?? [])
        if (!entry.internal && entry.family === 'IPv4') others.push(entry.address);
    }
    for (const address of others) check(await refused(address), `${address} is refused`);
  });

  it('refuses API calls without the token, with a wrong one, or with it twice (401)', async () => {
    const ok = await api({ 'X-Factmark-Token': host.token });
    check(ok.status === 200 && JSON.parse(ok.body).ok === true, 'the right token works');
    noCors(ok, 'an API answer');
    const variants: [string, Record<string, string>, string?][] = [
      ['no token', {}],
      ['a wrong token', { 'X-Factmark-Token': `${host.token.slice(0, -1)}x` }],
      ['an empty token', { 'X-Factmark-Token': '' }],
      ['the token as a cookie', { Cookie: `token=${host.token}` }],
      [
        'the token in the query string only',
        {},
        `/api/getLibrary?token=${encodeURIComponent(host.token)}`,
      ],
    ];
    for (const [what, headers, apiPath] of variants) {
      const response = await api(headers, { path: apiPath });
      check(response.status === 401, `${what}: ${response.status}`);
      check(JSON.parse(response.body).ok === false, `${what}: typed error body`);
      noCors(response, `${what}`);
    }
    // The same header twice must not pass as "a,b".
    const twice = await new Promise<number>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port: host.port }, () => {
        socket.write(
          `POST /api/getLibrary HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nX-Factmark-Token: ${host.token}\r\n` +
            `X-Factmark-Token: ${host.token}\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}`,
        );
      });
      let text = '';
      socket.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      socket.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
      socket.on('error', reject);
    });
    check(twice === 401, `the token sent twice: ${twice}`);
  });

  it('refuses foreign Host, Origin and cross-site fetch metadata (403), for the app and the API', async () => {
    const token = { 'X-Factmark-Token': host.token };
    const cases: [string, { host?: string; headers?: Record<string, string> }][] = [
      ['Host: evil.example', { host: 'evil.example' }],
      ['Host: evil.example with our port', { host: `evil.example:${host.port}` }],
      ['Host without the port', { host: '127.0.0.1' }],
      ['Host with another port', { host: `127.0.0.1:${host.port + 1}` }],
      ['Origin: https://evil.example', { headers: { Origin: 'https://evil.example' } }],
      ['Origin: null (sandboxed frame, file:)', { headers: { Origin: 'null' } }],
      [
        'Origin of another local port',
        { headers: { Origin: `http://127.0.0.1:${host.port + 1}` } },
      ],
      ['Sec-Fetch-Site: cross-site', { headers: { 'Sec-Fetch-Site': 'cross-site' } }],
      ['Sec-Fetch-Site: same-site', { headers: { 'Sec-Fetch-Site': 'same-site' } }],
    ];
    for (const [what, request] of cases) {
      const apiAnswer = await api({ ...token, ...request.headers }, { host: request.host });
      check(apiAnswer.status === 403, `API, ${what}: ${apiAnswer.status}`);
      noCors(apiAnswer, `API, ${what}`);
      const page = await rawRequest(host.port, {
        path: '/',
        host: request.host,
        headers: request.headers,
      });
      check(page.status === 403, `page, ${what}: ${page.status}`);
      check(!page.body.includes('<html'), `page, ${what}: no HTML served`);
    }
    const same = await rawRequest(host.port, {
      path: '/',
      host: `localhost:${host.port}`,
      headers: { 'Sec-Fetch-Site': 'same-origin', Origin: `http://localhost:${host.port}` },
    });
    check(same.status === 200, `a same-origin page load works: ${same.status}`);
    noCors(same, 'the page');
    const preflight = await rawRequest(host.port, {
      method: 'OPTIONS',
      path: '/api/getLibrary',
      headers: { Origin: `http://127.0.0.1:${host.port}`, 'Access-Control-Request-Method': 'POST' },
    });
    check(preflight.status >= 400, `a CORS preflight is not approved: ${preflight.status}`);
    noCors(preflight, 'a preflight');
  });

  it('serves the app with its CSP and security headers', async () => {
    const page = await rawRequest(host.port, { path: '/' });
    check(page.status === 200 && page.body.includes('<div id="root">'), 'index.html served');
    const csp = String(page.headers['content-security-policy'] ?? '');
    const scriptSrc = /script-src([^;]*)/.exec(csp)?.[1] ?? '';
    check(
      scriptSrc.includes("'self'") && !scriptSrc.includes('unsafe'),
      `script-src blocks inline script: ${csp}`,
    );
    check(page.headers['x-content-type-options'] === 'nosniff', 'nosniff');
    check(page.headers['x-frame-options'] === 'DENY', 'no framing');
  });

  it('answers path traversal with 404 and never a file from outside out/renderer', async () => {
    const secrets = [
      await fsp.readFile(path.join(ROOT_DIR, 'package.json'), 'utf8'),
      await fsp.readFile(path.join(ROOT_DIR, 'out/main/web-host.js'), 'utf8'),
    ];
    const attempts = [
      '/../package.json',
      '/../../package.json',
      '/assets/../../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2E%2E/package.json',
      '/..%2fpackage.json',
      '/..%2Fmain%2Fweb-host.js',
      '/.%2e/main/web-host.js',
      '/assets/..%5c..%5cpackage.json',
      '/..\\package.json',
      '/assets\\..\\..\\package.json',
      '/%5c..%5cpackage.json',
      '//etc/passwd',
      '/%2fetc%2fpasswd',
      '/index.html%00.png',
      '/%00',
      '/..%c0%afpackage.json',
      '/..%252fpackage.json',
      '/assets/../../main/web-host.js',
      '/C:/Windows/win.ini',
      '/main/web-host.js',
      '/../renderer/index.html',
    ];
    for (const target of attempts) {
      const response = await rawRequest(host.port, { path: target }).catch((error: unknown) => ({
        status: -1,
        body: String(error),
        headers: {},
      }));
      check(response.status === 404 || response.status === 400, `${target}: ${response.status}`);
      check(
        !secrets.some((secret) => response.body.includes(secret.slice(0, 200))),
        `${target}: nothing leaked`,
      );
    }
  });
});

describe('static files, in process', () => {
  it('refused paths touch nothing outside the served folder', async () => {
    const root = await makeTempDir('factmark-static-');
    const served = path.join(root, 'renderer');
    await fsp.mkdir(path.join(served, 'assets'), { recursive: true });
    await fsp.writeFile(path.join(served, 'index.html'), '<!doctype html><div id="root"></div>');
    await fsp.writeFile(path.join(root, 'secret.txt'), 'outside');
    await fsp.symlink(path.join(root, 'secret.txt'), path.join(served, 'assets', 'link.txt'));
    touched.paths.length = 0;
    const server = await createWebServer({
      dispatch: async () => ({ ok: true, value: null }),
      staticDir: served,
    });
    try {
      // The host reads the folder once, at start: the recording works, and it stayed inside.
      check(
        touched.paths.some((p) => p.startsWith(served)),
        'file access is recorded',
      );
      const atStart = touched.paths.filter((p) => !path.resolve(p).startsWith(served));
      check(atStart.length === 0, `start-up touched ${atStart.join(', ')}`);
      const page = await rawRequest(server.port, { path: '/index.html' });
      check(page.status === 200, 'index.html served');
      for (const target of [
        '/../secret.txt',
        '/%2e%2e/secret.txt',
        '/..%2fsecret.txt',
        '/assets/..%5c..%5csecret.txt',
        '/assets/link.txt',
      ]) {
        touched.paths.length = 0;
        const response = await rawRequest(server.port, { path: target });
        check(
          response.status === 404 && !response.body.includes('outside'),
          `${target}: ${response.status}`,
        );
        // realpath() of the symlink may name it; nothing may be opened or read outside.
        const outside = touched.paths.filter(
          (p) => !path.resolve(p).startsWith(served) && p !== served,
        );
        check(outside.length === 0, `${target} touched ${outside.join(', ')}`);
      }
    } finally {
      await server.close();
    }
  });
});

describe('Electron, statically', () => {
  it('electronegativity over src/ finds nothing that is not on the reviewed allowlist', async () => {
    const result = await runScript([]);
    const summary = /(\d+) checks, (\d+) findings, (\d+) allowlisted/.exec(result.output);
    recordResult({
      area: 'Electron config, electronegativity over src/',
      cases: Number(summary?.[1] ?? 0),
      failures: result.code === 0 ? 0 : 1,
      dataLost: 0,
      note: summary ? `${summary[2]} findings, ${summary[3]} allowlisted` : 'did not run',
    });
    expect(summary, result.output).not.toBeNull();
    expect(result.code, `scripts/check-electronegativity.js:\n${result.output}`).toBe(0);
  });

  it('the check fails on an insecure window (so it can catch one)', async () => {
    const dir = await makeTempDir('factmark-insecure-');
    await fsp.writeFile(
      path.join(dir, 'main.js'),
      "const { BrowserWindow } = require('electron');\n" +
        'new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n',
    );
    const result = await runScript([dir]);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(/FINDING CONTEXT_ISOLATION_JS_CHECK main\.js/);
  });
});

function runScript(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    process.execPath,
    [path.join(ROOT_DIR, 'scripts/check-electronegativity.js'), ...args],
    {
      cwd: ROOT_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, output })));
}
