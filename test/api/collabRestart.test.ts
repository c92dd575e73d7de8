import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { memoFragment, plainText } from '../../shared/memo/memoDoc';
import { readStances, writeStance } from '../../shared/memo/partyDoc';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { demoStorageEnv, ENGINES } from '../support/engines';
import { memoFixture } from '../support/memoFixture';
import { covers, serverState, waitUntil } from '../support/rawCollab';
import { kill9, startServerProcess, type ServerProcess } from '../support/serverProcess';
import { typeInFirstSection } from '../support/typingEditors';

// Invariant 4 for the live memo: what the server reported as saved survives `kill -9`, and the
// editors resync afterwards with their offline edits merged.

const memoText = (doc: Y.Doc) => plainText(memoFragment(doc));

describe.each(ENGINES)('the live memo across kill -9 on %s', (engine) => {
  const processes: ServerProcess[] = [];
  const editors: CollabEditor[] = [];
  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    for (const { child } of processes) await kill9(child);
  });

  it('keeps everything reported saved, then resyncs the editors and merges offline edits', async () => {
    const env = await demoStorageEnv(engine);
    const first = await startServerProcess(env);
    processes.push(first);
    const f = await memoFixture(first, ['kesk.edustaja', 'sdp.edustaja']);
    const meeting = await f.newMeeting('Kaatuva kokous');
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const partyRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    const keskCookie = f.cookie('kesk.edustaja');
    const sdpCookie = f.cookie('sdp.edustaja');

    const keskMemo = connectEditor(first.url, memoRoom, keskCookie);
    const sdpMemo = connectEditor(first.url, memoRoom, sdpCookie);
    const keskParty = connectEditor(first.url, partyRoom, keskCookie);
    editors.push(keskMemo, sdpMemo, keskParty);
    await Promise.all(editors.map((editor) => editor.settled()));
    typeInFirstSection(keskMemo.doc, 'Keskusta ehdotti säästöjä. ');
    typeInFirstSection(sdpMemo.doc, 'SDP vastusti leikkauksia. ');
    writeStance(keskParty.doc, 'ap_talousarvio1', { stance: 'reservation', reason: '' });
    await Promise.all(editors.map((editor) => editor.settled()));

    // What the server has reported saved, per room, at the moment of the crash.
    const savedMemo = Y.encodeStateAsUpdate(keskMemo.doc);
    const savedParty = Y.encodeStateAsUpdate(keskParty.doc);
    for (const editor of editors) editor.provider.disconnect();
    await kill9(first.child);

    // Offline edits on both sides while the server is down.
    typeInFirstSection(keskMemo.doc, 'Offline: Keskusta tarkentaa. ');
    typeInFirstSection(sdpMemo.doc, 'Offline: SDP lisää perustelun. ');

    const second = await startServerProcess({ ...env, PORT: String(first.port) });
    processes.push(second);
    const afterCrash = new Y.Doc();
    Y.applyUpdate(afterCrash, await serverState(second.url, memoRoom, sdpCookie));
    const saved = new Y.Doc();
    Y.applyUpdate(saved, savedMemo);
    expect(covers(Y.decodeStateVector(Y.encodeStateVector(afterCrash)), saved)).toBe(true);
    expect(memoText(afterCrash)).toBe(memoText(saved));
    const partyAfterCrash = new Y.Doc();
    Y.applyUpdate(partyAfterCrash, await serverState(second.url, partyRoom, keskCookie));
    const savedPartyDoc = new Y.Doc();
    Y.applyUpdate(savedPartyDoc, savedParty);
    expect(readStances(partyAfterCrash)).toEqual(readStances(savedPartyDoc));

    // The editors come back to the same address, resync, and their offline edits merge.
    for (const editor of editors) editor.provider.connect();
    await Promise.all(editors.map((editor) => editor.settled(20_000)));
    await waitUntil(
      () => memoText(keskMemo.doc) === memoText(sdpMemo.doc),
      10_000,
      'the two editors to converge',
    );
    const merged = memoText(keskMemo.doc);
    for (const part of [
      'Keskusta ehdotti säästöjä.',
      'SDP vastusti leikkauksia.',
      'Offline: Keskusta tarkentaa.',
      'Offline: SDP lisää perustelun.',
    ]) {
      expect(merged).toContain(part);
    }
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(second.url, memoRoom, sdpCookie));
    expect(memoText(stored)).toBe(merged);
  }, 90_000);
});
