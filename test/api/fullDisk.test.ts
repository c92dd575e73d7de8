import fs from 'node:fs';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { memoFragment, plainText } from '../../shared/memo/memoDoc';
import { COLLAB_CLOSE_REASON } from '../../shared/memo/protocol';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { memoFixture } from '../support/memoFixture';
import { serverState, waitUntil } from '../support/rawCollab';
import { missingFrom, recordSavedClaims } from '../support/savedClaims';
import {
  kill9,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';
import { smallDisk } from '../support/smallDisk';

// Four editors paste into one memo, and delete now and then, until the embedded engine's disk
// is full. What every editor was told was saved (the client's own "all saved" rule over the
// protocol's "saved") must be what a fresh server loads from disk afterwards: nothing lost. The
// same server stores again once there is room, stops cleanly on a full disk (no temporary
// files, exit code 0), and a new one starts on what it left.

const PEOPLE = ['kesk.edustaja', 'sdp.edustaja', 'kok.edustaja', 'sihteeri'] as const;
const MIB = 1024 * 1024;

function notes(doc: Y.Doc, index: number): Y.XmlText {
  const section = memoFragment(doc).get(index % 2) as Y.XmlElement;
  const paragraph = section.get(1) as Y.XmlElement;
  if (!(paragraph.get(0) instanceof Y.XmlText)) paragraph.insert(0, [new Y.XmlText('')]);
  return paragraph.get(0) as Y.XmlText;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the embedded engine on a full disk', () => {
  const disk = smallDisk(3 * MIB, 'full disk');
  const processes: ServerProcess[] = [];
  const editors: Record<string, CollabEditor> = {};
  afterAll(async () => {
    for (const editor of Object.values(editors)) editor.destroy();
    for (const { child } of processes) await kill9(child);
    disk.remove();
  });

  it('acknowledges only what is on disk, recovers, stops cleanly and starts again', async () => {
    const env = { DATA_DIR: disk.dir, SEED_DEMO: 'true' };
    const first = await startServerProcess(env, { command: (argv) => disk.command(argv) });
    processes.push(first);
    const f = await memoFixture(first, PEOPLE);
    const meeting = await f.newMeeting('Täyden levyn kokous');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    for (const who of PEOPLE) editors[who] = connectEditor(first.url, room, f.cookie(who));
    await Promise.all(Object.values(editors).map((editor) => editor.settled()));
    const claims = recordSavedClaims(editors);

    const storageFailures = () => (first.output().match(/ENOSPC|EFBIG/g) ?? []).length;
    // Told in the protocol's own words that nothing is being stored. (A snapshot refused with
    // RLIMIT_FSIZE is not yet that: the room goes on appending its log.)
    const toldNotStoring = () =>
      Object.values(editors).filter((editor) =>
        editor.closes.some((close) => close.reason === COLLAB_CLOSE_REASON.storageUnavailable),
      ).length;
    let round = 0;
    const pasteRound = () => {
      round += 1;
      PEOPLE.forEach((who, i) => {
        const text = notes(editors[who]!.doc, i);
        // Every fourth round is only a deletion, which no state vector shows.
        if (round % 4 === 0 && text.length > 10) text.delete(Math.floor(text.length / 3), 5);
        else text.insert(text.length, `[${who} ${round}] ${'Muistiota, liitetty. '.repeat(60)}`);
      });
    };
    const closesNow = () =>
      Object.values(editors).reduce((sum, editor) => sum + editor.closes.length, 0);
    const pasteUntilFull = async () => {
      const before = closesNow();
      for (let tries = 0; toldNotStoring() === 0 || closesNow() === before; tries++) {
        if (tries > 4000) throw new Error('the disk never filled up');
        pasteRound();
        await pause(50);
      }
      // And on after it: nothing of these may be acknowledged while the disk stays full.
      for (let more = 0; more < 10; more++) {
        pasteRound();
        await pause(50);
      }
    };

    let stopCode: number | null;
    try {
      await pasteUntilFull();
      const fullAt = storageFailures();
      const told = toldNotStoring();
      // A little room: the same server stores what waited, without a restart.
      const recovering = Date.now();
      disk.grow(first.child.pid!, 4 * MIB);
      await waitUntil(
        () => Object.values(editors).every((editor) => editor.allSaved()),
        60_000,
        'every editor all saved after room was made',
      );
      console.log(
        `full disk: ${fullAt} storage failures logged, ${told} of ${PEOPLE.length} editors told ` +
          `'${COLLAB_CLOSE_REASON.storageUnavailable}'; all saved again ` +
          `${Date.now() - recovering} ms after room was made`,
      );
      // Full again, with edits waiting, and the server is stopped as a service manager would.
      await pasteUntilFull();
      const stopping = Date.now();
      stopCode = await stopServerProcess(first.child);
      console.log(
        `SIGTERM on the full disk: exit code ${stopCode} after ${Date.now() - stopping} ms`,
      );
    } finally {
      claims.stop();
    }
    expect(stopCode).toBe(0);
    const left = fs.readdirSync(disk.dir);
    expect(left.filter((name) => name.endsWith('~') || name === 'writer.lock')).toEqual([]);

    // Room again, and a fresh server on what the first one left (same port: the editors return).
    disk.free(first.child.pid!);
    const second = await startServerProcess({ ...env, PORT: String(first.port) });
    processes.push(second);
    const stored = await serverState(second.url, room, f.cookie('sihteeri'));
    let lostItems = 0;
    let lostDeletions = 0;
    for (const claim of claims.latest.values()) {
      const missing = missingFrom(stored, claim);
      lostItems += missing.items;
      lostDeletions += missing.deletions;
    }
    console.log(
      `full disk: ${claims.count} "all saved" moments over ${round} rounds; lost after restart: ` +
        `${lostItems} items, ${lostDeletions} deletions`,
    );
    expect(claims.latest.size).toBe(PEOPLE.length);
    expect({ lostItems, lostDeletions }).toEqual({ lostItems: 0, lostDeletions: 0 });

    // The editors come back and what waited in them is stored.
    await Promise.all(Object.values(editors).map((editor) => editor.settled(60_000)));
    const after = new Y.Doc();
    Y.applyUpdate(after, await serverState(second.url, room, f.cookie('sihteeri')));
    const text = plainText(memoFragment(after));
    const lastInsert = round % 4 === 0 ? round - 1 : round;
    for (const who of PEOPLE) expect(text).toContain(`[${who} ${lastInsert}]`);
  }, 300_000);
});
