import type { ApiOutput } from '../../../shared/api/contract';
import type { ApiResult } from '../../../shared/api/result';
import { createApi } from './create-api';

/** The API this window talks to: Electron's bridge or the web host. */
export const api = createApi();

/**
 * The launch read (settings, library, notices and the open article in one call), sent when this
 * module is evaluated. main.tsx imports it first, so the request leaves before React and the
 * app's other modules are evaluated. It always settles with a result, so the window renders.
 */
export const launchRead: Promise<ApiResult<ApiOutput<'getStartup'>>> = api
  .getStartup({})
  .catch((error: unknown) => ({
    ok: false,
    error: {
      code: 'internal',
      message: `Factmark could not load the library (${error instanceof Error ? error.message : String(error)}).`,
    },
  }));
