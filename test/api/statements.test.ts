import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConsentNotice, ConsentView, StatementView } from '../../shared/api/consent';
import type { AuditEntry } from '../../shared/audit';
import { statementRoomName } from '../../shared/statements/format';
import { sendDueReminders } from '../../server/consent/reminders';
import type { ApiClient } from '../support/apiClient';
import { connectEditor } from '../support/collabClient';
import {
  consentAs,
  PARTIES,
  REPRESENTATIVES,
  representative as rep,
} from '../support/consentParties';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { readPdf } from '../support/pdfText';
import { openSocket, socketConnected, type ClientSocket } from '../support/socketClient';
import { appendToStatement, writeStatement } from '../support/statementWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// Joint statements and the unanimity gate (issue 5): seven parties, each answering only through
// its own representatives and deputies; released only when all seven consent.

/** The demo's deputies: KESK, SDP and KOK have one. */
const DEPUTIES = ['kesk.varajasen', 'sdp.varajasen', 'kok.varajasen'];
const READER = 'sdp.lukija1';
const PEOPLE = ['varapuheenjohtaja', 'sihteeri', ...REPRESENTATIVES, ...DEPUTIES, READER];
const email = (who: string) => `${who}@demo.example`;
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe.each(ENGINES)('joint statements and the unanimity gate on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  const sockets: ClientSocket[] = [];
  const client = (who: string): ApiClient => f.clients[who]!;
  const partyOf = (party: string) => f.partyIds[party]!;

  beforeAll(async () => {
    // A short reminder interval, so that the scheduler runs many times during the tests.
    t = await startTestServer({
      seedDemo: true,
      engine,
      env: { CONSENT_REMINDER_INTERVAL_MS: '50' },
    });
    f = await memoFixture(t, PEOPLE);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect();
    await t.close();
  });

  async function socketOf(who: string): Promise<ClientSocket> {
    const socket = openSocket(t.url, f.cookie(who));
    sockets.push(socket);
    await socketConnected(socket);
    return socket;
  }

  async function newStatement(title: string, text?: string, by = 'sihteeri'): Promise<string> {
    const created = await client(by).post(`/api/groups/${f.groupId}/statements`, { title });
    expect(created.status).toBe(201);
    const id = (created.body as StatementView).id;
    if (text !== undefined) await writeStatement(t.url, f.cookie(by), id, text);
    return id;
  }

  async function inConsent(title: string, text: string, body: object = {}): Promise<string> {
    const id = await newStatement(title, text);
    const put = await client('sihteeri').post(`/api/statements/${id}/consent`, body);
    expect(put.status).toBe(200);
    expect((put.body as StatementView).status).toBe('in_consent');
    return id;
  }

  const answer = (who: string, id: string, body: object) =>
    client(who).post<ConsentView>(`/api/consent/${id}/answers`, body);

  const consent = (who: string, id: string, round = 1) => consentAs(f, who, id, round);

  async function gate(id: string, who = 'puheenjohtaja'): Promise<ConsentView> {
    const response = await client(who).get<ConsentView>(`/api/consent/${id}`);
    expect(response.status).toBe(200);
    return response.body;
  }

  async function audit(): Promise<AuditEntry[]> {
    const response = await client('puheenjohtaja').get(
      `/api/groups/${f.groupId}/audit/export?format=json`,
    );
    expect(response.status).toBe(200);
    return response.body.entries as AuditEntry[];
  }

  const mailsAbout = (id: string) => t.mail.messages.filter((mail) => mail.text.includes(id));

  it('six consents release nothing; the seventh releases the frozen words and locks the room', async () => {
    const title = 'Yhteinen kannanotto kouluverkosta';
    const text = 'Neuvotteluryhmä pitää kouluverkon säilyttämistä tärkeänä.';
    const id = await newStatement(title, text);
    const put = await client('sihteeri').post<StatementView>(`/api/statements/${id}/consent`, {});
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ status: 'in_consent', round: 1, outcome: 'pending' });
    const roundHash = put.body.consent.rounds[0]!.hash;
    expect(roundHash).toMatch(/^[0-9a-f]{64}$/);
    expect(put.body.hash).toBe(roundHash);

    // Every party's speakers are asked, with a link only.
    for (const who of [...REPRESENTATIVES, ...DEPUTIES]) {
      const mail = await t.mail.waitFor((m) => m.to.includes(email(who)) && m.text.includes(id));
      expect(mail.text).not.toContain(title);
      expect(mail.text).not.toContain(text);
    }

    // The KESK deputy answers for KESK; five more representatives.
    const six = ['kesk.varajasen', ...REPRESENTATIVES.slice(1, 6)];
    for (const who of six) {
      const view = await consent(who, id);
      expect(view.status, who).toBe('in_consent');
      expect(view.state?.outcome, who).toBe('pending');
    }
    const pending = await gate(id);
    expect(pending.status).toBe('in_consent');
    expect(pending.state?.outcome).toBe('pending');
    const consented = pending.state!.perParty.filter((party) => party.status === 'consented');
    expect(consented.map((party) => party.partyId).sort()).toEqual(
      PARTIES.slice(0, 6).map(partyOf).sort(),
    );
    const before = await client('sihteeri').get<StatementView>(`/api/statements/${id}`);
    expect(before.body).toMatchObject({ status: 'in_consent', released: null });
    // Nothing of it reaches a reader or the public yet.
    expect((await client(READER).get(`/api/statements/${id}`)).status).toBe(404);
    expect((await client(READER).get(`/api/statements/${id}/export.pdf`)).status).toBe(404);
    const feed = await fetch(new URL(`/api/public/groups/${f.groupId}/feed`, t.url));
    expect(await feed.text()).not.toContain(text);

    // The seventh.
    const last = await consent(rep('VIHR'), id);
    expect(last.status).toBe('released');
    expect(last.releasedAt).not.toBeNull();
    const released = await client('sihteeri').get<StatementView>(`/api/statements/${id}`);
    expect(released.body.status).toBe('released');
    expect(released.body.released?.hash).toBe(roundHash);
    expect(released.body.released?.round).toBe(1);
    expect(released.body.released?.title).toBe(title);
    expect(JSON.stringify(released.body.released?.content)).toContain(text);

    // Readers and the public have it now.
    const forReader = await client(READER).get(`/api/statements/${id}`);
    expect(forReader.status).toBe(200);
    expect(forReader.body).toMatchObject({ id, title, hash: roundHash, round: 1 });
    expect(forReader.body).not.toHaveProperty('consent');
    const list = await client(READER).get(`/api/groups/${f.groupId}/statements`);
    expect(list.body.map((s: { id: string }) => s.id)).toContain(id);
    const publicFeed = await fetch(new URL(`/api/public/groups/${f.groupId}/feed`, t.url));
    expect(await publicFeed.text()).toContain(text);

    // The PDF: title, words and the full checksum, the same bytes every time.
    const pdf = await fetch(new URL(`/api/statements/${id}/export.pdf?lang=fi`, t.url), {
      headers: { cookie: f.cookie(READER) },
    });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^attachment; filename="kannanotto-\d{4}-\d{2}-\d{2}\.pdf"$/,
    );
    const bytes = Buffer.from(await pdf.arrayBuffer());
    const readout = await readPdf(bytes);
    expect(readout.text).toContain(title);
    expect(readout.text).toContain(text);
    expect(readout.text).toContain(roundHash);
    expect(readout.text).toContain('Julkaistu kaikkien puolueiden suostumuksella'.toUpperCase());
    const again = await fetch(new URL(`/api/statements/${id}/export.pdf?lang=fi`, t.url), {
      headers: { cookie: f.cookie('sihteeri') },
    });
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);

    // Frozen: the room is read-only for everyone, and no more answers are taken.
    const editor = connectEditor(t.url, statementRoomName(id), f.cookie('sihteeri'));
    try {
      await editor.settled();
      expect(editor.access).toEqual({ mode: 'read', reason: 'locked' });
    } finally {
      editor.destroy();
    }
    expect(
      (await answer(rep('KESK'), id, { round: 1, answer: 'object', reason: 'x' })).status,
    ).toBe(409);
    const entries = await audit();
    const releases = entries.filter(
      (entry) => entry.action === 'consent.release' && entry.target.id === id,
    );
    expect(releases).toHaveLength(1);
    expect(releases[0]!.details).toMatchObject({ round: 1, hash: roundHash });
    expect(
      entries.filter((entry) => entry.action === 'consent.answer' && entry.target.id === id),
    ).toHaveLength(7);
    // The title never went into the audit log before (or after) release.
    expect(JSON.stringify(entries)).not.toContain(title);
    // Every negotiator hears of the release (a link only).
    const releasedMail = await t.mail.waitFor(
      (m) =>
        m.to.includes(email('puheenjohtaja')) &&
        m.text.includes(id) &&
        /suostuivat/.test(m.subject),
    );
    expect(releasedMail.text).not.toContain(text);
  });

  it('locks the text in consent; "edit" withdraws the consents once; typing then putting it again is one new round', async () => {
    const title = 'Kannanotto liikenteestä';
    const id = await inConsent(title, 'Joukkoliikennettä on kehitettävä.');
    const kesk = await socketOf(rep('KESK'));
    const notices: ConsentNotice[] = [];
    kesk.on('consentNotice', (notice) => notices.push(notice));
    const changed: string[] = [];
    kesk.on('consentChanged', (requestId) => changed.push(requestId));

    await consent(rep('KESK'), id);
    await consent('sdp.varajasen', id);
    expect((await gate(id)).state?.perParty.filter((p) => p.status === 'consented')).toHaveLength(
      2,
    );

    // In consent nobody types into it: the words are what the parties consent to.
    await expect(
      appendToStatement(t.url, f.cookie('varapuheenjohtaja'), id, 'Lipsahdus.'),
    ).rejects.toThrow(/read-only here \(locked\)/);
    expect((await gate(id)).round).toBe(1);

    // "Edit" needs the open round the caller saw, and a negotiator; readers learn nothing.
    const edit = (who: string, body: object) =>
      client(who).post<StatementView>(`/api/statements/${id}/edit`, body);
    expect((await edit('varapuheenjohtaja', { round: 2 })).status).toBe(409);
    expect((await edit(READER, { round: 1 })).status).toBe(404);
    for (const body of [
      {},
      { round: '1' },
      { round: 0 },
      { round: 1, x: 1 },
      { round: { $gt: 0 } },
    ])
      expect((await edit('varapuheenjohtaja', body)).status, JSON.stringify(body)).toBe(400);
    expect((await gate(id)).status).toBe('in_consent');

    const opened = await edit('varapuheenjohtaja', { round: 1 });
    expect(opened.status).toBe(200);
    expect(opened.body).toMatchObject({ status: 'editing', round: 1 });
    expect(opened.body.consent.state).toBeNull();
    expect(opened.body.consent.rounds).toHaveLength(1);
    expect(opened.body.consent.rounds[0]!.end).toMatchObject({
      cause: 'edited',
      by: { name: expect.any(String) },
      withdrawn: [partyOf('KESK'), partyOf('SDP')].sort(),
    });
    // A second press, or an answer meanwhile, finds no open round.
    expect((await edit('sihteeri', { round: 1 })).status).toBe(409);
    expect((await answer(rep('PS'), id, { round: 1, answer: 'consent' })).status).toBe(409);

    // Typing: many stored batches, and not one round more.
    const added = ['Myös pyöräteitä.', 'Ja kävelyä.', 'Sekä raiteita.', 'Ja laitureita.'];
    for (const text of added) await appendToStatement(t.url, f.cookie(rep('KOK')), id, text);
    const editing = await gate(id);
    expect(editing).toMatchObject({ status: 'editing', round: 1 });
    expect(editing.rounds).toHaveLength(1);

    // KESK hears it in the app and by email (the SDP deputy, whose consent it was, too).
    await vi.waitFor(() => {
      expect(notices.some((n) => n.kind === 'withdrawn' && n.requestId === id)).toBe(true);
      expect(changed).toContain(id);
    });
    expect(notices.find((n) => n.kind === 'withdrawn')).toMatchObject({
      round: 1,
      groupId: f.groupId,
    });
    for (const who of [rep('KESK'), 'kesk.varajasen', rep('SDP'), 'sdp.varajasen']) {
      const mail = await t.mail.waitFor(
        (m) => m.to.includes(email(who)) && m.text.includes(id) && /raukesi/.test(m.subject),
      );
      expect(mail.text).not.toContain(added[0]);
      expect(mail.text).not.toContain(title);
    }
    // Parties that had not consented lost nothing and get no withdrawal email.
    expect(
      mailsAbout(id).some((m) => m.to.includes(email(rep('PS'))) && /raukesi/.test(m.subject)),
    ).toBe(false);
    const withdrawals = (await audit()).filter(
      (entry) => entry.action === 'consent.withdraw' && entry.target.id === id,
    );
    expect(withdrawals).toHaveLength(1);
    expect(withdrawals[0]!.details).toMatchObject({
      round: 1,
      cause: 'edited',
      parties: [partyOf('KESK'), partyOf('SDP')].sort().join(','),
    });
    expect(withdrawals[0]!.actor?.name).toBeTruthy();

    // Put to consent again: exactly one new round, with the words as typed.
    const again = await client('sihteeri').post<StatementView>(`/api/statements/${id}/consent`, {});
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ status: 'in_consent', round: 2 });
    const after = again.body.consent;
    expect(after.rounds).toHaveLength(2);
    expect(after.rounds[1]).toMatchObject({ round: 2, cause: 'request', end: null, withdrawn: [] });
    expect(after.rounds[1]!.by?.name).toBeTruthy();
    expect(after.rounds[1]!.hash).not.toBe(after.rounds[0]!.hash);
    expect(after.rounds[1]!.partyIds).toHaveLength(PARTIES.length);
    expect(after.state?.perParty.every((party) => party.status === 'no_answer')).toBe(true);
    for (const text of added) expect(JSON.stringify(again.body.content)).toContain(text);
    // The history keeps the consents to the old words.
    expect(after.history.filter((a) => a.round === 1)).toHaveLength(2);
    expect((await client('sihteeri').post(`/api/statements/${id}/consent`, {})).status).toBe(409);

    // An answer to the old words is stale; the new round is answered, and released whole.
    expect((await answer(rep('KESK'), id, { round: 1, answer: 'consent' })).status).toBe(409);
    for (const who of REPRESENTATIVES) await consent(who, id, 2);
    const released = await client('sihteeri').get<StatementView>(`/api/statements/${id}`);
    expect(released.body).toMatchObject({ status: 'released', round: 2 });
    expect(released.body.released?.round).toBe(2);
    expect(released.body.released?.hash).toBe(after.rounds[1]!.hash);
    // Released: no more editing.
    expect((await edit('sihteeri', { round: 2 })).status).toBe(409);
  });

  it('one objection keeps it unreleased and shows the party and reasons to negotiators only', async () => {
    const id = await inConsent('Kannanotto verotuksesta', 'Veroprosenttia ei koroteta.');
    const reason = 'Emme voi sitoutua veroprosenttiin ennen talousarviota.';
    const objected = await answer(rep('PS'), id, { round: 1, answer: 'object', reason });
    expect(objected.status).toBe(200);
    expect(objected.body.state?.outcome).toBe('blocked');
    for (const who of REPRESENTATIVES.filter((r) => r !== rep('PS'))) await consent(who, id);

    const blocked = await gate(id, 'sihteeri');
    expect(blocked.status).toBe('in_consent');
    expect(blocked.state?.outcome).toBe('blocked');
    expect(blocked.state?.objections).toEqual([
      expect.objectContaining({ partyId: partyOf('PS'), reason }),
    ]);
    // Negotiators are told of the objection, without its reasons.
    const mail = await t.mail.waitFor(
      (m) =>
        m.to.includes(email('puheenjohtaja')) && m.text.includes(id) && /vastusti/.test(m.subject),
    );
    expect(mail.text).not.toContain(reason);
    // Readers get nothing; the reason is in no audit entry.
    expect((await client(READER).get(`/api/consent/${id}`)).status).toBe(404);
    expect((await client(READER).get(`/api/statements/${id}`)).status).toBe(404);
    expect(JSON.stringify(await audit())).not.toContain(reason);

    // A later answer replaces the earlier one; the history keeps both.
    const changedMind = await consent(rep('PS'), id);
    expect(changedMind.status).toBe('released');
    const psAnswers = changedMind.history.filter((a) => a.partyId === partyOf('PS'));
    expect(psAnswers.map((a) => a.answer)).toEqual(['object', 'consent']);
    expect(psAnswers[0]!.reason).toBe(reason);
  });

  it('asking for time needs a future deadline and shows it', async () => {
    const id = await inConsent('Kannanotto kaavoituksesta', 'Kaavoitus etenee.');
    const deadline = new Date(Date.now() + 3 * 24 * 3_600_000).toISOString();
    const asked = await answer(rep('VAS'), id, { round: 1, answer: 'time', deadline });
    expect(asked.status).toBe(200);
    const vas = asked.body.state?.perParty.find((p) => p.partyId === partyOf('VAS'));
    expect(vas).toMatchObject({ status: 'asked_time', deadline });
    expect(asked.body.state?.outcome).toBe('pending');
    // No deadline, a past one, or a deadline on a consent: refused.
    expect((await answer(rep('VAS'), id, { round: 1, answer: 'time' })).status).toBe(400);
    const past = new Date(Date.now() - 60_000).toISOString();
    expect(
      (await answer(rep('VAS'), id, { round: 1, answer: 'time', deadline: past })).status,
    ).toBe(400);
    expect((await answer(rep('VAS'), id, { round: 1, answer: 'consent', deadline })).status).toBe(
      400,
    );
  });

  it('a representative of one party cannot answer for another; the attempt is audited', async () => {
    const id = await inConsent('Kannanotto sivistystoimesta', 'Kirjastot pysyvät auki.');
    const asSdp = { round: 1, answer: 'consent', partyId: partyOf('SDP') };
    const rest = await answer(rep('KESK'), id, asSdp);
    expect(rest.status).toBe(403);

    const refused = (await audit()).filter(
      (entry) => entry.action === 'consent.refused' && entry.target.id === id,
    );
    expect(refused.map((entry) => entry.details.channel)).toEqual(['rest']);
    for (const entry of refused) {
      expect(entry.details).toMatchObject({
        partyId: partyOf('SDP'),
        callerPartyId: partyOf('KESK'),
      });
    }
    // Nothing was stored for SDP.
    expect((await gate(id)).history).toEqual([]);

    // The chair, vice-chair and secretary speak for no party; a reader learns nothing.
    for (const who of ['puheenjohtaja', 'varapuheenjohtaja', 'sihteeri']) {
      expect((await answer(who, id, { round: 1, answer: 'consent' })).status, who).toBe(403);
      expect((await answer(who, id, asSdp)).status, who).toBe(403);
    }
    expect((await answer(READER, id, { round: 1, answer: 'consent' })).status).toBe(404);
    expect((await answer(READER, id, asSdp)).status).toBe(404);
    expect((await gate(id)).history).toEqual([]);

    // Their own party's answer is taken.
    const own = await answer(rep('KESK'), id, { round: 1, answer: 'consent' });
    expect(own.status).toBe(200);
    expect((await gate(id)).history).toEqual([
      expect.objectContaining({ partyId: partyOf('KESK'), answer: 'consent' }),
    ]);
  });

  it('refuses stale rounds, unknown requests and malformed or injected bodies', async () => {
    const id = await inConsent('Kannanotto hyvinvointialueesta', 'Yhteistyö jatkuu.');
    const kesk = rep('KESK');
    expect((await answer(kesk, id, { round: 2, answer: 'consent' })).status).toBe(409);
    expect((await answer(kesk, UNKNOWN_ID, { round: 1, answer: 'consent' })).status).toBe(404);
    expect((await answer(kesk, 'not-an-id', { round: 1, answer: 'consent' })).status).toBe(404);
    const bad: unknown[] = [
      {},
      { round: 1 },
      { round: 1, answer: 'maybe' },
      { round: '1', answer: 'consent' },
      { round: 0, answer: 'consent' },
      { round: { $gt: 0 }, answer: 'consent' },
      { round: 1, answer: { $ne: 'object' } },
      { round: 1, answer: 'consent', $set: { answer: 'consent' } },
      { round: 1, answer: 'consent', partyId: { $ne: null } },
      { round: 1, answer: 'consent', userId: UNKNOWN_ID },
      { round: 1, answer: 'object' },
      { round: 1, answer: 'object', reason: 'x'.repeat(4001) },
      [{ round: 1, answer: 'consent' }],
    ];
    for (const body of bad) {
      expect((await answer(kesk, id, body as object)).status, JSON.stringify(body)).toBe(400);
    }
    const raw = await client(kesk).request('POST', `/api/consent/${id}/answers`, undefined, {
      raw: '{"round":1,"answer":',
    });
    expect(raw.status).toBe(400);
  });

  it('drafts are for negotiators: readers get 404 and the list lacks them; drafts only are renamed', async () => {
    const title = 'Luonnos: kannanotto kaavasta';
    const id = await newStatement(title);
    expect((await client(READER).get(`/api/statements/${id}`)).status).toBe(404);
    expect((await client(READER).get(`/api/consent/${id}`)).status).toBe(404);
    expect((await client(READER).patch(`/api/statements/${id}`, { title: 'x' })).status).toBe(404);
    expect((await client(READER).post(`/api/statements/${id}/consent`, {})).status).toBe(404);
    const readerList = await client(READER).get(`/api/groups/${f.groupId}/statements`);
    expect(readerList.status).toBe(200);
    expect(readerList.body.map((s: { id: string }) => s.id)).not.toContain(id);
    expect(JSON.stringify(readerList.body)).not.toContain(title);
    const negotiatorList = await client(rep('KD')).get(`/api/groups/${f.groupId}/statements`);
    expect(negotiatorList.body).toContainEqual(
      expect.objectContaining({ id, title, status: 'draft', round: null }),
    );
    expect(
      (await client(READER).post(`/api/groups/${f.groupId}/statements`, { title: 'x' })).status,
    ).toBe(403);

    // A draft with no words cannot be put to consent; a draft is answered by nobody.
    expect((await client('sihteeri').post(`/api/statements/${id}/consent`, {})).status).toBe(409);
    expect((await answer(rep('KD'), id, { round: 1, answer: 'consent' })).status).toBe(409);
    const renamed = await client(rep('KD')).patch(`/api/statements/${id}`, {
      title: 'Uusi otsikko',
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body.title).toBe('Uusi otsikko');

    await writeStatement(t.url, f.cookie(rep('KD')), id, 'Teksti.');
    expect((await client('sihteeri').post(`/api/statements/${id}/consent`, {})).status).toBe(200);
    expect((await client('sihteeri').post(`/api/statements/${id}/consent`, {})).status).toBe(409);
    expect(
      (await client(rep('KD')).patch(`/api/statements/${id}`, { title: 'Myöhään' })).status,
    ).toBe(409);
    // Taken back for editing, it may be renamed again (the parties consent to the title too).
    expect((await client(rep('KD')).post(`/api/statements/${id}/edit`, { round: 1 })).status).toBe(
      200,
    );
    expect(
      (await client(rep('KD')).patch(`/api/statements/${id}`, { title: 'Muokattu otsikko' }))
        .status,
    ).toBe(200);
    expect(
      (await client('sihteeri').post(`/api/statements/${id}/consent`, { $set: 1 })).status,
    ).toBe(400);
  });

  it('ties a statement to a meeting and agenda item of the group only', async () => {
    const meeting = await f.newMeeting('Kannanoton kokous');
    const item = meeting.agenda[0]!.id;
    const path = `/api/groups/${f.groupId}/statements`;
    const tied = await client('sihteeri').post(path, {
      title: 'Sidottu',
      meetingId: meeting.id,
      agendaItemId: item,
    });
    expect(tied.status).toBe(201);
    expect(tied.body).toMatchObject({ meetingId: meeting.id, agendaItemId: item, status: 'draft' });
    const wrong = [
      { title: 'x', meetingId: UNKNOWN_ID },
      { title: 'x', meetingId: meeting.id, agendaItemId: UNKNOWN_ID },
      { title: 'x', agendaItemId: item },
    ];
    for (const body of wrong)
      expect((await client('sihteeri').post(path, body)).status, JSON.stringify(body)).toBe(404);
    expect((await client('sihteeri').post(path, { title: '' })).status).toBe(400);
    expect((await client('sihteeri').post(path, { title: { $ne: '' } })).status).toBe(400);
    const audited = (await audit()).find(
      (entry) => entry.action === 'statement.create' && entry.target.id === tied.body.id,
    );
    expect(audited?.details).toMatchObject({ meetingId: meeting.id, agendaItemId: item });
    expect(JSON.stringify(audited)).not.toContain('Sidottu');
  });

  it('reminds each party once before the deadline, however often the scheduler runs', async () => {
    const deadline = new Date(Date.now() + 3_600_000).toISOString();
    const id = await inConsent('Kannanotto määräajalla', 'Määräaika lähestyy.', { deadline });
    expect((await gate(id)).deadline).toBe(deadline);
    const reminded = [...REPRESENTATIVES, ...DEPUTIES];
    const isReminder = (who: string) => (m: { to: string[]; text: string; subject: string }) =>
      m.to.includes(email(who)) && m.text.includes(id) && /Muistutus/.test(m.subject);
    for (const who of reminded) await t.mail.waitFor(isReminder(who));
    // Twice more, by hand: every reminder is claimed already.
    expect(await sendDueReminders(t.server.ctx)).toBe(0);
    expect(await sendDueReminders(t.server.ctx)).toBe(0);
    for (const who of reminded) {
      expect(t.mail.messages.filter(isReminder(who)), who).toHaveLength(1);
    }
    expect(t.mail.messages.some(isReminder(READER))).toBe(false);
  });
});
