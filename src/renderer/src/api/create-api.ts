import { apiMethods, type Api } from '../../../shared/api/api';
import type { ApiResult } from '../../../shared/api/result';

const TOKEN_KEY = 'factmark-token';
/** Bytes under which a call is sent with `keepalive` (the browser's budget is 64 kB in all). */
const KEEPALIVE_LIMIT = 16_000;

/** Reads the web host's per-launch token from the URL (then hides it) or from this tab's session. */
function webHostToken(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    // Keep the token out of the address bar and history once it is stored.
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

/** The web host's API: one POST per call to /api/<method>, with the launch token. */
function createWebApi(token: string): Api {
  const entries = apiMethods.map((method) => [
    method,
    async (input: unknown): Promise<ApiResult<unknown>> => {
      try {
        const body = JSON.stringify(input ?? {});
        const post = (keepalive: boolean) =>
          fetch(`/api/${method}`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-Factmark-Token': token },
            body,
            keepalive,
          });
        // Small calls are sent with `keepalive`, so a save sent just before the page reloads or
        // closes still reaches the host instead of being cancelled with the page. The browser
        // caps such requests at 64 kB in flight: past that it refuses at once, and the call is
        // sent again as a plain request.
        const keepalive = body.length <= KEEPALIVE_LIMIT;
        const response = await post(keepalive).catch((error: unknown) => {
          if (keepalive && error instanceof TypeError) return post(false);
          throw error;
        });
        if (response.status === 401) {
          return {
            ok: false,
            error: {
              code: 'invalid-input',
              message: 'This tab is not signed in to Factmark: open the link the app printed.',
            },
          };
        }
        return (await response.json()) as ApiResult<unknown>;
      } catch (error) {
        return {
          ok: false,
          error: {
            code: 'storage-failed',
            message: `Factmark is not reachable (${error instanceof Error ? error.message : String(error)}); is it still running?`,
          },
        };
      }
    },
  ]);
  return Object.fromEntries(entries) as Api;
}

/** The API the UI talks to: Electron's preload bridge when present, else the web host. */
export function createApi(): Api {
  return window.factmark ?? createWebApi(webHostToken());
}
