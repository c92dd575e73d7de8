import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/open';
import { roomName } from '../../shared/memo/format';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { demoStorageEnv } from '../support/engines';
import { memoFixture } from '../support/memoFixture';
import { serverState } from '../support/rawCollab';
import { missingFrom, recordSavedClaims } from '../support/savedClaims';
import {
  kill9,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';
import { typeInFirstSection } from '../support/typingEditors';

// Invariant 4 with two instances on one database (issue 16): without a relay between them, each
// instance learns of the other's entries only when it writes, so one of them keeps lagging
// behind the other's compactions. Whatever an editor was told was saved must still be stored
// after both instances compacted and unloaded.

describe('the live memo on two instances of one MongoDB database', () => {
  const processes: ServerProcess[] = [];
  const editors: CollabEditor[] = [];
  let storage: { MONGODB_URI: string; MONGODB_DB: string } | null = null;
  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    for (const { child } of processes) await kill9(child);
    if (storage) {
      const db = await openDatabase({
        kind: 'mongodb',
        uri: storage.MONGODB_URI,
        dbName: storage.MONGODB_DB,
      });
      await db.dropAll();
      await db.close();
    }
  });

  it('loses nothing acknowledged when one instance lags behind the other’s compactions', async () => {
    const env = (await demoStorageEnv('mongodb')) as { MONGODB_URI: string; MONGODB_DB: string };
    storage = env;
    // Compact every few entries, and unload idle rooms soon, so both happen on both instances.
    const config = { ...env, COLLAB_COMPACT_EVERY: '3', COLLAB_IDLE_MS: '300' };
    const [a, b] = await Promise.all([startServerProcess(config), startServerProcess(config)]);
    processes.push(a, b);
    const f = await memoFixture(a, ['kesk.edustaja', 'sdp.edustaja']);
    const meeting = await f.newMeeting('Kahden palvelimen kokous');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const kesk = f.cookie('kesk.edustaja');
    const sdp = f.cookie('sdp.edustaja');

    const named: Record<string, CollabEditor> = {
      a1: connectEditor(a.url, room, kesk),
      a2: connectEditor(a.url, room, sdp),
      b1: connectEditor(b.url, room, kesk),
      b2: connectEditor(b.url, room, sdp),
    };
    editors.push(...Object.values(named));
    await Promise.all(editors.map((editor) => editor.settled(20_000)));
    const claims = recordSavedClaims(named);

    // Everyone types for a few seconds, a word at a time.
    let words = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        for (const [name, editor] of Object.entries(named))
          typeInFirstSection(editor.doc, `${name}:${words} `);
        words += 1;
        if (words >= 80) {
          clearInterval(timer);
          resolve();
        }
      }, 50);
    });
    await Promise.all(editors.map((editor) => editor.settled(20_000)));
    claims.stop();
    for (const [name, editor] of Object.entries(named))
      claims.latest.set(name, Y.encodeStateAsUpdate(editor.doc));

    // Both instances compact and unload their rooms (a graceful stop unloads every room), then
    // a fresh instance reads what is stored.
    for (const editor of editors) editor.provider.disconnect();
    expect(await stopServerProcess(a.child)).toBe(0);
    expect(await stopServerProcess(b.child)).toBe(0);
    const fresh = await startServerProcess(config);
    processes.push(fresh);
    const stored = await serverState(fresh.url, room, kesk);

    const lost = [...claims.latest.entries()].map(([name, claim]) => ({
      name,
      ...missingFrom(stored, claim),
    }));
    expect(claims.count).toBeGreaterThan(0);
    expect(lost).toEqual(Object.keys(named).map((name) => ({ name, items: 0, deletions: 0 })));
    expect(fresh.output()).not.toContain('stored room has missing updates');
  }, 60_000);
});
