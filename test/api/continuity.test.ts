import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TrackedItem } from '../../shared/api/memoVersions';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeDissent, writeStance } from '../../shared/memo/partyDoc';
import type { TrackedSource } from '../../server/continuity/extractTracked';
import { TrackedItemRepository } from '../../server/repositories/trackedItems';
import type { Database, DocCollection } from '../../server/db/collection';
import { COLLECTIONS, type TrackedItemDoc } from '../../server/db/schema';
import type { ApiClient } from '../support/apiClient';
import { writeRoom } from '../support/memoWriter';
import { ENGINES, openTestDatabase } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { startTestServer, type TestServer } from '../support/testServer';
import { agreedPoint, followUp } from '../unit/memo/build';

// Continuity between meetings: an approved memo's follow-ups and dissents are tracked, the next
// meeting reviews that memo and carries what is still open, and negotiators close items later.

const SECRET = 'SALAINEN-JATKO-5c2e';
const IDS = {
  budget: 'fu-jatko-saastot',
  secret: 'fu-jatko-salainen',
  point: 'ap-jatko-investoinnit',
  dissent: 'ds-jatko-kesk',
};

const firstSection = (doc: Y.Doc) => memoFragment(doc).get(0) as Y.XmlElement;

describe.each(ENGINES)('continuity between meetings on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const chair = () => f.clients.puheenjohtaja!;
  const secretary = () => f.clients.sihteeri!;
  const representative = () => f.clients['kesk.edustaja']!;
  const reader = () => f.clients['vihr.lukija1']!;
  // Ids name the meeting, then the place in its memo (a dissent's party is the room's).
  const followUpId = (meetingId: string, blockId: string) => `${meetingId}:followUp:${blockId}`;
  const dissentId = (meetingId: string, id: string, partyId: string) =>
    `${meetingId}:dissent:${id}:${partyId}`;
  const stanceId = (meetingId: string, pointId: string, partyId: string) =>
    `${meetingId}:stance:${pointId}:${partyId}`;
  const KESK = () => f.partyIds.KESK!;
  const SDP = () => f.partyIds.SDP!;
  const statusPath = (id: string) => `/api/tracked-items/${encodeURIComponent(id)}/status`;
  const listPath = (query = '') => `/api/groups/${f.groupId}/tracked-items${query}`;
  const ids = (items: { id: string }[]) => items.map((item) => item.id);

  async function approve(meetingId: string) {
    const started = await chair().post(`/api/meetings/${meetingId}/status`, {
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    const approved = await chair().post(`/api/meetings/${meetingId}/approval`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
  }

  let admin: ApiClient;
  let first: { id: string };
  let second: any;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, ['sihteeri', 'kesk.edustaja', 'sdp.edustaja', 'vihr.lukija1']);
    admin = await f.addAdmin();
  });
  afterAll(() => t.close());

  it('tracks the follow-ups and dissents of an approved memo, open, in memo order', async () => {
    first = await f.newMeeting('Talousarvioneuvottelu');
    // Nothing was approved before: the first meeting reviews nothing and carries nothing.
    expect((await chair().get(`/api/meetings/${first.id}`)).body).toMatchObject({
      review: null,
      carried: [],
    });
    let sectionId = '';
    await writeRoom(
      t.url,
      roomName({ kind: 'memo', meetingId: first.id }),
      f.cookie('sihteeri'),
      (doc) => {
        const section = firstSection(doc);
        sectionId = section.getAttribute(MEMO_ATTRS.id) as string;
        section.insert(section.length, [
          followUp(IDS.budget, 'Säästölista valmistellaan.', {
            owner: 'Talousjohtaja',
            due: '2027-01-31',
            confidentiality: 'groups',
          }),
          agreedPoint(IDS.point, 'Investoinnit jaksotetaan.', 'groups'),
          followUp(IDS.secret, SECRET, {
            owner: 'Henkilöstöjohtaja',
            confidentiality: 'confidential',
          }),
        ]);
      },
    );
    await writeRoom(
      t.url,
      roomName({ kind: 'party', meetingId: first.id, partyId: f.partyIds.KESK! }),
      f.cookie('kesk.edustaja'),
      (doc) => {
        writeStance(doc, IDS.point, { stance: 'dissent', reason: 'Koulu on rakennettava nyt.' });
        writeDissent(doc, IDS.dissent, {
          sectionId,
          reason: 'Keskusta ei hyväksy leikkauksia.',
          confidentiality: 'public',
        });
      },
    );
    await approve(first.id);

    const listed = await secretary().get(listPath());
    expect(listed.status).toBe(200);
    expect(ids(listed.body)).toEqual([
      followUpId(first.id, IDS.budget),
      stanceId(first.id, IDS.point, KESK()),
      followUpId(first.id, IDS.secret),
      dissentId(first.id, IDS.dissent, KESK()),
    ]);
    expect(listed.body[0]).toEqual({
      id: followUpId(first.id, IDS.budget),
      kind: 'followUp',
      groupId: f.groupId,
      meetingId: first.id,
      meetingTitle: 'Talousarvioneuvottelu',
      version: 1,
      sectionTitle: 'Talousarvio 2027',
      text: 'Säästölista valmistellaan.',
      owner: 'Talousjohtaja',
      ownerRef: null,
      due: '2027-01-31',
      partyId: null,
      confidentiality: 'groups',
      caseLink: null,
      status: 'open',
      statusChangedAt: null,
      statusChangedBy: null,
      statusCaseLink: null,
      statusReason: null,
      history: [],
    });
    expect(listed.body[1]).toMatchObject({
      kind: 'dissent',
      partyId: f.partyIds.KESK,
      text: 'Koulu on rakennettava nyt.',
    });
    const dissents = await secretary().get(listPath('?kind=dissent&status=open'));
    expect(ids(dissents.body)).toEqual([
      stanceId(first.id, IDS.point, KESK()),
      dissentId(first.id, IDS.dissent, KESK()),
    ]);
  });

  it('the next meeting starts by reviewing the approved memo and carries every open item', async () => {
    const created = await chair().post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Jatkoneuvottelu',
      startsAt: '2026-12-14T17:00:00+02:00',
      agenda: [{ title: 'Kouluverkko' }],
    });
    expect(created.status).toBe(201);
    second = created.body;
    expect(second.agenda).toHaveLength(2);
    expect(second.agenda[0]).toMatchObject({
      title: 'Edellisen muistion tarkastus: Talousarvioneuvottelu (7.12.2026)',
      description: '',
      confidentiality: 'groups',
    });
    expect(second.agenda[1].title).toBe('Kouluverkko');
    expect(second.review).toEqual({
      meetingId: first.id,
      version: 1,
      meetingTitle: 'Talousarvioneuvottelu',
    });
    expect(ids(second.carried)).toEqual(ids((await secretary().get(listPath())).body));
    expect(second.carried.every((item: TrackedItem) => item.status === 'open')).toBe(true);
    // Reading it again gives the same continuity; the review item is an ordinary agenda item.
    const reread = (await secretary().get(`/api/meetings/${second.id}`)).body;
    expect(reread.review).toEqual(second.review);
    expect(reread.carried).toEqual(second.carried);

    // An edit of the meeting keeps its review and the items it carries.
    const edited = await secretary().put(`/api/meetings/${second.id}`, {
      title: 'Jatkoneuvottelu (siirretty)',
      startsAt: second.startsAt,
      agenda: second.agenda,
      revision: second.revision,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.review).toEqual(second.review);
    expect(ids(edited.body.carried)).toEqual(ids(second.carried));
  });

  it('a reader never receives a confidential item: markers in the meeting, absent from lists', async () => {
    const meeting = await reader().get(`/api/meetings/${second.id}`);
    expect(meeting.status).toBe(200);
    expect(meeting.body.carried[2]).toEqual({
      id: followUpId(first.id, IDS.secret),
      withheld: true,
    });
    expect(meeting.body.carried).toHaveLength(4);
    const list = await reader().get(listPath());
    expect(list.status).toBe(200);
    expect(ids(list.body)).not.toContain(followUpId(first.id, IDS.secret));
    expect(list.body).toHaveLength(3);
    for (const body of [
      meeting.body,
      list.body,
      (await reader().get(listPath('?kind=followUp'))).body,
    ]) {
      expect(JSON.stringify(body)).not.toContain(SECRET);
      expect(JSON.stringify(body)).not.toContain('Henkilöstöjohtaja');
    }
  });

  it('a representative marks a follow-up done: history, lists and the audit log follow', async () => {
    const id = followUpId(first.id, IDS.budget);
    const done = await representative().put(statusPath(id), { status: 'done' });
    expect(done.status).toBe(200);
    const me = (await representative().get('/api/me')).body;
    expect(done.body).toMatchObject({
      id,
      status: 'done',
      statusChangedBy: { id: me.id, name: me.name },
    });
    expect(Date.parse(done.body.statusChangedAt)).toBeGreaterThan(Date.now() - 60_000);
    // Setting the same status again changes nothing and records nothing.
    const again = await representative().put(statusPath(id), { status: 'done' });
    expect(again.body.statusChangedAt).toBe(done.body.statusChangedAt);

    expect(ids((await secretary().get(listPath('?status=open'))).body)).not.toContain(id);
    expect(ids((await secretary().get(listPath('?status=done'))).body)).toEqual([id]);
    // The meeting that carried it shows its status now.
    const carried = (await secretary().get(`/api/meetings/${second.id}`)).body.carried;
    expect(carried.find((item: TrackedItem) => item.id === id).status).toBe('done');

    expect(await t.server.ctx.repos.trackedItems.findById(id)).toMatchObject({ status: 'done' });
    expect((await t.server.ctx.repos.trackedItems.changesOf([id])).get(id)).toMatchObject([
      { status: 'done', userId: me.id, seq: 1 },
    ]);
    const audit = (await chair().get(`/api/groups/${f.groupId}/audit`)).body;
    const entries = audit.entries.filter((e: { action: string }) => e.action === 'followUp.status');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor: { userId: me.id },
      target: { type: 'trackedItem', id, label: 'followUp' },
      details: { from: 'open', to: 'done' },
    });
    expect(JSON.stringify(entries)).not.toContain('Säästölista');
  });

  it('readers, admins, unknown or malformed items and operators in the body are refused', async () => {
    const id = followUpId(first.id, IDS.secret);
    expect((await reader().put(statusPath(id), { status: 'done' })).status).toBe(403);
    expect((await admin.put(statusPath(id), { status: 'done' })).status).toBe(403);
    // An admin is audience `groups` too: no confidential item in the lists.
    expect(ids((await admin.get(listPath())).body)).not.toContain(id);
    expect(
      (await reader().put(statusPath(dissentId(first.id, IDS.dissent, KESK())), { status: 'done' }))
        .status,
    ).toBe(403);
    for (const unknown of [
      followUpId(first.id, 'fu-ei-ole-olemassa'),
      `00000000-0000-4000-8000-000000000000:followUp:${IDS.budget}`,
      // The group-wide form of ids before they were keyed by meeting: none stored here.
      `${f.groupId}:followUp:${IDS.budget}`,
      'ei-tunniste',
      `${first.id}:agreedPoint:${IDS.point}`,
      `${first.id}:followUp:${IDS.budget}:${KESK()}`,
      `${first.id}:stance:${IDS.point}`,
      `${first.id}:dissent:${IDS.dissent}:ei-puolue`,
    ]) {
      expect((await secretary().put(statusPath(unknown), { status: 'done' })).status, unknown).toBe(
        404,
      );
    }
    for (const body of [
      { status: { $ne: 'open' } },
      { status: 'done', $set: { text: 'x' } },
      { status: 'closed' },
      {},
    ]) {
      expect((await secretary().put(statusPath(id), body)).status, JSON.stringify(body)).toBe(400);
    }
    for (const query of ['?status=closed', '?status[$ne]=open', '?kind=agreedPoint', '?x=1']) {
      expect((await secretary().get(listPath(query))).status, query).toBe(400);
    }
    const stored = await t.server.ctx.repos.trackedItems.findById(id);
    expect(stored).toMatchObject({ status: 'open', statusHistory: [], text: SECRET });
    expect((await t.server.ctx.repos.trackedItems.changesOf([id])).size).toBe(0);
  });

  it('a later memo reusing block, point and dissent ids gets items of its own: the earlier ones keep party, text and status', async () => {
    const firstItems = async () =>
      ((await secretary().get(listPath())).body as TrackedItem[]).filter(
        (item) => item.meetingId === first.id,
      );
    const before = await firstItems();
    expect(before.find((item) => item.id === followUpId(first.id, IDS.budget))!.status).toBe(
      'done',
    );
    let sectionId = '';
    // The second meeting's editors choose the first meeting's ids for their own blocks.
    await writeRoom(
      t.url,
      roomName({ kind: 'memo', meetingId: second.id }),
      f.cookie('sihteeri'),
      (doc) => {
        const section = firstSection(doc);
        sectionId = section.getAttribute(MEMO_ATTRS.id) as string;
        section.insert(section.length, [
          followUp(IDS.budget, 'Toisen kokouksen seuranta.', { owner: 'Sivistysjohtaja' }),
          agreedPoint(IDS.point, 'Toisen kokouksen linjaus.', 'groups'),
        ]);
      },
    );
    // Another party's dissent under the id KESK's dissent had, and a stance on the reused point
    // by each party, KESK's included.
    await writeRoom(
      t.url,
      roomName({ kind: 'party', meetingId: second.id, partyId: SDP() }),
      f.cookie('sdp.edustaja'),
      (doc) => {
        writeDissent(doc, IDS.dissent, {
          sectionId,
          reason: 'SDP:n eriävä kanta toisessa kokouksessa.',
          confidentiality: 'public',
        });
        writeStance(doc, IDS.point, { stance: 'dissent', reason: 'SDP ei hyväksy.' });
      },
    );
    await writeRoom(
      t.url,
      roomName({ kind: 'party', meetingId: second.id, partyId: KESK() }),
      f.cookie('kesk.edustaja'),
      (doc) => {
        writeStance(doc, IDS.point, { stance: 'dissent', reason: 'Keskusta toistaa.' });
      },
    );
    await approve(second.id);

    expect(await firstItems()).toEqual(before);
    const all = (await secretary().get(listPath())).body as TrackedItem[];
    const ofSecond = all.filter((item) => item.meetingId === second.id);
    expect(ofSecond.map((item) => [item.id, item.partyId, item.text, item.status])).toEqual(
      expect.arrayContaining([
        [followUpId(second.id, IDS.budget), null, 'Toisen kokouksen seuranta.', 'open'],
        [stanceId(second.id, IDS.point, KESK()), KESK(), 'Keskusta toistaa.', 'open'],
        [stanceId(second.id, IDS.point, SDP()), SDP(), 'SDP ei hyväksy.', 'open'],
        [
          dissentId(second.id, IDS.dissent, SDP()),
          SDP(),
          'SDP:n eriävä kanta toisessa kokouksessa.',
          'open',
        ],
      ]),
    );
    expect(ofSecond).toHaveLength(4);
    // Closing the later follow-up leaves the earlier one as it was, and the other way round.
    const closed = await secretary().put(statusPath(followUpId(second.id, IDS.budget)), {
      status: 'done',
    });
    expect(closed.status).toBe(200);
    expect(await firstItems()).toEqual(before);
    const reopened = await secretary().put(statusPath(followUpId(second.id, IDS.budget)), {
      status: 'open',
    });
    expect(reopened.body.status).toBe('open');
  });

  it('a third meeting reviews the newest approved memo and carries only what is still open', async () => {
    const third = await chair().post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Kolmas neuvottelu',
      startsAt: '2027-01-11T17:00:00+02:00',
    });
    expect(third.status).toBe(201);
    expect(third.body.agenda.map((item: { title: string }) => item.title)).toEqual([
      'Edellisen muistion tarkastus: Jatkoneuvottelu (siirretty) (14.12.2026)',
    ]);
    expect(third.body.review).toMatchObject({ meetingId: second.id, version: 1 });
    const ofSecond = (await secretary().get(listPath('?status=open'))).body
      .filter((item: TrackedItem) => item.meetingId === second.id)
      .map((item: TrackedItem) => item.id);
    expect(ofSecond).toHaveLength(4);
    expect(ids(third.body.carried)).toEqual([
      stanceId(first.id, IDS.point, KESK()),
      followUpId(first.id, IDS.secret),
      dissentId(first.id, IDS.dissent, KESK()),
      ...ofSecond,
    ]);
    // The creator's language titles the review item. The meeting before it by date is the
    // third, whose memo is not approved yet: it is reviewed all the same, with no version.
    expect((await chair().patch('/api/me', { locale: 'sv' })).status).toBe(200);
    const swedish = await chair().post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Fjärde',
      startsAt: '2027-02-01T17:00:00+02:00',
    });
    expect(swedish.body.agenda[0].title).toBe(
      'Granskning av föregående promemoria: Kolmas neuvottelu (11.1.2027)',
    );
    expect(swedish.body.review).toBeNull();
    expect(swedish.body.previousMeeting).toMatchObject({ meetingId: third.body.id });
    expect((await chair().patch('/api/me', { locale: 'fi' })).status).toBe(200);
  });

  it('a meeting dated in the past reviews the memo before its date, not the one approved last', async () => {
    const create = (title: string, startsAt: string) =>
      chair().post(`/api/groups/${f.groupId}/meetings`, { title, startsAt });
    // Between the first (7.12.2026) and the second (14.12.2026), approved after both.
    const between = await create('Väliin kirjattu', '2026-12-10T17:00:00+02:00');
    expect(between.status).toBe(201);
    expect(between.body.review).toMatchObject({ meetingId: first.id, version: 1 });
    expect(between.body.agenda[0].title).toBe(
      'Edellisen muistion tarkastus: Talousarvioneuvottelu (7.12.2026)',
    );
    const carried = between.body.carried as TrackedItem[];
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every((item) => item.meetingId === first.id)).toBe(true);
    // Before every memo: nothing to review, nothing carried.
    const past = await create('Vanha kokous', '2020-01-15T17:00:00+02:00');
    expect(past.status).toBe(201);
    expect(past.body).toMatchObject({ review: null, carried: [] });
    expect(past.body.agenda).toEqual([]);
  });

  it('re-approving a reopened memo refreshes its items, keeps their status, and drops removed ones', async () => {
    const reopened = await chair().post(`/api/meetings/${first.id}/reopen`, {
      reason: 'Säästölistan määräaika muuttui.',
    });
    expect(reopened.status).toBe(200);
    await writeRoom(
      t.url,
      roomName({ kind: 'memo', meetingId: first.id }),
      f.cookie('sihteeri'),
      (doc) => {
        const section = firstSection(doc);
        const block = section
          .toArray()
          .find(
            (node): node is Y.XmlElement =>
              node instanceof Y.XmlElement && node.getAttribute(MEMO_ATTRS.id) === IDS.budget,
          );
        block!.setAttribute(MEMO_ATTRS.due, '2027-03-31');
      },
    );
    await writeRoom(
      t.url,
      roomName({ kind: 'party', meetingId: first.id, partyId: f.partyIds.KESK! }),
      f.cookie('kesk.edustaja'),
      (doc) => {
        // With a write in the same transaction: a lone deletion does not advance the state
        // vector, so the editor could not tell when the server has stored it.
        writeDissent(doc, IDS.dissent, null);
        writeStance(doc, IDS.point, { stance: 'dissent', reason: 'Koulu on rakennettava heti.' });
      },
    );
    const approved = await chair().post(`/api/meetings/${first.id}/approval`, {});
    expect(approved.status).toBe(201);
    expect(approved.body.version).toBe(2);

    const all = (await secretary().get(listPath())).body as TrackedItem[];
    expect(ids(all)).not.toContain(dissentId(first.id, IDS.dissent, KESK()));
    // The later meeting's dissent under the same id is its own: still there.
    expect(ids(all)).toContain(dissentId(second.id, IDS.dissent, SDP()));
    const budget = all.find((item) => item.id === followUpId(first.id, IDS.budget))!;
    expect(budget).toMatchObject({ version: 2, due: '2027-03-31', status: 'done' });
    expect(all.find((item) => item.id === stanceId(first.id, IDS.point, KESK()))).toMatchObject({
      version: 2,
      text: 'Koulu on rakennettava heti.',
      status: 'open',
    });
    // A meeting that carried the removed dissent no longer lists it; it cannot be updated.
    const carried = (await secretary().get(`/api/meetings/${second.id}`)).body.carried;
    expect(ids(carried)).not.toContain(dissentId(first.id, IDS.dissent, KESK()));
    const removed = await secretary().put(statusPath(dissentId(first.id, IDS.dissent, KESK())), {
      status: 'done',
    });
    expect(removed.status).toBe(404);
  });
});

