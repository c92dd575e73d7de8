import { useCallback, useEffect, useRef } from 'react';

/**
 * Calls `write` with the latest value once typing pauses, and at once on `flush` (blur) or
 * unmount, so nothing typed is left behind in a timer.
 */
export function useDebouncedWrite<T>(write: (value: T) => void, delayMs = 400) {
  const latest = useRef(write);
  const pending = useRef<{ value: T } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    latest.current = write;
  }, [write]);

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
    const value = pending.current;
    pending.current = null;
    if (value) latest.current(value.value);
  }, []);

  const schedule = useCallback(
    (value: T) => {
      pending.current = { value };
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = setTimeout(flush, delayMs);
    },
    [flush, delayMs],
  );

  useEffect(() => flush, [flush]);

  return { schedule, flush };
}
