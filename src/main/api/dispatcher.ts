import { z } from 'zod';
import {
  apiContract,
  type ApiInput,
  type ApiMethod,
  type ApiOutput,
} from '../../shared/api/contract';
import { ApiFailure, type ApiResult } from '../../shared/api/result';

/** The implementation of every contract method; inputs arrive already validated. */
export type ApiHandlers = {
  [M in ApiMethod]: (input: z.output<(typeof apiContract)[M]['input']>) => Promise<ApiOutput<M>>;
};

/** Calls one method by name with untrusted input, as both hosts do. Never throws. */
export type Dispatch = (method: string, input: unknown) => Promise<ApiResult<unknown>>;

function isApiMethod(method: string): method is ApiMethod {
  return Object.hasOwn(apiContract, method);
}

/** Renders zod issues as one sentence a person can act on. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * The one dispatcher behind Electron IPC and the web host: validates the input against the
 * contract, calls the handler, validates the output. A bad call gets a typed error and, since
 * validation happens before any handler runs, changes nothing.
 */
export function createDispatcher(handlers: ApiHandlers): Dispatch {
  return async (method, input) => {
    if (!isApiMethod(method)) {
      return {
        ok: false,
        error: { code: 'unknown-method', message: `No such API method: ${method}` },
      };
    }
    const contract = apiContract[method];
    const parsedInput = contract.input.safeParse(input ?? {});
    if (!parsedInput.success) {
      return {
        ok: false,
        error: {
          code: 'invalid-input',
          message: `Invalid input for ${method}: ${describeIssues(parsedInput.error)}`,
        },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown) => Promise<unknown>;
      const output = await handler(parsedInput.data);
      const parsedOutput = contract.output.safeParse(output);
      if (!parsedOutput.success) {
        // A service broke the contract: report it rather than hand the renderer bad data.
        return {
          ok: false,
          error: {
            code: 'internal',
            message: `${method} returned malformed data: ${describeIssues(parsedOutput.error)}`,
          },
        };
      }
      return { ok: true, value: parsedOutput.data };
    } catch (error) {
      if (error instanceof ApiFailure)
        return { ok: false, error: { code: error.code, message: error.message } };
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'internal', message: `${method} failed: ${message}` } };
    }
  };
}

/** Typed convenience for callers inside the main side (tests, CLI) that want the contract's types. */
export async function call<M extends ApiMethod>(
  dispatch: Dispatch,
  method: M,
  input: ApiInput<M>,
): Promise<ApiResult<ApiOutput<M>>> {
  return (await dispatch(method, input)) as ApiResult<ApiOutput<M>>;
}
