// The browser's copy of memo rooms (IndexedDB), kept so offline edits survive a reload. It holds
// confidential text, so it is named per user and removed when that user logs out.

const PREFIX = 'neuvottelu:';

/** The IndexedDB database that keeps one user's copy of one room. */
export function offlineStoreName(userId: string, room: string): string {
  return `${PREFIX}${userId}:${room}`;
}

/**
 * Delete every stored memo room of the user. Open rooms close their connection when asked
 * (y-indexeddb closes on `versionchange`), so deletion is not blocked by a mounted editor.
 */
export async function deleteOfflineStores(userId: string): Promise<void> {
  // Older browsers cannot list databases; there is nothing we can find to delete then.
  if (typeof indexedDB === 'undefined' || typeof indexedDB.databases !== 'function') return;
  const prefix = `${PREFIX}${userId}:`;
  const databases = await indexedDB.databases();
  await Promise.all(
    databases
      .map((database) => database.name)
      .filter((name): name is string => !!name?.startsWith(prefix))
      .map(deleteDatabase),
  );
}

/** Delete one stored room, e.g. to start again from the server's copy. */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete ${name}`));
  });
}
