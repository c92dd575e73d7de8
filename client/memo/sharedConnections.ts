// Live rooms are connections, not React state: opened by the first screen that needs them and
// closed a moment after the last one lets go, so a remount (or StrictMode's double mount) keeps
// the same connections instead of opening them twice. The memo's and a statement's rooms alike.
import { useCallback, useSyncExternalStore } from 'react';

interface Connection {
  destroy(): void;
}

interface Entry<T> {
  connection: T;
  users: number;
  closing: ReturnType<typeof setTimeout> | null;
}

/** Open connections of one kind by key, counted by the screens that use them. */
export class SharedConnections<T extends Connection> {
  private readonly open = new Map<string, Entry<T>>();

  acquire(key: string, open: () => T): void {
    const entry = this.open.get(key);
    if (!entry) {
      this.open.set(key, { connection: open(), users: 1, closing: null });
      return;
    }
    entry.users += 1;
    if (entry.closing !== null) clearTimeout(entry.closing);
    entry.closing = null;
  }

  release(key: string): void {
    const entry = this.open.get(key);
    if (!entry) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    entry.closing = setTimeout(() => {
      this.open.delete(key);
      entry.connection.destroy();
    }, 0);
  }

  get(key: string): T | null {
    return this.open.get(key)?.connection ?? null;
  }
}

/**
 * The connection under `key` while the component is mounted; null until it is opened. `open`
 * makes what `key` names and must be stable for it (a `useCallback` over the key's parts).
 */
export function useSharedConnection<T extends Connection>(
  connections: SharedConnections<T>,
  key: string,
  open: () => T,
): T | null {
  const subscribe = useCallback(() => {
    connections.acquire(key, open);
    return () => connections.release(key);
  }, [connections, key, open]);
  return useSyncExternalStore(subscribe, () => connections.get(key));
}
