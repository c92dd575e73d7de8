import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
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
}

/** Shows loading, a failure with a retry, or the loaded data. */
export function Loadable<T>({ resource, children }: Props<T>) {
  const { result } = resource;
  switch (result.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return <ErrorMessage error={result.error} onRetry={resource.reload} />;
    case 'ready':
      return <>{children(result.data)}</>;
  }
}
