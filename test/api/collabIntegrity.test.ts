import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MEMO_ATTRS, MEMO_NODES, newBlockId, roomName } from '../../shared/memo/format';
import { MAX_DELETE_RANGES_PER_UPDATE, MAX_NEW_CLIENTS_PER_UPDATE } from '../../shared/memo/limits';
import { memoFragment, plainText } from '../../shared/memo/memoDoc';
import { COLLAB_CLOSE } from '../../shared/memo/protocol';
import { summarizeMemo, type MemoSummary } from '../../shared/memo/summary';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import {
  connectRaw,
  deletionOf,
  savedCovers,
  serverState,
  updateFrom,
  waitUntil,
  type RawCollabClient,
} from '../support/rawCollab';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { startTestServer, type TestServer } from '../support/testServer';

// Issue 13, items 3–8: updates that could harm the memo, sent by negotiators with valid
// sessions in raw y-protocols. Each is refused (invalid_update, the sender's socket closed with
// 1002), the room goes on, honest edits are saved and the memo stays approvable and exportable.
// Content stored before these checks existed is written straight into the log: the readers
// must cope with it.

const BOMB_DEPTH = 20_000;

function element(name: string, ...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const node = new Y.XmlElement(name);
  node.insert(0, children);
  return node;
}

const paragraph = (text: string) => element(MEMO_NODES.paragraph, new Y.XmlText(text));

/** `depth` paragraphs inside each other in `parent`, added one level at a time (no recursion). */
function nestParagraphs(parent: Y.XmlElement, depth: number) {
  parent.doc!.transact(() => {
    let at = parent;
    for (let i = 0; i < depth; i++) {
      const next = new Y.XmlElement(MEMO_NODES.paragraph);
      at.insert(0, [next]);
      at = next;
    }
    at.insert(0, [new Y.XmlText('pohjalla')]);
  });
}

const sectionOf = (doc: Y.Doc, index: number) => memoFragment(doc).get(index) as Y.XmlElement;

/** Type into the first paragraph of the memo's first section. */
const typeInMemo = (text: string) => (doc: Y.Doc) => {
  const notes = sectionOf(doc, 0).get(1) as Y.XmlElement;
  const existing = notes.get(0);
  if (existing instanceof Y.XmlText) existing.insert(existing.length, text);
  else notes.insert(0, [new Y.XmlText(text)]);
};

/**
 * A section at the top of a memo written as a pre-limit server stored it, filled by `fill` once
 * it is in a document: the update to write straight into a room's log.
 */
function storedSection(fill: (section: Y.XmlElement) => void): Uint8Array {
  const doc = new Y.Doc();
  const section = new Y.XmlElement(MEMO_NODES.section);
  section.setAttribute(MEMO_ATTRS.id, newBlockId('sec'));
  memoFragment(doc).insert(0, [section]);
  fill(section);
  return Y.encodeStateAsUpdate(doc);
}

