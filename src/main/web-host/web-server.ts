import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { ApiErrorCode, ApiResult } from '../../shared/api/result';
import type { Dispatch } from '../api/dispatcher';
import { checkRequestHeaders, tokenMatches } from './request-guards';
import {
  loadStaticFiles,
  SECURITY_HEADERS,
  sendPlainText,
  serveStaticFile,
  type StaticFiles,
} from './static-files';

/** The largest API request body accepted: a 20 MB import, base64-encoded, fits. */
export const MAX_API_BODY_BYTES = 32 * 1024 * 1024;

/**
 * How long `close()` waits for requests already in the host (a save being written) before it
 * drops the connections anyway. Only a client that stalls mid-upload makes it wait this long.
 */
export const SHUTDOWN_GRACE_MS = 10_000;

/** How to start the loopback web host. */
export interface WebServerOptions {
  /** The one dispatcher every API call goes through. */
  dispatch: Dispatch;
  /** The built renderer: a folder holding index.html and assets/, read into memory at start. */
  staticDir: string;
  /** 0 (the default) picks any free port. */
  port?: number;
  /** The API token; defaults to 32 random bytes, base64url. */
  token?: string;
  /** Where unexpected failures (not bad requests) are reported; defaults to console.error. */
  onError?: (error: unknown) => void;
}

/** A running loopback web host. */
export interface WebServer {
  /** What to open in a browser: the app, with the token it needs for API calls. */
  url: string;
  /** The only origin the server accepts requests from. */
  origin: string;
  port: number;
  token: string;
  /**
   * Stops accepting connections, lets every request already in the host finish and be answered
   * (a save in flight completes), drops idle keep-alive connections, and resolves once the
   * server is closed.
   */
  close(): Promise<void>;
}

const API_PREFIX = '/api/';
// Contract method names are identifiers; anything else is unknown without asking the dispatcher.
const METHOD_NAME = /^[A-Za-z][A-Za-z0-9]{0,99}$/;

class RequestRejection extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
  }
}

function sendJson(res: ServerResponse, status: number, result: ApiResult<unknown>): void {
  const body = Buffer.from(JSON.stringify(result), 'utf8');
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(body.length),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

function sendApiError(res: ServerResponse, status: number, code: ApiErrorCode, message: string) {
  sendJson(res, status, { ok: false, error: { code, message } });
}

/** Reads the body as UTF-8 text, refusing more than MAX_API_BODY_BYTES before buffering it. */
function readBody(req: IncomingMessage): Promise<string> {
  const tooLarge = () =>
    new RequestRejection(
      413,
      'invalid-input',
      'Request body is larger than 32 MB (imports are limited to 20 MB files)',
    );
  if (Number(req.headers['content-length'] ?? 0) > MAX_API_BODY_BYTES) {
    return Promise.reject(tooLarge());
  }
  // Events, not `for await`: leaving an async iterator early destroys the socket, and the
  // client would get a reset instead of the 413 that tells it what went wrong.
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      // Chunked bodies declare no length: count as they arrive and stop before holding too much.
      if (size > MAX_API_BODY_BYTES) {
        req.off('data', onData).off('end', onEnd);
        chunks.length = 0;
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      try {
        resolve(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)));
      } catch {
        reject(new RequestRejection(400, 'invalid-input', 'Request body is not valid UTF-8'));
      }
    };
    req.on('data', onData).on('end', onEnd).once('error', reject);
  });
}

function parseInput(body: string): unknown {
  if (body.trim() === '') return {};
  try {
    return JSON.parse(body) as unknown;
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    throw new RequestRejection(400, 'invalid-input', `Request body is not valid JSON${detail}`);
  }
}

