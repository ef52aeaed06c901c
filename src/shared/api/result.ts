/** Why an API call failed, for code to branch on. The message is for people. */
export const apiErrorCodes = [
  'invalid-input',
  'not-found',
  'conflict',
  'read-only',
  'storage-failed',
  'unknown-method',
  'internal',
] as const;
export type ApiErrorCode = (typeof apiErrorCodes)[number];

/** A failure a person can act on: `message` says what went wrong and, where it can, what to do. */
export interface ApiError {
  code: ApiErrorCode;
  message: string;
}

/** Every API call answers with a value or a typed error; nothing throws across the boundary. */
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** An error thrown by a library service, carried to the caller as a typed `ApiError`. */
export class ApiFailure extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}
