import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { WEB_HOST_SCRIPT } from './paths';

/** How a child process ended. */
export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** A running built web host (`node out/main/web-host.js`). */
export interface HostProcess {
  child: ChildProcess;
  pid: number;
  port: number;
  token: string;
  url: string;
  /** Everything printed so far. */
  output(): { stdout: string; stderr: string };
  /** Resolves when the process has exited (and been reaped). */
  exited: Promise<Exit>;
}

const running = new Set<ChildProcess>();

/** Kills (SIGKILL) every host this module started that is still running; for afterEach/afterAll. */
export async function killAllHosts(): Promise<void> {
  const waits = [...running].map((child) => {
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    return gone;
  });
  await Promise.all(waits);
}

function spawnHost(args: string[]): {
  child: ChildProcess;
  exited: Promise<Exit>;
  out: { stdout: string; stderr: string };
} {
  const child = spawn(process.execPath, [WEB_HOST_SCRIPT, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FACTMARK_DATA_DIR: '' },
  });
  running.add(child);
  const out = { stdout: '', stderr: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (out.stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (out.stderr += chunk));
  const exited = new Promise<Exit>((resolve) => {
    // 'close' comes after the output streams have ended, so `out` is complete by then.
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({ code, signal });
    });
  });
  return { child, exited, out };
}

/**
 * Starts the built web host on `dataDir` (port 0) and resolves once it prints its address;
 * rejects with its output when it exits instead.
 */
export function startHost(dataDir: string, extraArgs: string[] = []): Promise<HostProcess> {
  const { child, exited, out } = spawnHost(['--data-dir', dataDir, '--port', '0', ...extraArgs]);
  return new Promise((resolve, reject) => {
    const onData = () => {
      const match = /Factmark is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(
        out.stdout,
      );
      if (!match) return;
      child.stdout?.off('data', onData);
      resolve({
        child,
        pid: child.pid as number,
        url: match[1] as string,
        port: Number(match[2]),
        token: decodeURIComponent(match[3] as string),
        output: () => ({ ...out }),
        exited,
      });
    };
    child.stdout?.on('data', onData);
    void exited.then((exit) =>
      reject(
        new Error(
          `The web host exited (${exit.code ?? exit.signal}) before starting:\n${out.stderr}${out.stdout}`,
        ),
      ),
    );
  });
}

/**
 * Runs the built web host with `args` where it is expected to refuse to start. Resolves with its
 * exit and output; if it starts after all, it is stopped and `started` is true.
 */
export function runHostExpectingFailure(
  args: string[],
): Promise<Exit & { stdout: string; stderr: string; started: boolean }> {
  const { child, exited, out } = spawnHost(args);
  let started = false;
  child.stdout?.on('data', () => {
    if (!started && out.stdout.includes('Factmark is running at')) {
      started = true;
      child.kill('SIGKILL');
    }
  });
  return exited.then((exit) => ({ ...exit, ...out, started }));
}

/** A response as the raw HTTP client saw it. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** What to send; `path` goes on the request line exactly as given (no normalisation). */
export interface RawRequest {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** The Host header; defaults to this server's own `127.0.0.1:<port>`. */
  host?: string;
}

/** Sends one HTTP/1.1 request to 127.0.0.1:`port` with full control of Host and the path. */
export function rawRequest(port: number, request: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: request.method ?? 'GET',
        path: request.path,
        setHost: false,
        agent: false,
        headers: { Host: request.host ?? `127.0.0.1:${port}`, ...request.headers },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

/** Calls one API method on a running host with its token; resolves with the parsed result. */
export async function callHost(
  host: Pick<HostProcess, 'port' | 'token'>,
  method: string,
  input: unknown,
): Promise<{
  status: number;
  result: { ok: boolean; value?: unknown; error?: { code: string; message: string } };
}> {
  const response = await rawRequest(host.port, {
    method: 'POST',
    path: `/api/${method}`,
    headers: { 'Content-Type': 'application/json', 'X-Factmark-Token': host.token },
    body: JSON.stringify(input),
  });
  return { status: response.status, result: JSON.parse(response.body) };
}