async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  dispatch: Dispatch,
  token: string,
): Promise<void> {
  if (req.method !== 'POST') {
    res.setHeader('Allow', 'POST');
    sendApiError(res, 405, 'invalid-input', `API calls use POST, not ${req.method}`);
    return;
  }
  if (!tokenMatches(req.headersDistinct, token)) {
    sendApiError(
      res,
      401,
      'invalid-input',
      'Missing or wrong X-Factmark-Token; open the app from the address printed at start-up',
    );
    return;
  }
  const method = (req.url ?? '').split(/[?#]/, 1)[0]?.slice(API_PREFIX.length) ?? '';
  if (!METHOD_NAME.test(method)) {
    sendApiError(res, 404, 'unknown-method', 'No such API method');
    return;
  }
  let input: unknown;
  try {
    input = parseInput(await readBody(req));
  } catch (error) {
    if (!(error instanceof RequestRejection)) throw error;
    // The rest of an oversized body is not worth reading: answer, then drop the connection.
    if (error.status === 413) res.setHeader('Connection', 'close');
    sendApiError(res, error.status, error.code, error.message);
    return;
  }
  const result = await dispatch(method, input);
  const unknownMethod = !result.ok && result.error.code === 'unknown-method';
  sendJson(res, unknownMethod ? 404 : 200, result);
}

/** The built renderer, in memory; fails with a pointer to the build when there is none. */
async function loadBuiltRenderer(staticDir: string): Promise<StaticFiles> {
  const files = await loadStaticFiles(staticDir).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException | null)?.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!files?.has('index.html')) {
    const indexHtml = path.join(staticDir, 'index.html');
    throw new Error(`${indexHtml} not found; build the renderer first (npm run build)`);
  }
  return files;
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') {
        reject(new Error(`Port ${port} is in use; pick another with --port`, { cause: error }));
      } else if (error.code === 'EACCES') {
        reject(
          new Error(`Port ${port} is not allowed; pick another with --port`, { cause: error }),
        );
      } else {
        reject(error);
      }
    };
    server.once('error', onError);
    // 127.0.0.1 only: never reachable from the network, and no IPv6 wildcard either.
    server.listen(port, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/**
 * Starts the loopback web host: the built renderer and the API on 127.0.0.1. Every request
 * passes the Host / Origin / fetch-metadata guards; API calls also need the token. No CORS
 * header is ever sent, so no other origin can read a response.
 */
export async function createWebServer(options: WebServerOptions): Promise<WebServer> {
  const { dispatch, staticDir, port: requestedPort = 0 } = options;
  const token = options.token ?? randomBytes(32).toString('base64url');
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  // The token travels in a header and a URL: printable ASCII, no spaces, and never empty.
  if (!/^[\x21-\x7e]{1,512}$/.test(token)) {
    throw new Error('The web host token must be 1-512 printable ASCII characters');
  }
  if (!Number.isInteger(requestedPort) || requestedPort < 0 || requestedPort > 65535) {
    throw new Error(`Port ${requestedPort} is not a valid port number (0-65535)`);
  }
  const staticFiles = await loadBuiltRenderer(staticDir);

  let port = requestedPort;
  let closing: Promise<void> | undefined;
  // Requests being handled; close() waits for them so that a save in flight is finished and
  // answered rather than cut off with a reset.
  const inFlight = new Set<Promise<void>>();
  const server = createServer((req, res) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    // While shutting down, answer and then let the connection go.
    if (closing) res.setHeader('Connection', 'close');
    const verdict = checkRequestHeaders(req.headersDistinct, port);
    if (!verdict.ok) {
      sendPlainText(res, 403, `Forbidden: ${verdict.reason}`);
      return;
    }
    const isApi = (req.url ?? '').startsWith(API_PREFIX);
    const handled = isApi
      ? handleApi(req, res, dispatch, token)
      : serveStaticFile(req, res, staticFiles);
    const settled = handled.catch((error: unknown) => {
      onError(error);
      if (res.headersSent) res.destroy();
      else if (isApi) sendApiError(res, 500, 'internal', 'The web host failed; see its log');
      else sendPlainText(res, 500, 'Internal error');
    });
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  });

  await listen(server, requestedPort);
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;

  const finishInFlight = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
      timer.unref();
    });
    // A request can still arrive on a connection that was busy when closing began: loop.
    while (inFlight.size > 0) {
      const finished = await Promise.race([
        Promise.allSettled([...inFlight]).then(() => true),
        grace.then(() => false),
      ]);
      if (!finished) break;
    }
    clearTimeout(timer);
  };
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => (error ? reject(error) : resolve()));
      // close() alone waits for idle keep-alive sockets to time out.
      server.closeIdleConnections();
      void finishInFlight().then(() => server.closeAllConnections());
    });
    return closing;
  };

  return {
    url: `${origin}/?token=${encodeURIComponent(token)}`,
    origin,
    port,
    token,
    close,
  };
}
