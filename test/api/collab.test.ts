import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MEMO_NODES, roomName } from '../../shared/memo/format';
import { memoFragment, plainText, readMemo } from '../../shared/memo/memoDoc';
import { readStances, writeDissent, writeStance } from '../../shared/memo/partyDoc';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { caretFrame, covers } from '../support/rawCollab';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import {
  connectRaw,
  savedCovers,
  syncStep1Frame,
  updateFrom,
  upgradeStatus,
  waitUntil,
  type RawCollabClient,
} from '../support/rawCollab';
import { startTestServer, type TestServer } from '../support/testServer';

// The live memo with real y-websocket editors: convergence, "saved" that means stored, offline
// edits, the seeded agenda, party rooms, and identities that come from the session.

const EDITORS = ['puheenjohtaja', 'sihteeri', 'kesk.edustaja', 'sdp.edustaja', 'kok.edustaja'];

function notesText(doc: Y.Doc): Y.XmlText | null {
  const section = memoFragment(doc).get(0) as Y.XmlElement | undefined;
  const paragraph = section?.get(1) as Y.XmlElement | undefined;
  const text = paragraph?.get(0);
  return text instanceof Y.XmlText ? text : null;
}

const memoText = (doc: Y.Doc) => plainText(memoFragment(doc));

