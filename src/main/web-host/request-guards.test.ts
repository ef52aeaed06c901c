import { describe, expect, it } from 'vitest';
import {
  allowedOrigins,
  checkRequestHeaders,
  isAllowedFetchSite,
  isAllowedHost,
  isAllowedOrigin,
  tokenMatches,
  type DistinctHeaders,
} from './request-guards';

const port = 5173;

describe('isAllowedHost', () => {
  it('accepts exactly 127.0.0.1:<port> and localhost:<port>', () => {
    expect(isAllowedHost({ host: ['127.0.0.1:5173'] }, port)).toBe(true);
    expect(isAllowedHost({ host: ['localhost:5173'] }, port)).toBe(true);
  });

  it.each([
    ['missing', {}],
    ['another name (DNS rebinding)', { host: ['evil.example:5173'] }],
    ['another port', { host: ['127.0.0.1:5174'] }],
    ['no port', { host: ['127.0.0.1'] }],
    ['a suffix', { host: ['127.0.0.1:5173.evil.example'] }],
    ['sent twice', { host: ['127.0.0.1:5173', 'evil.example'] }],
    ['IPv6 loopback', { host: ['[::1]:5173'] }],
  ] satisfies [string, DistinctHeaders][])('refuses a Host header that is %s', (_, headers) => {
    expect(isAllowedHost(headers, port)).toBe(false);
  });
});

describe('isAllowedOrigin', () => {
  it('allows no Origin, and our own two origins', () => {
    expect(isAllowedOrigin({}, port)).toBe(true);
    for (const origin of allowedOrigins(port)) {
      expect(isAllowedOrigin({ origin: [origin] }, port)).toBe(true);
    }
  });

  it.each(['https://evil.example', 'null', 'https://127.0.0.1:5173', 'http://127.0.0.1:8080', ''])(
    'refuses Origin %j',
    (origin) => {
      expect(isAllowedOrigin({ origin: [origin] }, port)).toBe(false);
    },
  );

  it('refuses two Origin headers even when one is ours', () => {
    expect(
      isAllowedOrigin({ origin: ['http://127.0.0.1:5173', 'https://evil.example'] }, port),
    ).toBe(false);
  });
});

describe('isAllowedFetchSite', () => {
  it('allows same-origin, user navigation (none) and clients that send nothing', () => {
    expect(isAllowedFetchSite({ 'sec-fetch-site': ['same-origin'] })).toBe(true);
    expect(isAllowedFetchSite({ 'sec-fetch-site': ['none'] })).toBe(true);
    expect(isAllowedFetchSite({})).toBe(true);
  });

  it('refuses cross-site, and same-site (any other port on 127.0.0.1)', () => {
    expect(isAllowedFetchSite({ 'sec-fetch-site': ['cross-site'] })).toBe(false);
    expect(isAllowedFetchSite({ 'sec-fetch-site': ['same-site'] })).toBe(false);
  });
});

describe('checkRequestHeaders', () => {
  const good = { host: ['127.0.0.1:5173'] };

  it('passes a plain same-origin request', () => {
    expect(checkRequestHeaders({ ...good, 'sec-fetch-site': ['same-origin'] }, port)).toEqual({
      ok: true,
    });
  });

  it('names the failed check without echoing the header value', () => {
    const verdicts = [
      checkRequestHeaders({ host: ['evil.example'] }, port),
      checkRequestHeaders({ ...good, 'sec-fetch-site': ['cross-site'] }, port),
      checkRequestHeaders({ ...good, origin: ['https://evil.example'] }, port),
    ];
    expect(verdicts.map((v) => (v.ok ? 'ok' : v.reason))).toEqual([
      'unexpected Host header',
      'cross-site request',
      'cross-origin request',
    ]);
    expect(JSON.stringify(verdicts)).not.toContain('evil');
  });
});

describe('tokenMatches', () => {
  const token = 'a'.repeat(43);

  it('accepts the exact token', () => {
    expect(tokenMatches({ 'x-factmark-token': [token] }, token)).toBe(true);
  });

  it.each([
    ['missing', {}],
    ['wrong, same length', { 'x-factmark-token': ['b'.repeat(43)] }],
    ['a prefix', { 'x-factmark-token': [token.slice(0, 10)] }],
    ['longer', { 'x-factmark-token': [`${token}a`] }],
    ['sent twice', { 'x-factmark-token': [token, token] }],
    ['empty', { 'x-factmark-token': [''] }],
  ] satisfies [string, DistinctHeaders][])('refuses a token that is %s', (_, headers) => {
    expect(tokenMatches(headers, token)).toBe(false);
  });

  it('never matches when the expected token is empty', () => {
    expect(tokenMatches({ 'x-factmark-token': [''] }, '')).toBe(false);
  });

  it('compares bytes, so a same-length multi-byte look-alike fails', () => {
    expect(tokenMatches({ 'x-factmark-token': ['é'] }, 'e')).toBe(false);
  });
});
