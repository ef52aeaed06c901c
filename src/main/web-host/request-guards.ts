import { timingSafeEqual } from 'node:crypto';

/**
 * Request headers as Node gives them in `req.headersDistinct`: lower-case names, every value
 * kept, so a header sent twice is visible as two values instead of one joined string.
 */
export type DistinctHeaders = Readonly<Record<string, readonly string[] | undefined>>;

/** Why a request was refused, for the 403 body; never echoes attacker-controlled values. */
export type GuardVerdict = { ok: true } | { ok: false; reason: string };

/** The header that carries the per-launch API token. */
export const TOKEN_HEADER = 'x-factmark-token';

/** The only `Host` values the loopback host answers to, for a server on `port`. */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

/** The only browser origins allowed to talk to the loopback host on `port`. */
export function allowedOrigins(port: number): string[] {
  return allowedHosts(port).map((host) => `http://${host}`);
}

/** One value of a header, or undefined when it is absent; a header sent twice counts as absent-and-invalid. */
function single(headers: DistinctHeaders, name: string): string | undefined | null {
  const values = headers[name];
  if (values === undefined || values.length === 0) return undefined;
  return values.length === 1 ? (values[0] ?? null) : null;
}

/**
 * The Host header must name this very server. Anything else is DNS rebinding: a web page on
 * evil.example whose name now resolves to 127.0.0.1 reaches us with `Host: evil.example`.
 */
export function isAllowedHost(headers: DistinctHeaders, port: number): boolean {
  const host = single(headers, 'host');
  return typeof host === 'string' && allowedHosts(port).includes(host);
}

/**
 * A browser sends `Origin` on every cross-origin request that could change state; when present
 * it must be our own origin. Absent is fine: same-origin GETs and non-browser clients omit it.
 */
export function isAllowedOrigin(headers: DistinctHeaders, port: number): boolean {
  const origin = single(headers, 'origin');
  if (origin === undefined) return true;
  return origin !== null && allowedOrigins(port).includes(origin);
}

/**
 * Fetch metadata: refuse requests a browser marks as coming from another site. `same-site` is
 * refused as well because every other server on 127.0.0.1 (any port) is "same site" to us, and a
 * page served by one of them must not drive this one. Absent (old browsers, curl) is allowed.
 */
export function isAllowedFetchSite(headers: DistinctHeaders): boolean {
  const site = single(headers, 'sec-fetch-site');
  if (site === undefined) return true;
  return site === 'same-origin' || site === 'none';
}

/** The checks every request passes before anything else runs, static files included. */
export function checkRequestHeaders(headers: DistinctHeaders, port: number): GuardVerdict {
  if (!isAllowedHost(headers, port)) return { ok: false, reason: 'unexpected Host header' };
  if (!isAllowedFetchSite(headers)) return { ok: false, reason: 'cross-site request' };
  if (!isAllowedOrigin(headers, port)) return { ok: false, reason: 'cross-origin request' };
  return { ok: true };
}

/**
 * True only when the request carries exactly one token header equal to `expected`. The compare is
 * constant-time over equal-length buffers; a length mismatch returns early, which reveals only the
 * length of a random token. An empty expected token never matches, so a misconfigured server
 * cannot be opened with an empty header.
 */
export function tokenMatches(headers: DistinctHeaders, expected: string): boolean {
  const provided = single(headers, TOKEN_HEADER);
  if (typeof provided !== 'string' || expected.length === 0) return false;
  const providedBytes = Buffer.from(provided, 'utf8');
  const expectedBytes = Buffer.from(expected, 'utf8');
  if (providedBytes.length !== expectedBytes.length) return false;
  return timingSafeEqual(providedBytes, expectedBytes);
}
