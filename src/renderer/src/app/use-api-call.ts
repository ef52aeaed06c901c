import { useCallback, useState } from 'react';
import type { ApiError, ApiResult } from '../../../shared/api/result';

/** Unwraps API results, keeping the last error to show the reader. */
export function useApiErrors(): {
  error: ApiError | null;
  clearError: () => void;
  unwrap: <T>(result: ApiResult<T>) => T | undefined;
} {
  const [error, setError] = useState<ApiError | null>(null);
  const unwrap = useCallback(<T>(result: ApiResult<T>): T | undefined => {
    if (result.ok) return result.value;
    setError(result.error);
    return undefined;
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { error, clearError, unwrap };
}