describe.each(ENGINES)('the server refuses updates that could harm the memo, on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const open: RawCollabClient[] = [];
  const sockets: ClientSocket[] = [];
  const chair = () => f.clients.puheenjohtaja!;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['sihteeri', 'kesk.edustaja', 'sdp.edustaja', 'sdp.lukija1']);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await Promise.all(open.map((client) => client.close()));
    await t.close();
  });

  const connect = async (room: string, who: string) => {
    const client = await connectRaw(t.url, room, f.cookie(who));
    open.push(client);
    return client;
  };

  /** A started meeting whose memo room holds `stored` (written before anyone opened it). */
  async function meetingWith(...stored: Uint8Array[]) {
    const meeting = await f.newMeeting();
    expect(
      (await chair().post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    for (const [index, update] of stored.entries())
      expect(await t.server.ctx.repos.collabLog.append(room, index + 1, update)).toBe(true);
    return { id: meeting.id, room };
  }

  /** The sender is told invalid_update and its socket is closed as a protocol error. */
  async function expectRefused(client: RawCollabClient) {
    expect((await client.closed).code).toBe(COLLAB_CLOSE.protocolError);
    expect(client.rejections).toEqual(['invalid_update']);
  }

  /** An honest negotiator's edit is stored and acknowledged. */
  async function expectHonestEditSaved(room: string, text: string) {
    const honest = await connect(room, 'sdp.edustaja');
    const update = updateFrom(honest, typeInMemo(text));
    Y.applyUpdate(honest.doc, update);
    honest.sendUpdate(update);
    await waitUntil(() => savedCovers(honest), 10_000, 'the honest edit saved');
    expect(honest.rejections).toEqual([]);
    await honest.close();
  }

  /**
   * The meeting room as a negotiator's client shows it: joined over Socket.io, and the summary
   * its side panel computes from the memo room as the server sends it.
   */
  async function joinSummary(meetingId: string): Promise<MemoSummary> {
    const socket = openSocket(t.url, f.cookie('puheenjohtaja'));
    sockets.push(socket);
    await socketConnected(socket);
    const joined = await socket.timeout(10_000).emitWithAck('joinMeeting', meetingId);
    socket.disconnect();
    if (!joined.ok) throw new Error(`joinMeeting failed: ${joined.error.code}`);
    const memo = new Y.Doc();
    const room = roomName({ kind: 'memo', meetingId });
    Y.applyUpdate(memo, await serverState(t.url, room, f.cookie('puheenjohtaja')));
    try {
      return summarizeMemo(memo, []);
    } finally {
      memo.destroy();
    }
  }

  /** The chair checks and approves; the version exports for the chair and for a reader. */
  async function expectApprovable(meetingId: string) {
    expect((await chair().get(`/api/meetings/${meetingId}/approval/check`)).status).toBe(200);
    expect((await chair().post(`/api/meetings/${meetingId}/approval`, {})).status).toBe(201);
    const version = `/api/meetings/${meetingId}/versions/1`;
    const reader = f.clients['sdp.lukija1']!;
    for (const client of [chair(), reader]) {
      expect((await client.get(version)).status).toBe(200);
      expect((await client.get(`${version}/export.md`)).status).toBe(200);
      expect((await client.get(`${version}/export.pdf`)).status).toBe(200);
    }
    return markdownText(await chair().get(`${version}/export.md`));
  }

  it('refuses a nesting bomb; the room goes on and the memo stays approvable', async () => {
    const meeting = await meetingWith();
    const kesk = await connect(meeting.room, 'kesk.edustaja');
    const bomb = updateFrom(kesk, (doc) =>
      nestParagraphs(sectionOf(doc, 0).get(1) as Y.XmlElement, BOMB_DEPTH),
    );
    expect(bomb.length).toBeGreaterThan(300_000);
    kesk.sendUpdate(bomb);
    await expectRefused(kesk);
    await expectHonestEditSaved(meeting.room, 'Sovittiin jatkosta.');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, meeting.room, f.cookie('sihteeri')));
    expect((sectionOf(stored, 0).get(1) as Y.XmlElement).toArray()).toHaveLength(1);
    const titles = (await joinSummary(meeting.id)).sections.map((section) => section.title);
    expect(titles).toContain('Talousarvio 2027');
    expect(await expectApprovable(meeting.id)).toContain('Sovittiin jatkosta.');
  });

  it('a bomb stored before the limit: the memo joins and approves, and the bomb can be deleted', async () => {
    const meeting = await meetingWith(
      storedSection((section) => {
        section.insert(0, [element(MEMO_NODES.sectionTitle, new Y.XmlText('Pommi'))]);
        section.insert(1, [new Y.XmlElement(MEMO_NODES.paragraph)]);
        nestParagraphs(section.get(1) as Y.XmlElement, BOMB_DEPTH);
      }),
    );
    // The client's summary and the draft check read it without recursing into it.
    const titles = (await joinSummary(meeting.id)).sections.map((section) => section.title);
    expect(titles[0]).toBe('Pommi');
    expect(titles).toContain('Talousarvio 2027');
    expect((await chair().get(`/api/meetings/${meeting.id}/approval/check`)).status).toBe(200);
    // A negotiator deletes it, as the editor would: its outermost node only.
    const kesk = await connect(meeting.room, 'kesk.edustaja');
    const sections = memoFragment(kesk.doc).length;
    const acks = kesk.savedSizes.length;
    kesk.sendUpdate(deletionOf([sectionOf(kesk.doc, 0)._item!.id]));
    await waitUntil(() => kesk.savedSizes.length > acks, 10_000, 'the deletion stored');
    expect(kesk.rejections).toEqual([]);
    const after = new Y.Doc();
    Y.applyUpdate(after, await serverState(t.url, meeting.room, f.cookie('sihteeri')));
    expect(memoFragment(after).length).toBe(sections - 1);
    expect(plainText(memoFragment(after))).not.toContain('Pommi');
    // Collected: what a newcomer downloads is small again.
    expect(Y.encodeStateAsUpdate(after).length).toBeLessThan(5_000);
    await expectHonestEditSaved(meeting.room, 'Pommi poistettu.');
    // The approval replays the stored log, bomb and deletion included.
    expect(await expectApprovable(meeting.id)).toContain('Pommi poistettu.');
  });

  it("refuses writing under another negotiator's client id; that negotiator's edits stay saved", async () => {
    const meeting = await meetingWith();
    const sdp = await connect(meeting.room, 'sdp.edustaja');
    // SDP's editor writes as one Yjs client id (not the raw client's own, which Yjs changes
    // when it receives items under it).
    const sdpId = 3_141_592;
    const type = (text: string) => {
      const update = updateFrom(sdp, typeInMemo(text), sdpId);
      Y.applyUpdate(sdp.doc, update);
      sdp.sendUpdate(update);
    };
    type('SDP:n ensimmäinen. ');
    await waitUntil(() => savedCovers(sdp), 10_000, 'the first edit saved');

    // KESK stores items under SDP's client id, at the clock SDP's next edit will take.
    const kesk = await connect(meeting.room, 'kesk.edustaja');
    expect(Y.getState(kesk.doc.store, sdpId)).toBeGreaterThan(0);
    kesk.sendUpdate(updateFrom(kesk, typeInMemo('KESK SDP:n nimissä. '), sdpId));
    await expectRefused(kesk);

    type('SDP:n toinen.');
    await waitUntil(() => savedCovers(sdp), 10_000, 'the second edit saved');
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, meeting.room, f.cookie('sihteeri')));
    const text = (sectionOf(stored, 0).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    expect(text.toString()).toBe('SDP:n ensimmäinen. SDP:n toinen.');
    const owners = await t.server.ctx.repos.collabClients.owners(meeting.room);
    const sdpUser = (await f.clients['sdp.edustaja']!.get('/api/me')).body.id as string;
    expect(owners.get(sdpId)).toBe(sdpUser);
  });

  it('refuses a state-vector bomb; a keystroke is acknowledged in a few bytes', async () => {
    const meeting = await meetingWith();
    const kesk = await connect(meeting.room, 'kesk.edustaja');
    const manyClients = (count: number, client: RawCollabClient) =>
      Y.mergeUpdates(
        Array.from({ length: count }, (_, i) => updateFrom(client, typeInMemo(`${i} `))),
      );
    kesk.sendUpdate(manyClients(MAX_NEW_CLIENTS_PER_UPDATE + 1, kesk));
    await expectRefused(kesk);

    // As many as one offline copy may honestly bring back are taken: the room has ~100 ids.
    const sdp = await connect(meeting.room, 'sdp.edustaja');
    const offline = manyClients(MAX_NEW_CLIENTS_PER_UPDATE, sdp);
    Y.applyUpdate(sdp.doc, offline);
    sdp.sendUpdate(offline);
    await waitUntil(() => savedCovers(sdp), 10_000, 'the offline copy saved');
    const keystroke = updateFrom(sdp, typeInMemo('x'));
    Y.applyUpdate(sdp.doc, keystroke);
    const acks = sdp.savedSizes.length;
    sdp.sendUpdate(keystroke);
    await waitUntil(() => sdp.savedSizes.length > acks && savedCovers(sdp), 10_000, 'the ack');
    const newcomer = await connect(meeting.room, 'kesk.edustaja');
    const fullVector = newcomer.savedSizes[0]!;
    // One client's entry, against the whole vector a newcomer gets on connect.
    expect(sdp.savedSizes.at(-1)).toBeLessThanOrEqual(12);
    expect(fullVector).toBeGreaterThan(MAX_NEW_CLIENTS_PER_UPDATE * 5);
    console.info(
      `[${engine}] keystroke ack ${sdp.savedSizes.at(-1)} bytes; full vector on connect ${fullVector} bytes (${memoClients(newcomer)} client ids)`,
    );
  });

  it('refuses a fragmenting delete set; the room goes on', async () => {
    const meeting = await meetingWith();
    const kesk = await connect(meeting.room, 'kesk.edustaja');
    const long = updateFrom(kesk, typeInMemo('x'.repeat(2 * MAX_DELETE_RANGES_PER_UPDATE + 2)));
    Y.applyUpdate(kesk.doc, long);
    kesk.sendUpdate(long);
    await waitUntil(() => savedCovers(kesk), 10_000, 'the long text saved');
    const text = (sectionOf(kesk.doc, 0).get(1) as Y.XmlElement).get(0) as Y.XmlText;
    const first = text._start!.id;
    // Every other character, each a range of its own.
    const ids = Array.from(
      { length: MAX_DELETE_RANGES_PER_UPDATE + 1 },
      (_, i) => new Y.ID(first.client, first.clock + 2 * i),
    );
    kesk.sendUpdate(deletionOf(ids));
    await expectRefused(kesk);
    await expectHonestEditSaved(meeting.room, ' Jatkuu.');
  });

  it('refuses a bad due date; one stored before does not blank the version or tracked items', async () => {
    const meeting = await meetingWith(
      storedSection((section) => {
        section.insert(0, [
          element(MEMO_NODES.sectionTitle, new Y.XmlText('Seuranta')),
          element(MEMO_NODES.followUp, paragraph('Vanha selvitys')),
        ]);
        const followUp = section.get(1) as Y.XmlElement;
        followUp.setAttribute(MEMO_ATTRS.id, newBlockId('fu'));
        followUp.setAttribute(MEMO_ATTRS.due, 'ensi viikolla');
      }),
    );
    const kesk = await connect(meeting.room, 'kesk.edustaja');
    const followUp = (due: string) =>
      updateFrom(kesk, (doc) => {
        const node = element(MEMO_NODES.followUp, paragraph(`Selvitys ${due}`));
        node.setAttribute(MEMO_ATTRS.id, newBlockId('fu'));
        node.setAttribute(MEMO_ATTRS.due, due);
        sectionOf(doc, 1).insert(2, [node]);
      });
    const good = followUp('2027-03-01');
    Y.applyUpdate(kesk.doc, good);
    kesk.sendUpdate(good);
    await waitUntil(() => savedCovers(kesk), 10_000, 'the good follow-up saved');
    kesk.sendUpdate(followUp('2027-02-30'));
    await expectRefused(kesk);

    await expectApprovable(meeting.id);
    const version = (await chair().get(`/api/meetings/${meeting.id}/versions/1`)).body;
    const dues = JSON.stringify(version).match(/"due":"[^"]*"/g);
    expect(dues?.sort()).toEqual(['"due":""', '"due":"2027-03-01"']);
    const tracked = (await chair().get(`/api/groups/${f.groupId}/tracked-items`)).body;
    expect(JSON.stringify(tracked)).not.toContain('ensi viikolla');
  });

  it('refuses layout smuggling; what was smuggled before stays out of the public rendering', async () => {
    const meeting = await meetingWith(
      storedSection((section) => {
        section.setAttribute(MEMO_ATTRS.confidentiality, 'public');
        const title = element(MEMO_NODES.sectionTitle, new Y.XmlText('Julkinen otsikko'));
        section.insert(0, [title, paragraph('Julkinen teksti.')]);
        (section.get(1) as Y.XmlElement).setAttribute(MEMO_ATTRS.confidentiality, 'public');
        const secret = paragraph('SALAINEN_OTSIKOSSA');
        secret.setAttribute(MEMO_ATTRS.confidentiality, 'confidential');
        title.insert(1, [secret]);
      }),
    );
    for (const smuggle of [
      (doc: Y.Doc) =>
        (sectionOf(doc, 0).get(0) as Y.XmlElement).insert(1, [paragraph('SALAINEN_UUSI')]),
      (doc: Y.Doc) =>
        (sectionOf(doc, 0).get(1) as Y.XmlElement).insert(1, [
          element(MEMO_NODES.section, element(MEMO_NODES.sectionTitle)),
        ]),
    ]) {
      const kesk = await connect(meeting.room, 'kesk.edustaja');
      kesk.sendUpdate(updateFrom(kesk, smuggle));
      await expectRefused(kesk);
    }
    await expectApprovable(meeting.id);
    const publicMd = await chair().get(
      `/api/meetings/${meeting.id}/versions/1/export.md?audience=public`,
    );
    expect(publicMd.status).toBe(200);
    expect(markdownText(publicMd)).toContain('Julkinen otsikko');
    expect(markdownText(publicMd)).not.toContain('SALAINEN');
  });
});

/** A Markdown export as words: our exports backslash-escape every character that is syntax. */
function markdownText(response: { body: unknown }): string {
  return String(response.body).replace(/\\(.)/g, '$1');
}

function memoClients(client: RawCollabClient): number {
  return client.doc.store.clients.size;
}