function appendToNotes(doc: Y.Doc, text: string): void {
  const paragraph = (memoFragment(doc).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
  const existing = paragraph.get(0);
  if (existing instanceof Y.XmlText) existing.insert(existing.length, text);
  else paragraph.insert(0, [new Y.XmlText(text)]);
}

describe.each(ENGINES)('the live memo with y-websocket editors on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const editors: CollabEditor[] = [];
  const raws: RawCollabClient[] = [];
  /** A new meeting's memo room with a raw writer (the secretary) and a raw watcher (the chair). */
  const writerAndWatcher = async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const writer = await connectRaw(t.url, room, f.cookie('sihteeri'));
    const watcher = await connectRaw(t.url, room, f.cookie('puheenjohtaja'));
    raws.push(writer, watcher);
    return { room, writer, watcher };
  };
  const editor = (room: string, who: string, doc?: Y.Doc) => {
    const opened = connectEditor(t.url, room, f.cookie(who), { doc });
    editors.push(opened);
    return opened;
  };

  beforeAll(async () => {
    // A short idle period and frequent compaction put unloading and snapshots on the path.
    t = await startTestServer({
      seedDemo: true,
      engine,
      env: { COLLAB_IDLE_MS: '300', COLLAB_COMPACT_EVERY: '5' },
    });
    f = await memoFixture(t, EDITORS);
  });
  afterAll(async () => {
    for (const opened of editors) opened.destroy();
    for (const raw of raws) await raw.close();
    await t.close();
  });

  it('five editors typing at once converge, and MESSAGE_SAVED covers what each one wrote', async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const five = EDITORS.map((who) => editor(room, who));
    await Promise.all(five.map((e) => e.settled()));
    // The server seeded one section per agenda item before anyone saw the document.
    for (const e of five) {
      expect(readMemo(e.doc).map((section) => section.title)).toEqual(
        meeting.agenda.map((item) => item.title),
      );
      expect(e.access).toEqual({ mode: 'write', reason: null });
    }

    // The first keystroke creates the paragraph's text, as y-prosemirror does.
    const first = five[0]!;
    const paragraph = (memoFragment(first.doc).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText('Alku. ')]);
    await waitUntil(() => five.every((e) => notesText(e.doc) !== null), 5_000, 'text everywhere');

    await Promise.all(
      five.map(async (e, index) => {
        for (let i = 0; i < 15; i++) {
          const text = notesText(e.doc)!;
          text.insert(Math.floor(Math.random() * (text.length + 1)), `${index}`);
          if (i % 4 === 0) text.format(0, 1, { bold: {} });
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 15));
        }
      }),
    );
    await waitUntil(
      () => five.every((e) => e.allSaved() && memoText(e.doc) === memoText(first.doc)),
      15_000,
      'convergence',
    );
    const final = plainText(notesText(first.doc)!);
    expect(final.length).toBe('Alku. '.length + 5 * 15);
    for (const e of five) {
      expect(plainText(notesText(e.doc)!)).toBe(final);
      expect(covers(e.saved, e.doc)).toBe(true);
    }

    // What the server reports saved is in the log: a fresh load of the stored room agrees.
    const stored = await t.server.ctx.repos.collabLog.load(room);
    const fromLog = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(fromLog, stored.snapshot);
    for (const update of stored.updates) Y.applyUpdate(fromLog, update);
    expect(memoText(fromLog)).toBe(memoText(first.doc));
    expect(covers(Y.decodeStateVector(Y.encodeStateVector(fromLog)), first.doc)).toBe(true);
  });

  it('merges what an editor wrote offline when it reconnects', async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const online = editor(room, 'sihteeri');
    const traveller = editor(room, 'kesk.edustaja');
    await Promise.all([online.settled(), traveller.settled()]);
    const paragraph = (memoFragment(online.doc).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText('Yhteinen alku.')]);
    await waitUntil(() => notesText(traveller.doc) !== null && online.allSaved(), 5_000, 'text');

    traveller.provider.disconnect();
    notesText(traveller.doc)!.insert(0, 'Junassa kirjoitettu. ');
    (memoFragment(traveller.doc).get(1) as Y.XmlElement).setAttribute(
      'confidentiality',
      'confidential',
    );
    notesText(online.doc)!.insert(notesText(online.doc)!.length, ' Sillä välin toimistolla.');
    await waitUntil(() => online.allSaved(), 5_000, 'online edit saved');
    expect(traveller.allSaved()).toBe(false);

    traveller.provider.connect();
    await traveller.settled();
    await waitUntil(() => memoText(online.doc) === memoText(traveller.doc), 5_000, 'merge');
    expect(notesText(online.doc)!.toString()).toBe(
      'Junassa kirjoitettu. Yhteinen alku. Sillä välin toimistolla.',
    );
    expect(readMemo(online.doc)[1]!.confidentiality).toBe('confidential');

    // The level change of an existing section is history, with the name from the session.
    const history = await waitFor(async () => {
      const changes = await t.server.ctx.repos.confidentialityChanges.listForMeeting(meeting.id);
      return changes.length > 0 ? changes : null;
    });
    expect(history).toMatchObject([
      { targetKind: 'section', from: 'groups', to: 'confidential', lowered: false },
    ]);
    expect(history[0]!.excerpt).toBe(meeting.agenda[1]!.title);
    expect(history[0]!.userId).toBeTruthy();
    expect(history[0]!.partyId).toBe(f.partyIds.KESK);
  });

  it("relays a representative's stance from the party room to the other editors", async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    const kesk = editor(room, 'kesk.edustaja');
    const chair = editor(room, 'puheenjohtaja');
    const sdp = editor(room, 'sdp.edustaja');
    await Promise.all([kesk.settled(), chair.settled(), sdp.settled()]);
    expect(kesk.access).toEqual({ mode: 'write', reason: null });
    expect(sdp.access).toEqual({ mode: 'read', reason: 'not_allowed' });

    writeStance(kesk.doc, 'ap_agreed01', { stance: 'reservation', reason: 'Ryhmä päättää' });
    await waitUntil(
      () => readStances(chair.doc).size === 1 && readStances(sdp.doc).size === 1,
      5_000,
      'stance relayed',
    );
    expect(readStances(sdp.doc).get('ap_agreed01')).toEqual({
      stance: 'reservation',
      reason: 'Ryhmä päättää',
    });
    await kesk.settled();
    // A read-only editor's first sync answer carries nothing new: no rejection for it.
    expect(sdp.rejections).toEqual([]);

    // Raising a dissent's level is recorded; writing the dissent in the first place is not.
    const dissent = { sectionId: 'sec_section01', reason: 'Ei hyväksytä leikkauksia' };
    writeDissent(kesk.doc, 'ds_dissent01', { ...dissent, confidentiality: 'public' });
    await kesk.settled();
    writeDissent(kesk.doc, 'ds_dissent01', { ...dissent, confidentiality: 'confidential' });
    await kesk.settled();
    const history = await waitFor(async () => {
      const changes = await t.server.ctx.repos.confidentialityChanges.listForMeeting(meeting.id);
      return changes.length > 0 ? changes : null;
    });
    expect(history).toMatchObject([
      {
        targetId: 'ds_dissent01',
        targetKind: 'dissent',
        excerpt: dissent.reason,
        from: 'public',
        to: 'confidential',
        partyId: f.partyIds.KESK,
      },
    ]);
  });

  it('catches up with what another instance stored under the next number before appending', async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const local = editor(room, 'sihteeri');
    await local.settled();
    const paragraph = (memoFragment(local.doc).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText('Paikallinen.')]);
    await local.settled();

    // Another instance (here: a direct append) takes the next sequence number.
    const elsewhere = new Y.Doc();
    Y.applyUpdate(elsewhere, Y.encodeStateAsUpdate(local.doc));
    const before = Y.encodeStateVector(elsewhere);
    notesText(elsewhere)!.insert(0, 'Toiselta palvelimelta. ');
    const { collabLog } = t.server.ctx.repos;
    const { lastSeq } = await collabLog.load(room);
    expect(
      await collabLog.append(room, lastSeq + 1, Y.encodeStateAsUpdate(elsewhere, before)),
    ).toBe(true);

    notesText(local.doc)!.insert(notesText(local.doc)!.length, ' Lisäys.');
    await waitUntil(
      () => plainText(notesText(local.doc)!) === 'Toiselta palvelimelta. Paikallinen. Lisäys.',
      5_000,
      'the other instance’s edit relayed',
    );
    await local.settled();
    const stored = await collabLog.load(room);
    expect(stored.lastSeq).toBeGreaterThanOrEqual(lastSeq + 2);
  });

  it('closes the live connections of a session that logs out with 4401', async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const session = new ApiClient(t.url);
    await session.login('sihteeri@demo.example', DEMO_PASSWORD);
    const raw = await connectRaw(t.url, room, session.sessionCookie!);
    const other = await connectRaw(t.url, room, f.cookie('sihteeri'));
    expect((await session.post('/api/auth/logout')).status).toBeLessThan(300);
    expect((await raw.closed).code).toBe(4401);
    // The same person's other session stays.
    expect(other.ws.readyState).toBe(other.ws.OPEN);
    await other.close();
  });

  it('puts the session identity into awareness, whatever the client claims', async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const liar = editor(room, 'sdp.edustaja');
    const watcher = editor(room, 'puheenjohtaja');
    await Promise.all([liar.settled(), watcher.settled()]);
    liar.provider.awareness.setLocalStateField('user', { name: 'Puheenjohtaja', colour: '#000' });
    liar.provider.awareness.setLocalStateField('cursor', { anchor: 1 });
    const seen = await waitFor(() => {
      const state = watcher.provider.awareness.getStates().get(liar.doc.clientID);
      return state?.cursor ? state : null;
    });
    const me = (await f.clients['sdp.edustaja']!.get('/api/me')).body;
    expect(seen.user).toEqual({
      id: me.id,
      name: me.name,
      partyId: f.partyIds.SDP,
      role: 'representative',
      colour: '#E11931',
    });
    expect(seen.cursor).toEqual({ anchor: 1 });

    liar.destroy();
    await waitUntil(
      () => !watcher.provider.awareness.getStates().has(liar.doc.clientID),
      5_000,
      'caret gone after disconnect',
    );
  });

  it('tells only the writer that an edit is stored; the others count the relayed edit as stored', async () => {
    const { writer, watcher } = await writerAndWatcher();
    const writerSeen = writer.frames.length;
    const watcherSeen = watcher.frames.length;

    const edit = updateFrom(writer, (doc) => appendToNotes(doc, 'Tallennettu lause.'));
    Y.applyUpdate(writer.doc, edit);
    writer.sendUpdate(edit);
    await waitUntil(() => savedCovers(writer), 5_000, 'writer saved');
    await waitUntil(() => watcher.relayed.length === 1, 5_000, 'relayed to the watcher');
    // A sync round trip: whatever the server sent the watcher before its answer has arrived.
    const answers = watcher.syncAnswers;
    watcher.send(syncStep1Frame(watcher.doc));
    await watcher.answerOrClose(answers);

    expect(writer.frames.slice(writerSeen)).toEqual(['saved']);
    expect(watcher.frames.slice(watcherSeen)).toEqual(['update', 'step2']);
    expect(memoText(watcher.doc)).toContain('Tallennettu lause.');
    expect(savedCovers(watcher)).toBe(true);
  });

  it('relays a caret only after the text typed before it', async () => {
    const { writer, watcher } = await writerAndWatcher();
    const seen = watcher.frames.length;

    // A keystroke and its caret, back to back as an editor sends them.
    writer.sendUpdate(updateFrom(writer, (doc) => appendToNotes(doc, 'K')));
    writer.send(caretFrame(writer.doc.clientID, 1, { cursor: { anchor: 1 } }));
    await waitUntil(
      () => watcher.frames.slice(seen).includes('awareness') && watcher.relayed.length === 1,
      5_000,
      'keystroke and caret at the watcher',
    );
    expect(watcher.frames.slice(seen)).toEqual(['update', 'awareness']);
  });

  it('coalesces a caret flood: the newest caret wins, the others hear a few, the room goes on', async () => {
    const { room, writer: flooder, watcher } = await writerAndWatcher();
    const heardBefore = watcher.caretEntries;

    flooder.sendUpdate(updateFrom(flooder, (doc) => appendToNotes(doc, 'Tulva.')));
    const started = Date.now();
    const CARETS = 2_000;
    for (let clock = 1; clock <= CARETS; clock++)
      flooder.send(caretFrame(flooder.doc.clientID, clock, { cursor: { anchor: clock } }));
    await waitUntil(
      () =>
        (watcher.carets.get(flooder.doc.clientID) as { cursor?: { anchor?: number } } | undefined)
          ?.cursor?.anchor === CARETS,
      10_000,
      'the newest caret at the watcher',
    );
    const elapsed = Date.now() - started;

    // At most one caret per CARET_INTERVAL_MS (50 ms) reaches the others, and the flooder stays.
    const heard = watcher.caretEntries - heardBefore;
    expect(heard).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
    expect(heard).toBeLessThan(CARETS / 10);
    expect(flooder.ws.readyState).toBe(WebSocket.OPEN);
    await waitUntil(() => memoText(watcher.doc).includes('Tulva.'), 5_000, 'text relayed');
    const again = await connectRaw(t.url, room, f.cookie('sihteeri'));
    raws.push(again);
    expect(memoText(again.doc)).toContain('Tulva.');
  });

  it('compacts and unloads an idle room, which then loads to the same document', async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const first = editor(room, 'sihteeri');
    await first.settled();
    const paragraph = (memoFragment(first.doc).get(0) as Y.XmlElement).get(1) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText('')]);
    for (let i = 0; i < 8; i++) {
      notesText(first.doc)!.insert(i, 'x');
      await waitUntil(() => first.allSaved(), 5_000, 'saved');
    }
    const before = memoText(first.doc);
    first.destroy();
    const stored = await waitFor(async () => {
      const log = await t.server.ctx.repos.collabLog.load(room);
      return log.snapshot && log.updates.length === 0 ? log : null;
    });
    expect(stored.snapshot).not.toBeNull();

    const again = await connectRaw(t.url, room, f.cookie('sihteeri'));
    expect(memoText(again.doc)).toBe(before);
    // Loading did not seed the agenda a second time.
    expect(memoFragment(again.doc).toArray()).toHaveLength(meeting.agenda.length);
    expect(
      memoFragment(again.doc)
        .toArray()
        .every((node) => node instanceof Y.XmlElement && node.nodeName === MEMO_NODES.section),
    ).toBe(true);
    await again.close();
  });

  it('answers a refused upgrade with a status line and the API error body', async () => {
    const meeting = await f.newMeeting();
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const refused = await new Promise<{ status: number; body: string; connection: string }>(
      (resolve, reject) => {
        const request = http.request(`${t.url}/collab/${room}`, {
          headers: {
            Connection: 'Upgrade',
            Upgrade: 'websocket',
            Origin: t.url,
            'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
            'Sec-WebSocket-Version': '13',
          },
        });
        request.on('response', (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body,
              connection: String(response.headers.connection),
            }),
          );
        });
        request.on('upgrade', () => reject(new Error('upgraded without a session')));
        request.on('error', reject);
        request.end();
      },
    );
    expect(refused.status).toBe(401);
    expect(refused.connection).toBe('close');
    expect(JSON.parse(refused.body)).toEqual({
      error: { code: 'unauthenticated', message: expect.any(String) },
    });
    expect(await upgradeStatus(t.url, room, { Cookie: f.cookie('sihteeri') })).toBe(403);
  });
});

/** Poll an async probe until it returns something. */
async function waitFor<T>(
  probe: () => Promise<T | null> | T | null,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
