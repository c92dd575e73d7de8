import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoFragment } from '../../shared/memo/memoDoc';
import { newBlockId, roomName } from '../../shared/memo/format';
import { writeDissent, writeStance } from '../../shared/memo/partyDoc';
import { ENGINES } from '../support/engines';
import { outsiderClient } from '../support/outsider';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import {
  connectRaw,
  savedCovers,
  serverState,
  updateFrom,
  upgradeStatus,
  waitUntil,
  type RawCollabClient,
} from '../support/rawCollab';
import { startTestServer, type TestServer } from '../support/testServer';

// Invariants 1, 2 and 5 at the collab endpoint, spoken to in raw y-protocols with valid sessions.

/** Type into the first paragraph of the memo's first section. */
function typeInMemo(text: string) {
  return (doc: Y.Doc) => {
    const section = memoFragment(doc).get(0) as Y.XmlElement;
    const paragraph = section.get(1) as Y.XmlElement;
    const existing = paragraph.get(0);
    if (existing instanceof Y.XmlText) existing.insert(existing.length, text);
    else paragraph.insert(0, [new Y.XmlText(text)]);
  };
}

describe.each(ENGINES)('the live memo against hostile clients on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const open: RawCollabClient[] = [];
  const connect = async (room: string, who: string) => {
    const client = await connectRaw(t.url, room, f.cookie(who));
    open.push(client);
    return client;
  };

  /** A logged-in person of another group (a group of their own, with one meeting). */
  const outsiderCookie = async () =>
    (await outsiderClient(t, `muu.ryhma.${engine}@example.fi`)).sessionCookie ?? '';

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, [
      'sihteeri',
      'kesk.edustaja',
      'sdp.edustaja',
      'sdp.varajasen',
      'kesk.lukija1',
    ]);
  });
  afterAll(async () => {
    await Promise.all(open.map((client) => client.close()));
    await t.close();
  });

  it('refuses the upgrade without a session, from another site, for readers and unknown rooms', async () => {
    const meeting = await f.newMeeting();
    const memo = roomName({ kind: 'memo', meetingId: meeting.id });
    const own = { Origin: t.url };
    expect(await upgradeStatus(t.url, memo, own)).toBe(401);
    expect(await upgradeStatus(t.url, memo, { ...own, Cookie: 'neuvottelu_session=forged' })).toBe(
      401,
    );
    const chair = f.cookie('puheenjohtaja');
    expect(await upgradeStatus(t.url, memo, { Cookie: chair })).toBe(403);
    expect(
      await upgradeStatus(t.url, memo, { Cookie: chair, Origin: 'https://evil.example' }),
    ).toBe(403);
    // Readers never receive the live document, not even their own party's room.
    const reader = { ...own, Cookie: f.cookie('kesk.lukija1') };
    expect(await upgradeStatus(t.url, memo, reader)).toBe(403);
    const keskRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    expect(await upgradeStatus(t.url, keskRoom, reader)).toBe(403);
    const withChair = { ...own, Cookie: chair };
    expect(await upgradeStatus(t.url, 'no-such-meeting/memo', withChair)).toBe(404);
    expect(await upgradeStatus(t.url, `${meeting.id}/party/no-such-party`, withChair)).toBe(404);
    expect(await upgradeStatus(t.url, `${meeting.id}/other`, withChair)).toBe(404);
    expect(await upgradeStatus(t.url, `${meeting.id}/memo/../../x`, withChair)).toBe(404);
    // Someone of another group gets the same 404 as for an id that does not exist.
    const outsider = await outsiderCookie();
    expect(await upgradeStatus(t.url, memo, { ...own, Cookie: outsider })).toBe(404);
    expect(await upgradeStatus(t.url, keskRoom, { ...own, Cookie: outsider })).toBe(404);
    expect(await upgradeStatus(t.url, memo, withChair)).toBe(101);
    // The server is still answering.
    expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
  });

  it("keeps party A's representative out of party B's stances and dissents", async () => {
    const meeting = await f.newMeeting();
    const sdpRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.SDP! });
    const agreedPointId = newBlockId('ap');
    const sdp = await connect(sdpRoom, 'sdp.edustaja');
    expect(sdp.access).toEqual({ mode: 'write', reason: null });
    const intruder = await connect(sdpRoom, 'kesk.edustaja');
    expect(intruder.access).toEqual({ mode: 'read', reason: 'not_allowed' });
    const before = await serverState(t.url, sdpRoom, f.cookie('sdp.edustaja'));
    const logBefore = await t.server.ctx.repos.collabLog.load(sdpRoom);

    intruder.sendUpdate(
      updateFrom(intruder, (doc) =>
        writeStance(doc, agreedPointId, { stance: 'dissent', reason: 'SDP vastustaa' }),
      ),
    );
    intruder.sendUpdate(
      updateFrom(intruder, (doc) =>
        writeDissent(doc, newBlockId('ds'), {
          sectionId: 'sec_forged01',
          reason: 'SDP:n nimissä',
          confidentiality: 'public',
        }),
      ),
    );
    await waitUntil(() => intruder.rejections.length === 2, 5_000, 'two rejections');
    expect(intruder.rejections).toEqual(['read_only', 'read_only']);

    // The party's own deputy may; the intruder sees that arrive, so the room is live.
    const deputy = await connect(sdpRoom, 'sdp.varajasen');
    deputy.sendUpdate(
      updateFrom(deputy, (doc) => writeStance(doc, agreedPointId, { stance: 'agree', reason: '' })),
    );
    await waitUntil(() => intruder.relayed.length === 1, 5_000, 'the deputy’s stance relayed');
    expect(sdp.relayed).toHaveLength(1);
    expect(sdp.doc.getMap('stances').get(agreedPointId)).toEqual({ stance: 'agree', reason: '' });
    expect(sdp.doc.getMap('dissents').size).toBe(0);

    const after = await t.server.ctx.repos.collabLog.load(sdpRoom);
    expect(after.lastSeq).toBe(logBefore.lastSeq + 1);
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, sdpRoom, f.cookie('sdp.edustaja')));
    expect(stored.getMap('stances').toJSON()).toEqual({
      [agreedPointId]: { stance: 'agree', reason: '' },
    });
    expect(stored.getMap('dissents').size).toBe(0);
    expect(before).not.toEqual(Y.encodeStateAsUpdate(stored));
  });

  it('lets the chair and the secretary edit the text but never a party stance', async () => {
    const meeting = await f.newMeeting();
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const keskRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    for (const who of ['puheenjohtaja', 'sihteeri']) {
      const party = await connect(keskRoom, who);
      expect(party.access).toEqual({ mode: 'read', reason: 'not_allowed' });
      party.sendUpdate(
        updateFrom(party, (doc) =>
          writeStance(doc, newBlockId('ap'), { stance: 'agree', reason: '' }),
        ),
      );
      await waitUntil(() => party.rejections.length === 1, 5_000, 'rejection');
      expect(party.rejections).toEqual(['read_only']);

      const memo = await connect(memoRoom, who);
      expect(memo.access).toEqual({ mode: 'write', reason: null });
      const update = updateFrom(memo, typeInMemo(`Kirjoittaja ${who}. `));
      Y.applyUpdate(memo.doc, update);
      memo.sendUpdate(update);
      await waitUntil(() => savedCovers(memo), 5_000, 'saved');
      expect(memo.rejections).toEqual([]);
    }
    const stored = new Y.Doc();
    Y.applyUpdate(stored, await serverState(t.url, keskRoom, f.cookie('kesk.edustaja')));
    expect(stored.getMap('stances').size).toBe(0);
  });

  it('drops every write to an approved memo, even one locked directly in the database', async () => {
    const meeting = await f.newMeeting();
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const keskRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    const chair = await connect(memoRoom, 'puheenjohtaja');
    const kesk = await connect(keskRoom, 'kesk.edustaja');
    expect(chair.access?.mode).toBe('write');

    const repos = t.server.ctx.repos;
    const stored = await repos.meetings.findById(meeting.id);
    expect(await repos.meetings.commit(stored!, { status: 'approved' })).not.toBeNull();
    const memoBefore = await serverState(t.url, memoRoom, f.cookie('sihteeri'));
    const partyBefore = await serverState(t.url, keskRoom, f.cookie('sihteeri'));

    chair.sendUpdate(updateFrom(chair, typeInMemo('Jälkikäteen lisätty lause.')));
    kesk.sendUpdate(
      updateFrom(kesk, (doc) =>
        writeStance(doc, newBlockId('ap'), { stance: 'agree', reason: '' }),
      ),
    );
    await waitUntil(
      () => chair.rejections.length === 1 && kesk.rejections.length === 1,
      5_000,
      'rejections',
    );
    expect([...chair.rejections, ...kesk.rejections]).toEqual(['locked', 'locked']);
    expect(await serverState(t.url, memoRoom, f.cookie('sihteeri'))).toEqual(memoBefore);
    expect(await serverState(t.url, keskRoom, f.cookie('sihteeri'))).toEqual(partyBefore);

    // Whoever connects now is told the memo is locked before trying.
    const late = await connect(memoRoom, 'puheenjohtaja');
    expect(late.access).toEqual({ mode: 'read', reason: 'locked' });
  });
});
