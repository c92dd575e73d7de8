import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ClientOwners } from '../../../server/collab/clientOwners';
import type { Database } from '../../../server/db/collection';
import { createRepositories, type Repositories } from '../../../server/repositories';
import { openTestDatabase } from '../../support/engines';

// A Yjs client id belongs to the user who first stored structs under it, per room; the claims
// are in the database, so a second instance (a second ClientOwners) obeys them too.

describe('client id ownership', () => {
  let db: Database;
  let repos: Repositories;
  beforeAll(async () => {
    db = await openTestDatabase('embedded');
    repos = createRepositories(db);
  });
  afterAll(async () => {
    await db.dropAll();
    await db.close();
  });

  it('gives an id to its first writer, on every instance, and refuses it to anyone else', async () => {
    const here = new ClientOwners(repos.collabClients, 'm1/memo');
    const there = new ClientOwners(repos.collabClients, 'm1/memo');
    expect(await there.admit('kesk', [])).toEqual({ ok: true });
    expect(await here.admit('sdp', [11, 12])).toEqual({ ok: true });
    expect(await here.admit('sdp', [11])).toEqual({ ok: true });
    expect(await here.admit('kesk', [12])).toEqual({
      ok: false,
      problem: "another user's client id",
    });
    // The other instance read the claims before they were made: the stored claim still wins.
    expect(await there.admit('kesk', [13, 11])).toEqual({
      ok: false,
      problem: "another user's client id",
    });
    expect(await there.admit('sdp', [11, 12])).toEqual({ ok: true });
    // Claims are per room.
    expect(await new ClientOwners(repos.collabClients, 'm1/party/p').admit('kesk', [11])).toEqual({
      ok: true,
    });
  });

  it('lets one user own at most so many ids in a room', async () => {
    const owners = new ClientOwners(repos.collabClients, 'm2/memo', 3);
    expect(await owners.admit('kesk', [1, 2])).toEqual({ ok: true });
    expect(await owners.admit('kesk', [3, 4])).toEqual({
      ok: false,
      problem: 'too many client ids for one user',
    });
    expect(await owners.admit('kesk', [3])).toEqual({ ok: true });
    expect(await owners.admit('kesk', [1, 2, 3])).toEqual({ ok: true });
    expect(await owners.admit('sdp', [4])).toEqual({ ok: true });
  });
});
