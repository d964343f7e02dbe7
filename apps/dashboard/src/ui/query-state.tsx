/** @module The loading and error states every page shows while its data is not there. */
import { errorCode } from '../trpc.ts';

export function Loading({ what }: { what: string }) {
  return (
    <p className="muted" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorMessage({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Something went wrong';
  const code = errorCode(error);
  return (
    <div className="error" role="alert">
      <p>
        {message}
        {code ? ` (${code})` : ''}
      </p>
      {retry ? (
        <button type="button" onClick={retry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
