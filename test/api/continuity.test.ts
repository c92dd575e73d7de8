import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { TrackedItem } from '../../shared/api/memoVersions';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeDissent, writeStance } from '../../shared/memo/partyDoc';
import type { TrackedSource } from '../../server/continuity/extractTracked';
import { TrackedItemRepository } from '../../server/repositories/trackedItems';
import type { Database } from '../../server/db/collection';
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
  const itemId = (kind: 'followUp' | 'dissent', sourceId: string) =>
    `${f.groupId}:${kind}:${sourceId}`;
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
    f = await memoFixture(t, ['sihteeri', 'kesk.edustaja', 'vihr.lukija1']);
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
      itemId('followUp', IDS.budget),
      itemId('dissent', `${IDS.point}:${f.partyIds.KESK}`),
      itemId('followUp', IDS.secret),
      itemId('dissent', IDS.dissent),
    ]);
    expect(listed.body[0]).toEqual({
      id: itemId('followUp', IDS.budget),
      kind: 'followUp',
      groupId: f.groupId,
      meetingId: first.id,
      meetingTitle: 'Talousarvioneuvottelu',
      version: 1,
      sectionTitle: 'Talousarvio 2027',
      text: 'Säästölista valmistellaan.',
      owner: 'Talousjohtaja',
      due: '2027-01-31',
      partyId: null,
      confidentiality: 'groups',
      status: 'open',
      statusChangedAt: null,
      statusChangedBy: null,
    });
    expect(listed.body[1]).toMatchObject({
      kind: 'dissent',
      partyId: f.partyIds.KESK,
      text: 'Koulu on rakennettava nyt.',
    });
    const dissents = await secretary().get(listPath('?kind=dissent&status=open'));
    expect(ids(dissents.body)).toEqual([
      itemId('dissent', `${IDS.point}:${f.partyIds.KESK}`),
      itemId('dissent', IDS.dissent),
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
      id: itemId('followUp', IDS.secret),
      withheld: true,
    });
    expect(meeting.body.carried).toHaveLength(4);
    const list = await reader().get(listPath());
    expect(list.status).toBe(200);
    expect(ids(list.body)).not.toContain(itemId('followUp', IDS.secret));
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
    const id = itemId('followUp', IDS.budget);
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

    const stored = await t.server.ctx.repos.trackedItems.findById(id);
    expect(stored!.statusHistory).toMatchObject([{ status: 'done', userId: me.id }]);
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
    const id = itemId('followUp', IDS.secret);
    expect((await reader().put(statusPath(id), { status: 'done' })).status).toBe(403);
    expect((await admin.put(statusPath(id), { status: 'done' })).status).toBe(403);
    // An admin is audience `groups` too: no confidential item in the lists.
    expect(ids((await admin.get(listPath())).body)).not.toContain(id);
    expect(
      (await reader().put(statusPath(itemId('dissent', IDS.dissent)), { status: 'done' })).status,
    ).toBe(403);
    for (const unknown of [
      itemId('followUp', 'fu-ei-ole-olemassa'),
      `00000000-0000-4000-8000-000000000000:followUp:${IDS.budget}`,
      'ei-tunniste',
      `${f.groupId}:agreedPoint:${IDS.point}`,
      `${f.groupId}:followUp:${IDS.budget}:${f.partyIds.KESK}`,
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
  });

  it('a third meeting reviews the newest approved memo and carries only what is still open', async () => {
    await approve(second.id);
    const third = await chair().post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Kolmas neuvottelu',
      startsAt: '2027-01-11T17:00:00+02:00',
    });
    expect(third.status).toBe(201);
    expect(third.body.agenda.map((item: { title: string }) => item.title)).toEqual([
      'Edellisen muistion tarkastus: Jatkoneuvottelu (siirretty) (14.12.2026)',
    ]);
    expect(third.body.review).toMatchObject({ meetingId: second.id, version: 1 });
    expect(ids(third.body.carried)).toEqual([
      itemId('dissent', `${IDS.point}:${f.partyIds.KESK}`),
      itemId('followUp', IDS.secret),
      itemId('dissent', IDS.dissent),
    ]);
    // The creator's language titles the review item.
    expect((await chair().patch('/api/me', { locale: 'sv' })).status).toBe(200);
    const swedish = await chair().post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Fjärde',
      startsAt: '2027-02-01T17:00:00+02:00',
    });
    expect(swedish.body.agenda[0].title).toBe(
      'Granskning av föregående promemoria: Jatkoneuvottelu (siirretty) (14.12.2026)',
    );
    expect((await chair().patch('/api/me', { locale: 'fi' })).status).toBe(200);
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
    expect(ids(all)).not.toContain(itemId('dissent', IDS.dissent));
    const budget = all.find((item) => item.id === itemId('followUp', IDS.budget))!;
    expect(budget).toMatchObject({ version: 2, due: '2027-03-31', status: 'done' });
    expect(
      all.find((item) => item.id === itemId('dissent', `${IDS.point}:${f.partyIds.KESK}`)),
    ).toMatchObject({ version: 2, text: 'Koulu on rakennettava heti.', status: 'open' });
    // A meeting that carried the removed dissent no longer lists it; it cannot be updated.
    const carried = (await secretary().get(`/api/meetings/${second.id}`)).body.carried;
    expect(ids(carried)).not.toContain(itemId('dissent', IDS.dissent));
    const removed = await secretary().put(statusPath(itemId('dissent', IDS.dissent)), {
      status: 'done',
    });
    expect(removed.status).toBe(404);
  });
});

describe.each(ENGINES)('tracked item storage on %s', (engine) => {
  let db: Database;
  let repo: TrackedItemRepository;
  beforeAll(async () => {
    db = await openTestDatabase(engine);
    repo = new TrackedItemRepository(db);
  });
  afterAll(() => db.close());

  const source = (sourceId: string, text: string, position = 0): TrackedSource => ({
    kind: 'followUp',
    sourceId,
    position,
    sectionTitle: 'Osio',
    text,
    owner: '',
    due: '',
    partyId: null,
    confidentiality: 'groups',
  });
  const origin = (version: number) => ({
    groupId: 'g-1',
    meetingId: 'm-1',
    meetingTitle: 'Kokous',
    meetingStartsAt: new Date('2026-12-07T15:00:00Z'),
    version,
  });

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
    await repo.setStatus('g-1:followUp:fu-uusi-001', 'done', { userId: 'u-1', userName: 'N' });
    await repo.track(origin(2), [source('fu-uusi-001', 'Uusi teksti')]);
    expect((await repo.listByGroup('g-1')).map((item) => [item.sourceId, item.status])).toEqual([
      ['fu-uusi-001', 'done'],
    ]);
    expect(await repo.findById('g-1:followUp:fu-vanha-01')).toMatchObject({ removed: true });
  });
});