describe.each(ENGINES)('tracked item storage on %s', (engine) => {
  let db: Database;
  let repo: TrackedItemRepository;
  let items: DocCollection<TrackedItemDoc>;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
    repo = new TrackedItemRepository(db);
    items = db.collection<TrackedItemDoc>(COLLECTIONS.trackedItems);
  });
  afterAll(async () => {
    await db.dropAll();
    await db.close();
  });

  const source = (sourceId: string, text: string, position = 0): TrackedSource => ({
    kind: 'followUp',
    sourceId,
    key: `followUp:${sourceId}`,
    position,
    sectionTitle: 'Osio',
    text,
    owner: '',
    ownerRef: null,
    due: '',
    partyId: null,
    confidentiality: 'groups',
    caseLink: null,
  });
  const dissent = (sourceId: string, partyId: string, text: string): TrackedSource => ({
    ...source(sourceId, text),
    kind: 'dissent',
    key: `dissent:${sourceId}:${partyId}`,
    partyId,
  });
  const origin = (version: number, meetingId = 'm-1', groupId = 'g-1') => ({
    groupId,
    meetingId,
    meetingTitle: 'Kokous',
    meetingStartsAt: new Date('2026-12-07T15:00:00Z'),
    version,
  });
  const by = { userId: 'u-1', userName: 'N' };
  const markDone = async (id: string) => {
    const item = (await repo.findById(id))!;
    const change = { status: 'done' as const, caseLink: null, reason: null, ...by };
    return repo.recordChange(item, await repo.nextSeq(item), change);
  };

  it('an older version tracked after a newer one changes nothing', async () => {
    await repo.track(origin(2), [source('fu-uusi-001', 'Uusi teksti')]);
    await repo.track(origin(1), [
      source('fu-uusi-001', 'Vanha teksti'),
      source('fu-vanha-01', 'Vain v1', 1),
    ]);
    const listed = await repo.listByGroup('g-1');
    expect(listed.find((item) => item.sourceId === 'fu-uusi-001')).toMatchObject({
      text: 'Uusi teksti',
      version: 2,
      removed: false,
    });
    // Tracking version 2 again marks what only version 1 had as removed, and keeps statuses.
    await markDone('m-1:followUp:fu-uusi-001');
    await repo.track(origin(2), [source('fu-uusi-001', 'Uusi teksti')]);
    expect((await repo.listByGroup('g-1')).map((item) => [item.sourceId, item.status])).toEqual([
      ['fu-uusi-001', 'done'],
    ]);
    expect(await repo.findById('m-1:followUp:fu-vanha-01')).toMatchObject({ removed: true });
  });

  it('items stored under the old group-wide ids stay theirs: updated by their own meeting only', async () => {
    // As stored before ids were keyed by meeting: a follow-up someone closed and KESK's dissent.
    const legacy = (id: string, fields: Partial<TrackedItemDoc>): TrackedItemDoc => ({
      _id: id,
      groupId: 'g-2',
      kind: 'followUp',
      sourceId: 'fu-vanha-02',
      meetingId: 'm-21',
      meetingTitle: 'Kokous',
      meetingStartsAt: new Date('2026-11-02T15:00:00Z'),
      version: 1,
      position: 0,
      sectionTitle: 'Osio',
      text: 'Ennen',
      owner: '',
      due: '',
      partyId: null,
      confidentiality: 'groups',
      status: 'open',
      statusHistory: [],
      removed: false,
      createdAt: new Date('2026-11-02T16:00:00Z'),
      updatedAt: new Date('2026-11-02T16:00:00Z'),
      ...fields,
    });
    await items.insertOne(legacy('g-2:followUp:fu-vanha-02', {}));
    await items.insertOne(
      legacy('g-2:dissent:ds-vanha-02', {
        kind: 'dissent',
        sourceId: 'ds-vanha-02',
        partyId: 'p-kesk',
        text: 'KESK ennen',
      }),
    );
    await markDone('g-2:followUp:fu-vanha-02');

    // A later meeting reusing both ids, SDP now writing the dissent: items of its own.
    await repo.track(origin(1, 'm-22', 'g-2'), [
      source('fu-vanha-02', 'Toinen kokous'),
      dissent('ds-vanha-02', 'p-sdp', 'SDP toisessa'),
    ]);
    expect(await repo.findById('g-2:followUp:fu-vanha-02')).toMatchObject({
      meetingId: 'm-21',
      text: 'Ennen',
      status: 'done',
    });
    expect(await repo.findById('g-2:dissent:ds-vanha-02')).toMatchObject({
      meetingId: 'm-21',
      partyId: 'p-kesk',
      text: 'KESK ennen',
    });
    expect(await repo.findById('m-22:followUp:fu-vanha-02')).toMatchObject({
      text: 'Toinen kokous',
      status: 'open',
    });
    expect(await repo.findById('m-22:dissent:ds-vanha-02:p-sdp')).toMatchObject({
      partyId: 'p-sdp',
    });

    // Its own meeting approved again: the legacy items are refreshed in place, status kept; SDP's
    // dissent under KESK's id in that meeting is an item of its own, not KESK's.
    await repo.track(origin(2, 'm-21', 'g-2'), [
      source('fu-vanha-02', 'Jälkeen'),
      dissent('ds-vanha-02', 'p-kesk', 'KESK jälkeen'),
      dissent('ds-vanha-02', 'p-sdp', 'SDP samassa'),
    ]);
    expect(await repo.findById('g-2:followUp:fu-vanha-02')).toMatchObject({
      version: 2,
      text: 'Jälkeen',
      status: 'done',
      removed: false,
    });
    expect(await repo.findById('g-2:dissent:ds-vanha-02')).toMatchObject({
      version: 2,
      partyId: 'p-kesk',
      text: 'KESK jälkeen',
    });
    expect(await repo.findById('m-21:followUp:fu-vanha-02')).toBeNull();
    expect(await repo.findById('m-21:dissent:ds-vanha-02:p-kesk')).toBeNull();
    expect(await repo.findById('m-21:dissent:ds-vanha-02:p-sdp')).toMatchObject({
      partyId: 'p-sdp',
      text: 'SDP samassa',
    });
    expect(await repo.findById('m-22:followUp:fu-vanha-02')).toMatchObject({
      text: 'Toinen kokous',
    });
  });

  it('two status changes at once: one is stored, the other refused; the item shows the newest', async () => {
    await repo.track(origin(1, 'm-race', 'g-race'), [source('fu-kilpa-01', 'Kilpailu')]);
    // Changed once before issue 19: the recorded changes count on from that history.
    await items.updateOne(
      { _id: 'm-race:followUp:fu-kilpa-01' },
      {
        $set: {
          status: 'done',
          statusHistory: [{ status: 'done', ...by, at: new Date('2026-11-01T10:00:00Z') }],
        },
      },
    );
    const item = (await repo.findById('m-race:followUp:fu-kilpa-01'))!;
    expect(await repo.nextSeq(item)).toBe(2);
    const change = (status: 'inProgress' | 'notDone', userName: string) =>
      repo.recordChange(item, 2, {
        status,
        caseLink: null,
        reason: status === 'notDone' ? 'Ei rahoitusta.' : null,
        userId: userName,
        userName,
      });
    const results = await Promise.all([change('inProgress', 'A'), change('notDone', 'B')]);
    const stored = results.filter((result) => result !== null);
    expect(stored).toHaveLength(1);
    const changes = (await repo.changesOf([item._id])).get(item._id)!;
    expect(changes.map((c) => [c.seq, c.status])).toEqual([[2, stored[0]!.status]]);
    expect(await repo.findById(item._id)).toMatchObject({
      status: stored[0]!.status,
      statusSeq: 2,
    });
    // The next change takes the next number; the copy follows the newest.
    const reopen = { status: 'open' as const, caseLink: null, reason: null, ...by };
    expect(await repo.recordChange(item, 3, reopen)).not.toBeNull();
    expect(await repo.findById(item._id)).toMatchObject({ status: 'open', statusSeq: 3 });
  });
});
