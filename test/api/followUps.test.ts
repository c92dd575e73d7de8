import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import type { TrackedItem } from '../../shared/api/memoVersions';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { connectEditor } from '../support/collabClient';
import { writeRoom } from '../support/memoWriter';
import { startTestServer, type TestServer } from '../support/testServer';
import { followUp } from '../unit/memo/build';

// Managed follow-ups (issue 19, item 7): the owner is a member or a party of the group, picked in
// the memo and kept as a reference through approval.

const CANARY = 'SALAINEN-JATKOTOIMI-7d41';
const IDS = {
  party: 'fu-omistaja-puolue',
  member: 'fu-omistaja-jasen',
  legacy: 'fu-omistaja-teksti',
  stranger: 'fu-omistaja-vieras',
  secret: 'fu-omistaja-salainen',
};

const firstSection = (doc: Y.Doc) => memoFragment(doc).get(0) as Y.XmlElement;

describe.each(ENGINES)('managed follow-ups on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let meeting: { id: string };
  const userIds: Record<string, string> = {};
  const chair = () => f.clients.puheenjohtaja!;
  const secretary = () => f.clients.sihteeri!;
  const itemId = (blockId: string) => `${meeting.id}:followUp:${blockId}`;
  const listPath = () => `/api/groups/${f.groupId}/tracked-items?kind=followUp`;
  const byId = (items: TrackedItem[], blockId: string) =>
    items.find((item) => item.id === itemId(blockId));

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, [
      'sihteeri',
      'kesk.edustaja',
      'kesk.varajasen',
      'sdp.edustaja',
      'sdp.lukija1',
    ]);
    for (const [who, client] of Object.entries(f.clients))
      userIds[who] = (await client.get('/api/me')).body.id as string;
    // Someone with an account but no place in the group: a reference to them names nobody here.
    const stranger = await t.server.ctx.repos.users.create({
      email: 'vieras@muu.example',
      name: 'Vieras Henkilö',
      passwordHash: 'x',
      locale: 'fi',
    });
    userIds.stranger = stranger._id;

    meeting = await f.newMeeting('Jatkotoimien kokous');
    await writeRoom(
      t.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      f.cookie('sihteeri'),
      (doc) => {
        const section = firstSection(doc);
        section.insert(section.length, [
          followUp(IDS.party, 'Keskusta selvittää rahoituksen.', {
            owner: 'Suomen Keskusta',
            ownerRef: `party:${f.partyIds.KESK}`,
            due: '2027-01-31',
          }),
          followUp(IDS.member, 'Sihteeri kokoaa aikataulun.', {
            owner: 'Sihteeri',
            ownerRef: `member:${userIds.sihteeri}`,
            due: '2027-02-15',
          }),
          followUp(IDS.legacy, 'Vanha tapa: vastuu tekstinä.', { owner: 'Talousjohtaja' }),
          followUp(IDS.stranger, 'Viite ryhmän ulkopuolelle.', {
            owner: 'Vieras Henkilö',
            ownerRef: `member:${userIds.stranger}`,
          }),
          followUp(IDS.secret, CANARY, {
            owner: 'Suomen Sosialidemokraattinen Puolue',
            ownerRef: `party:${f.partyIds.SDP}`,
            due: '2027-01-10',
            confidentiality: 'confidential',
          }),
        ]);
      },
    );
    expect(
      (await chair().post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    const approved = await chair().post(`/api/meetings/${meeting.id}/approval`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
  });
  afterAll(() => t.close());

  it('an approved follow-up keeps the member or party picked as its owner, and old text as text', async () => {
    const items = (await secretary().get(listPath())).body as TrackedItem[];
    expect(byId(items, IDS.party)).toMatchObject({
      owner: 'Suomen Keskusta',
      ownerRef: { kind: 'party', id: f.partyIds.KESK },
      due: '2027-01-31',
    });
    expect(byId(items, IDS.member)).toMatchObject({
      ownerRef: { kind: 'member', id: userIds.sihteeri },
    });
    expect(byId(items, IDS.legacy)).toMatchObject({ owner: 'Talousjohtaja', ownerRef: null });
    // A reference to someone outside the group owns nothing: only its text is kept.
    expect(byId(items, IDS.stranger)).toMatchObject({ owner: 'Vieras Henkilö', ownerRef: null });
    // The approved version states the references as written.
    const version = await secretary().get(`/api/meetings/${meeting.id}/versions/1`);
    expect(version.status).toBe(200);
    expect(JSON.stringify(version.body)).toContain(`party:${f.partyIds.KESK}`);
  });

  it('the collab endpoint refuses a malformed owner reference and stores nothing of it', async () => {
    const other = await f.newMeeting('Rikottu viite');
    const room = roomName({ kind: 'memo', meetingId: other.id });
    const editor = connectEditor(t.url, room, f.cookie('sihteeri'));
    try {
      await editor.settled();
      editor.doc.transact(() =>
        firstSection(editor.doc).insert(1, [
          followUp('fu-rikottu-viite', 'Rikottu.', { ownerRef: 'member:{"$ne":null}' }),
        ]),
      );
      await vi.waitFor(() =>
        expect(editor.rejections.length + editor.closes.length).toBeGreaterThan(0),
      );
    } finally {
      editor.destroy();
    }
    const reader = connectEditor(t.url, room, f.cookie('puheenjohtaja'));
    try {
      await reader.settled();
      expect(JSON.stringify(firstSection(reader.doc).toJSON())).not.toContain('Rikottu');
    } finally {
      reader.destroy();
    }
  });
});
