import type { Notice } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/result';

/** Messages above the article: start-up notices, a read-only library, the last failed action. */
export function Banners(props: {
  notices: readonly Notice[];
  onDismissNotice: (notice: Notice) => void;
  error: ApiError | null;
  onDismissError: () => void;
  /** Offered with the error when the failed change can be tried again. */
  onRetry?: (() => void) | null;
  readOnly: boolean;
}) {
  if (props.notices.length === 0 && !props.error && !props.readOnly) return null;
  return (
    <div className="banners">
      {props.readOnly && (
        <p className="banner banner--warning" role="status">
          This library was written by a newer Factmark: you can read it, but nothing will be saved.
        </p>
      )}
      {props.notices.map((notice, index) => (
        <p key={index} className={`banner banner--${notice.level}`} role="status">
          {notice.message}
          <button
            type="button"
            className="banner__close"
            aria-label="Dismiss"
            onClick={() => props.onDismissNotice(notice)}
          >
            ×
          </button>
        </p>
      ))}
      {props.error && (
        <p className="banner banner--error" role="alert">
          {props.error.message}
          {props.onRetry && (
            <button type="button" className="banner__retry" onClick={props.onRetry}>
              Try again
            </button>
          )}
          <button
            type="button"
            className="banner__close"
            aria-label="Dismiss"
            onClick={props.onDismissError}
          >
            ×
          </button>
        </p>
      )}
    </div>
  );
}
