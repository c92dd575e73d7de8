// Who may write under which Yjs client id in one room. Yjs trusts that a client id is one
// editor's: a writer who stores items under someone else's id makes that editor's next edit
// collide with them (Yjs drops it as already known) while the "saved" vector says it is stored.
// So an id belongs to the user whose connection first stored structs under it, and only that
// user's connections may add to it. Deleting anyone's items stays normal editing.
//
// Claims are stored (collabClients, a unique-key insert per `<room>#<clientId>`), so they hold
// across instances, restarts, compaction, approval and reopening; this room's copy is a cache.
// The server seeds agenda sections under a fresh client id each time and never writes to it
// again, so it claims nothing. Rooms stored before claims existed have unclaimed ids: the first
// user to add to one after that owns it. A user's reloads (a new id each page load) and offline
// copies (their old ids) are theirs anyway.
import { MAX_CLIENTS_PER_USER } from '../../shared/memo/limits';
import type { CollabClientRepository } from '../repositories/collabClients';

export type OwnershipVerdict = { ok: true } | { ok: false; problem: string };

export class ClientOwners {
  private owners: Promise<Map<number, string>> | null = null;
  /** The claims once read: most writes need no await at all. */
  private loaded: Map<number, string> | null = null;

  constructor(
    private readonly repo: Pick<CollabClientRepository, 'claim' | 'owners'>,
    private readonly room: string,
    private readonly maxPerUser = MAX_CLIENTS_PER_USER,
  ) {}

  /**
   * The verdict when it needs no storage (the claims are read and every id is claimed already),
   * else null: then `admit` decides.
   */
  admitKnown(userId: string, clients: readonly number[]): OwnershipVerdict | null {
    if (clients.length === 0) return { ok: true };
    const owners = this.loaded;
    if (!owners) return null;
    for (const client of clients) {
      const owner = owners.get(client);
      if (owner === undefined) return null;
      if (owner !== userId) return { ok: false, problem: "another user's client id" };
    }
    return { ok: true };
  }

  /**
   * Whether `userId` may add structs under `clients`; the unclaimed ones are claimed for them
   * (stored before this answers). Throws when the store fails, so that nothing is applied.
   */
  async admit(userId: string, clients: readonly number[]): Promise<OwnershipVerdict> {
    if (clients.length === 0) return { ok: true };
    const owners = await this.load();
    const unclaimed: number[] = [];
    for (const client of clients) {
      const owner = owners.get(client);
      if (owner === undefined) unclaimed.push(client);
      else if (owner !== userId) return { ok: false, problem: "another user's client id" };
    }
    if (unclaimed.length === 0) return { ok: true };
    let owned = 0;
    for (const owner of owners.values()) if (owner === userId) owned += 1;
    if (owned + unclaimed.length > this.maxPerUser)
      return { ok: false, problem: 'too many client ids for one user' };
    for (const client of unclaimed) {
      // Another instance may have claimed it since this room read the claims: its insert won.
      const owner = await this.repo.claim(this.room, client, userId);
      owners.set(client, owner);
      if (owner !== userId) return { ok: false, problem: "another user's client id" };
    }
    return { ok: true };
  }

  private load(): Promise<Map<number, string>> {
    if (!this.owners) {
      const loading = this.repo.owners(this.room).then((owners) => (this.loaded = owners));
      this.owners = loading;
      // A failed read is tried again on the next write.
      loading.catch(() => {
        if (this.owners === loading) this.owners = null;
      });
    }
    return this.owners;
  }
}
