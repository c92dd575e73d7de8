import { useCallback, useEffect, useState } from 'react';

export type Resource<T> =
  { status: 'loading' } | { status: 'error'; error: unknown } | { status: 'ready'; data: T };

type Loader<T> = (signal: AbortSignal) => Promise<T>;

export interface LoadedResource<T> {
  result: Resource<T>;
  /** Fetch again; the current data stays visible until the new data arrives. */
  reload: () => void;
  /** Replace the loaded data, e.g. with what a successful save returned. */
  update: (change: (data: T) => T) => void;
}

/** Load data for a screen. Pass a loader made with useCallback; a new loader loads anew. */
export function useResource<T>(load: Loader<T>): LoadedResource<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<{ load: Loader<T>; result: Resource<T> } | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ load, result: { status: 'ready', data } });
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setState({ load, result: { status: 'error', error } });
      },
    );
    return () => controller.abort();
  }, [load, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  const update = useCallback(
    (change: (data: T) => T) =>
      setState((current) =>
        current?.result.status === 'ready'
          ? { ...current, result: { status: 'ready', data: change(current.result.data) } }
          : current,
      ),
    [],
  );
  // Data of an earlier loader (another group or meeting) must never show under the new one.
  const result: Resource<T> = state?.load === load ? state.result : { status: 'loading' };
  return { result, reload, update };
}
