import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import type { TrackedItem } from '../../shared/api/memoVersions';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { writeDissent } from '../../shared/memo/partyDoc';
import { memoFragment } from '../../shared/memo/memoDoc';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { connectEditor } from '../support/collabClient';
import { writeRoom } from '../support/memoWriter';
import { startTestServer, type TestServer } from '../support/testServer';
import { outsiderClient } from '../support/outsider';
import { followUp } from '../unit/memo/build';
import { parseSpreadsheetCsv } from '../support/csv';
import { sendFollowUpReminders } from '../../server/continuity/reminders';
import type { MeetingEvent } from '../../server/realtime/bus';

// Managed follow-ups (issue 19, item 7): the owner is a member or a party of the group, picked in
// the memo and kept as a reference through approval.

const CANARY = 'SALAINEN-JATKOTOIMI-7d41';
const IDS = {
  party: 'fu-omistaja-puolue',
  member: 'fu-omistaja-jasen',
  legacy: 'fu-omistaja-teksti',
  stranger: 'fu-omistaja-vieras',
  secret: 'fu-omistaja-salainen',
  dissent: 'ds-omistaja-kesk',
  readerOwn: 'fu-omistaja-lukija',
  readerSecret: 'fu-omistaja-lukija-salainen',
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
    let sectionId = '';
    await writeRoom(
      t.url,
      roomName({ kind: 'memo', meetingId: meeting.id }),
      f.cookie('sihteeri'),
      (doc) => {
        const section = firstSection(doc);
        sectionId = section.getAttribute(MEMO_ATTRS.id) as string;
        section.insert(section.length, [
          followUp(IDS.party, 'Keskusta selvittää rahoituksen.', {
            owner: 'Suomen Keskusta',
            ownerRef: `party:${f.partyIds.KESK}`,
            due: '2027-01-31',
          }),
          followUp(IDS.member, 'SDP:n edustaja kokoaa aikataulun.', {
            owner: 'SDP:n edustaja',
            ownerRef: `member:${userIds['sdp.edustaja']}`,
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
          followUp(IDS.readerOwn, 'Lukija välittää tiedon ryhmälleen.', {
            owner: 'SDP:n lukija',
            ownerRef: `member:${userIds['sdp.lukija1']}`,
            due: '2020-01-01',
          }),
          followUp(IDS.readerSecret, `${CANARY} lukijalle`, {
            owner: 'SDP:n lukija',
            ownerRef: `member:${userIds['sdp.lukija1']}`,
            due: '2027-01-11',
            confidentiality: 'confidential',
          }),
        ]);
      },
    );
    await writeRoom(
      t.url,
      roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! }),
      f.cookie('kesk.edustaja'),
      (doc) =>
        writeDissent(doc, IDS.dissent, {
          sectionId,
          reason: 'Keskusta ei hyväksy aikataulua.',
          confidentiality: 'groups',
        }),
    );
    expect(
      (await chair().post(`/api/meetings/${meeting.id}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    const approved = await chair().post(`/api/meetings/${meeting.id}/approval`, {});
    expect(approved.status, JSON.stringify(approved.body)).toBe(201);
  });
  afterAll(() => t.close());
  const client = (who: string) => f.clients[who]!;
  const statusPath = (blockId: string) =>
    `/api/tracked-items/${encodeURIComponent(itemId(blockId))}/status`;
  const setStatus = (who: string, blockId: string, body: unknown) =>
    client(who).put(statusPath(blockId), body);
  const CASE = {
    body: 'Kaupunginhallitus',
    meetingDate: '2027-01-12',
    section: '14',
    diaryNumber: '123/2026',
    url: 'https://kunta.example/kh/2027-01-12/14',
  };

  it('an approved follow-up keeps the member or party picked as its owner, and old text as text', async () => {
    const items = (await secretary().get(listPath())).body as TrackedItem[];
    expect(byId(items, IDS.party)).toMatchObject({
      owner: 'Suomen Keskusta',
      ownerRef: { kind: 'party', id: f.partyIds.KESK },
      due: '2027-01-31',
    });
    expect(byId(items, IDS.member)).toMatchObject({
      ownerRef: { kind: 'member', id: userIds['sdp.edustaja'] },
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

  it('who moves a follow-up along: organisers, the owner member, those who speak for the owner party', async () => {
    // A party-owned follow-up: KESK's deputy may, SDP's representative and a reader may not.
    expect((await setStatus('sdp.edustaja', IDS.party, { status: 'inProgress' })).status).toBe(403);
    expect((await setStatus('sdp.lukija1', IDS.party, { status: 'inProgress' })).status).toBe(403);
    const moved = await setStatus('kesk.varajasen', IDS.party, { status: 'inProgress' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({
      status: 'inProgress',
      statusChangedBy: { id: userIds['kesk.varajasen'] },
      history: [{ status: 'inProgress', by: { id: userIds['kesk.varajasen'] } }],
    });
    // A member-owned one: that member, and not a representative of another party.
    expect((await setStatus('kesk.edustaja', IDS.member, { status: 'done' })).status).toBe(403);
    expect((await setStatus('sdp.edustaja', IDS.member, { status: 'done' })).status).toBe(200);
    // The secretary runs the meetings: any follow-up.
    expect((await setStatus('sihteeri', IDS.member, { status: 'open' })).status).toBe(200);
    // A free-text owner is nobody in particular: every negotiator, as before.
    expect((await setStatus('kesk.edustaja', IDS.legacy, { status: 'inProgress' })).status).toBe(
      200,
    );
    expect((await setStatus('sdp.lukija1', IDS.legacy, { status: 'done' })).status).toBe(403);
    // Another group's chair learns nothing: the item does not exist for them.
    const outsider = await outsiderClient(t, `jatko.muu.${engine}@example.fi`);
    expect((await outsider.put(statusPath(IDS.party), { status: 'done' })).status).toBe(404);
    const item = byId((await secretary().get(listPath())).body, IDS.party)!;
    expect(item.status).toBe('inProgress');
  });

  it('"viety valmisteluun" names the council case, "ei toteuteta" the reason; nothing else goes', async () => {
    for (const body of [
      { status: 'inPreparation' },
      { status: 'inPreparation', caseLink: { body: '', section: '' } },
      { status: 'inPreparation', caseLink: { ...CASE, url: 'http://kunta.example/kh' } },
      { status: 'inPreparation', caseLink: { ...CASE, meetingDate: '2027-02-30' } },
      { status: 'inPreparation', caseLink: { ...CASE, $set: { status: 'done' } } },
      { status: 'inPreparation', caseLink: { ...CASE, body: { $ne: '' } } },
      { status: 'done', caseLink: CASE },
      { status: 'notDone' },
      { status: 'notDone', reason: '   ' },
      { status: 'notDone', reason: { $ne: '' } },
      { status: 'notDone', reason: 'x'.repeat(4001) },
      { status: 'open', reason: 'Miksi' },
      { status: 'valmis' },
      { status: { $in: ['done'] } },
    ]) {
      const refused = await setStatus('sihteeri', IDS.party, body);
      expect(refused.status, JSON.stringify(body).slice(0, 200)).toBe(400);
    }
    const taken = await setStatus('kesk.edustaja', IDS.party, {
      status: 'inPreparation',
      caseLink: CASE,
    });
    expect(taken.status, JSON.stringify(taken.body)).toBe(200);
    expect(taken.body).toMatchObject({ status: 'inPreparation', statusCaseLink: CASE });
    const dropped = await setStatus('sihteeri', IDS.legacy, {
      status: 'notDone',
      reason: 'Asia ratkesi muualla.',
    });
    expect(dropped.body).toMatchObject({
      status: 'notDone',
      statusReason: 'Asia ratkesi muualla.',
    });
    // The same again changes nothing and records nothing.
    const again = await setStatus('sihteeri', IDS.legacy, {
      status: 'notDone',
      reason: 'Asia ratkesi muualla.',
    });
    expect(again.body.history).toEqual(dropped.body.history);
    // The history keeps every step, oldest first, with its case link or reason.
    const items = (await secretary().get(listPath())).body as TrackedItem[];
    expect(byId(items, IDS.party)!.history.map((change) => change.status)).toEqual([
      'inProgress',
      'inPreparation',
    ]);
    expect(byId(items, IDS.party)!.history[1]!.caseLink).toEqual(CASE);
    // Every change audited, without its texts.
    const audit = (await chair().get(`/api/groups/${f.groupId}/audit`)).body;
    const entries = audit.entries.filter((e: { action: string }) => e.action === 'followUp.status');
    expect(entries.length).toBeGreaterThanOrEqual(6);
    expect(JSON.stringify(entries)).not.toContain('Asia ratkesi');
  });

  it("a dissent is only open or done, and only its party's people or the organisers close it", async () => {
    const path = `/api/tracked-items/${encodeURIComponent(
      `${meeting.id}:dissent:${IDS.dissent}:${f.partyIds.KESK}`,
    )}/status`;
    expect((await client('kesk.edustaja').put(path, { status: 'inProgress' })).status).toBe(400);
    expect((await client('sdp.edustaja').put(path, { status: 'done' })).status).toBe(403);
    expect((await client('kesk.varajasen').put(path, { status: 'done' })).status).toBe(200);
    expect((await client('sihteeri').put(path, { status: 'open' })).status).toBe(200);
  });

  it('two people changing one follow-up at once: each change numbered once, the newest shown', async () => {
    const results = await Promise.all([
      setStatus('sihteeri', IDS.member, { status: 'inProgress' }),
      setStatus('sdp.edustaja', IDS.member, { status: 'notDone', reason: 'Ei resursseja.' }),
      setStatus('puheenjohtaja', IDS.member, { status: 'done' }),
    ]);
    for (const result of results) expect([200, 409]).toContain(result.status);
    const stored = (await t.server.ctx.repos.trackedItems.changesOf([itemId(IDS.member)])).get(
      itemId(IDS.member),
    )!;
    const seqs = stored.map((change) => change.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(stored.length).toBe(2 + results.filter((result) => result.status === 200).length);
    const item = byId((await secretary().get(listPath())).body, IDS.member)!;
    expect(item.status).toBe(stored.at(-1)!.status);
    expect((await t.server.ctx.repos.trackedItems.findById(itemId(IDS.member)))!.status).toBe(
      stored.at(-1)!.status,
    );
  });

  it('a change made from a page loaded before someone else’s is refused, and stores nothing', async () => {
    const seen = byId((await secretary().get(listPath())).body, IDS.member)!;
    const basedOn = seen.history.length;
    // A real change (the race before may have left it in progress, and the same status again
    // changes nothing).
    const changedTo = seen.status === 'inProgress' ? 'open' : 'inProgress';
    const first = await setStatus('puheenjohtaja', IDS.member, { status: changedTo, basedOn });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    // The secretary's page still shows the item as it was before the chair's change.
    const stale = await setStatus('sihteeri', IDS.member, { status: 'done', basedOn });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toContain('after you loaded it');
    const now = byId((await secretary().get(listPath())).body, IDS.member)!;
    expect(now.status).toBe(changedTo);
    expect(now.history.length).toBe(basedOn + 1);
    // Loaded again, the change goes through; a negative or fractional number is no count.
    const fresh = await setStatus('sihteeri', IDS.member, {
      status: 'done',
      basedOn: now.history.length,
    });
    expect(fresh.status).toBe(200);
    for (const bad of [-1, 1.5, '2'])
      expect(
        (await setStatus('sihteeri', IDS.member, { status: 'open', basedOn: bad })).status,
      ).toBe(400);
  });

  it('the next meeting carries what is still to be done, not what is done or dropped', async () => {
    const next = await chair().post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Seuraava',
      startsAt: '2026-12-21T17:00:00+02:00',
    });
    expect(next.status).toBe(201);
    const carried = (next.body.carried as TrackedItem[]).map((item) => item.id);
    expect(carried).toContain(itemId(IDS.party)); // taken to preparation
    expect(carried).not.toContain(itemId(IDS.legacy)); // will not be done
    const unfinished = (
      await secretary().get(`/api/groups/${f.groupId}/tracked-items?unfinished=true`)
    ).body as TrackedItem[];
    expect(unfinished.every((item) => !['done', 'notDone'].includes(item.status))).toBe(true);
    expect(unfinished.map((item) => item.id)).toContain(itemId(IDS.party));
    expect(
      (await secretary().get(`/api/groups/${f.groupId}/tracked-items?unfinished=1`)).status,
    ).toBe(400);
  });

  it('"Omat jatkotoimet": what the person owns, directly or through their party, late ones marked', async () => {
    const mine = async (who: string) => {
      const answer = await client(who).get('/api/me/follow-ups');
      expect(answer.status).toBe(200);
      return answer.body as (TrackedItem & { groupName: string; overdue: boolean })[];
    };
    // KESK's deputy speaks for KESK: the party's follow-up, with its group named.
    const kesk = await mine('kesk.varajasen');
    expect(kesk.map((item) => item.id)).toEqual([itemId(IDS.party)]);
    expect(kesk[0]).toMatchObject({ groupName: expect.any(String), status: 'inPreparation' });
    // SDP's representative: their own follow-up, and SDP's confidential one (a negotiator).
    const sdp = (await mine('sdp.edustaja')).map((item) => item.id);
    expect(sdp).toEqual(expect.arrayContaining([itemId(IDS.member), itemId(IDS.secret)]));
    expect(sdp).not.toContain(itemId(IDS.party));
    // A reader: only what they may read, never the confidential one, not even as a marker.
    const reader = await mine('sdp.lukija1');
    expect(reader.map((item) => item.id)).toEqual([itemId(IDS.readerOwn)]);
    expect(reader[0]!.overdue).toBe(true);
    expect(JSON.stringify(reader)).not.toContain(CANARY);
    expect(JSON.stringify(reader)).not.toContain(IDS.readerSecret);
    // An owner who may not read it cannot move it either.
    expect((await setStatus('sdp.lukija1', IDS.readerSecret, { status: 'done' })).status).toBe(403);
    expect((await setStatus('sdp.lukija1', IDS.readerOwn, { status: 'done' })).status).toBe(200);
    expect((await mine('sdp.lukija1'))[0]).toMatchObject({ status: 'done', overdue: false });
    // Someone who owns nothing gets an empty list; no session, no list.
    expect(await mine('puheenjohtaja')).toEqual([]);
    const outsider = await outsiderClient(t, `omat.muu.${engine}@example.fi`);
    expect((await outsider.get('/api/me/follow-ups')).body).toEqual([]);
  });

  it('reminds the owners once before the due date and once when late: email and in-app, never to a reader of a closed one', async () => {
    const outbox = () =>
      t.server.ctx.db
        .collection<{ _id: string; key: string; to: string; subject: string; text: string }>(
          'outbox',
        )
        .find({});
    const reminderMails = async () =>
      (await outbox()).filter((mail) => mail.key.startsWith('followUpReminder:'));
    const emailOf = async (who: string) => (await client(who).get('/api/me')).body.email as string;
    const events: MeetingEvent[] = [];
    const unsubscribe = t.server.ctx.events.subscribe((event) => events.push(event));
    // KESK's deputy wants no email: the in-app notice only.
    expect(
      (await client('kesk.varajasen').patch('/api/me', { emailPreference: 'none' })).status,
    ).toBe(200);
    try {
      // 9.1.2027: SDP's confidential follow-up is due on 10.1. (and the reader's on 11.1.).
      const soon = new Date('2027-01-09T10:00:00Z');
      const passes = await Promise.all([
        sendFollowUpReminders(t.server.ctx, soon),
        sendFollowUpReminders(t.server.ctx, soon),
      ]);
      expect(passes.reduce((a, b) => a + b, 0)).toBe(1);
      expect(await sendFollowUpReminders(t.server.ctx, soon)).toBe(0);
      let mails = await reminderMails();
      // Those who speak for SDP: its representative and its deputy.
      expect(mails.map((mail) => mail.to).sort()).toEqual([
        await emailOf('sdp.edustaja'),
        'sdp.varajasen@demo.example',
      ]);
      // Confidential: link only, not a word of it.
      expect(mails[0]!.subject).toMatch(/^Jatkotoimen määräaika lähestyy: ./);
      expect(mails[0]!.text).toContain('10.1.2027');
      expect(mails[0]!.text).toContain('/my-follow-ups');
      expect(mails[0]!.text).not.toContain(CANARY);
      await vi.waitFor(() =>
        expect(events.filter((event) => event.type === 'followUpReminder')).toHaveLength(1),
      );

      // 1.2.2027: KESK's follow-up (due 31.1., taken to preparation, not finished) is late.
      const late = new Date('2027-02-01T10:00:00Z');
      expect(await sendFollowUpReminders(t.server.ctx, late)).toBe(2);
      mails = await reminderMails();
      // KESK's deputy chose no email: only the representative's.
      const keskMail = mails.find((mail) => mail.key.includes(IDS.party))!;
      expect(keskMail.to).toBe(await emailOf('kesk.edustaja'));
      expect(keskMail.subject).toMatch(/^Jatkotoimi on myöhässä: /);
      expect(keskMail.text).toContain('Keskusta selvittää rahoituksen.');
      expect(mails.filter((mail) => mail.key.includes(IDS.party))).toHaveLength(1);
      await vi.waitFor(() =>
        expect(events.filter((event) => event.type === 'followUpReminder')).toHaveLength(3),
      );
      const keskNotice = events.find(
        (event) => event.type === 'followUpReminder' && event.notice.itemId === itemId(IDS.party),
      );
      expect(keskNotice).toMatchObject({
        userIds: expect.arrayContaining([userIds['kesk.edustaja'], userIds['kesk.varajasen']]),
        notice: { kind: 'overdue', due: '2027-01-31' },
      });
      // The reader owns a confidential follow-up due 11.1.: not a mail, not a notice, not a word.
      const readerEmail = await emailOf('sdp.lukija1');
      expect(mails.filter((mail) => mail.to === readerEmail)).toEqual([]);
      for (const event of events) {
        if (event.type === 'followUpReminder')
          expect(event.userIds).not.toContain(userIds['sdp.lukija1']);
      }
      expect(JSON.stringify(events)).not.toContain(CANARY);
      expect(JSON.stringify(await outbox())).not.toContain(CANARY);
    } finally {
      unsubscribe();
      await client('kesk.varajasen').patch('/api/me', { emailPreference: 'all' });
    }
  });

  it('CSV for Finnish Excel: negotiators get every follow-up, readers the redacted edition', async () => {
    const groupCsv = (who: string) =>
      client(who).get<string>(`/api/groups/${f.groupId}/follow-ups/export`);
    const full = await groupCsv('sihteeri');
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(full.headers.get('content-disposition')).toMatch(
      /^attachment; filename="jatkotoimet-[0-9a-f-]+-\d{4}-\d{2}-\d{2}\.csv"$/,
    );
    const [header, ...rows] = parseSpreadsheetCsv(full.body.replace(/^\uFEFF/, ''));
    expect(header).toEqual([
      'Kokous',
      'Muistion versio',
      'Asia',
      'Jatkotoimi',
      'Vastuu',
      'Määräaika',
      'Tila',
      'Valtuuston asia',
      'Perustelu',
      'Luottamuksellisuus',
    ]);
    const party = rows.find((row) => row[3] === 'Keskusta selvittää rahoituksen.')!;
    expect(party.slice(4, 8)).toEqual([
      'Suomen Keskusta',
      '31.1.2027',
      'Viety valmisteluun',
      'Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026 https://kunta.example/kh/2027-01-12/14',
    ]);
    expect(full.body).toContain(CANARY);

    const redacted = await groupCsv('sdp.lukija1');
    expect(redacted.status).toBe(200);
    expect(redacted.body).toContain('Keskusta selvittää rahoituksen.');
    expect(redacted.body).not.toContain(CANARY);
    const mine = await client('sdp.lukija1').get<string>('/api/me/follow-ups/export');
    expect(mine.status).toBe(200);
    expect(mine.body).toContain('Lukija välittää tiedon ryhmälleen.');
    expect(mine.body).not.toContain(CANARY);
    expect(parseSpreadsheetCsv(mine.body.replace(/^\uFEFF/, ''))[0]![0]).toBe('Ryhmä');

    const outsider = await outsiderClient(t, `csv.muu.${engine}@example.fi`);
    expect([403, 404]).toContain(
      (await outsider.get(`/api/groups/${f.groupId}/follow-ups/export`)).status,
    );
  });
});
