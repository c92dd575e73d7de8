import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, isApiError } from '../api';
import type { LoadedResource } from '../useResource';
import { ErrorMessage } from './ErrorMessage';

/** A loading notice for screen readers and eyes; "Loading…" unless told what is awaited. */
export function Loading({ message }: { message?: string }) {
  const { t } = useTranslation();
  return (
    <p role="status" className="loading">
      {message ?? t('app.loading')}
    </p>
  );
}

interface Props<T> {
  resource: LoadedResource<T>;
  children: (data: T) => ReactNode;
  /** What to show when the thing does not exist (or the address is malformed). */
  notFound?: ReactNode;
}

/** Failures that may pass: no answer, or a server in trouble. Asking again cannot fix others. */
const PASSING: readonly (ApiError['code'] | undefined)[] = [
  'network',
  'unavailable',
  'internal',
  'rate_limited',
];

/** Whether trying again may help: not for what does not exist or is not allowed. */
export function worthRetrying(error: unknown): boolean {
  return !(error instanceof ApiError) || PASSING.includes(error.code);
}

/**
 * Shows loading, the loaded data, or a failure: with a retry where trying again may help, and
 * for something that does not exist, `notFound` or else the way back to the front page.
 */
export function Loadable<T>({ resource, children, notFound }: Props<T>) {
  const { t } = useTranslation();
  const { result } = resource;
  switch (result.status) {
    case 'loading':
      return <Loading />;
    case 'error': {
      const { error } = result;
      const missing = isApiError(error, 'not_found', 'bad_request', 'validation_failed');
      if (missing && notFound) return <>{notFound}</>;
      return (
        <>
          <ErrorMessage
            error={error}
            onRetry={worthRetrying(error) ? resource.reload : undefined}
          />
          {missing && (
            <p>
              <Link to="/">{t('app.backHome')}</Link>
            </p>
          )}
        </>
      );
    }
    case 'ready':
      return <>{children(result.data)}</>;
  }
}
