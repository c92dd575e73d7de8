import { useCallback, useState } from 'react';

export interface Action<A extends unknown[]> {
  /** Start the action unless one is already running; errors land in `error`. */
  run: (...args: A) => void;
  busy: boolean;
  error: unknown;
  clearError: () => void;
}

/** Runs one async user action at a time and keeps its failure for display. */
export function useAction<A extends unknown[]>(perform: (...args: A) => Promise<void>): Action<A> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = useCallback(
    (...args: A) => {
      if (busy) return;
      setBusy(true);
      setError(null);
      perform(...args)
        .catch((caught: unknown) => setError(caught))
        .finally(() => setBusy(false));
    },
    [busy, perform],
  );
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}
