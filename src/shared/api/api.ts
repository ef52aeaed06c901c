import type { ApiInput, ApiMethod, ApiOutput } from './contract';
import type { ApiResult } from './result';

/** The names of the contract's methods, without zod, for the preload and the web client. */
export const apiMethods = [
  'getLibrary',
  'getArticle',
  'openArticle',
  'getSettings',
  'setTaxonomy',
  'getNotices',
  'getStartup',
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'importArticle',
  'acceptWording',
  'attachAnnotation',
] as const satisfies readonly ApiMethod[];

/** The API as the renderer sees it: one async function per contract method. */
export type Api = {
  [M in ApiMethod]: (input: ApiInput<M>) => Promise<ApiResult<ApiOutput<M>>>;
};

/** The IPC channel that carries one contract method. */
export function ipcChannel(method: ApiMethod): string {
  return `factmark:${method}`;
}

/** Fails to compile when a contract method is missing from `apiMethods`. */
type MissingMethods = Exclude<ApiMethod, (typeof apiMethods)[number]>;
export const everyMethodListed: [MissingMethods] extends [never] ? true : false = true;
