import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { AuditEntry } from '../../shared/audit';
import { COLLAB_CLOSE } from '../../shared/memo/protocol';
import type { ConsentView, StatementView } from '../../shared/api/consent';
import {
  statementContent,
  statementFragment,
  statementPlainText,
  statementRoomName,
} from '../../shared/statements/format';
import { hashPassword } from '../../server/auth/passwords';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { auditEntryWhere } from '../support/auditLog';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { consentAs, REPRESENTATIVES } from '../support/consentParties';
import { ENGINES } from '../support/engines';
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
import { statementParagraph, writeStatement } from '../support/statementWriter';
import { startTestServer, type TestServer } from '../support/testServer';

// A joint statement's live text (issue 5): co-edited like the memo through the same write
// pipeline, closed to readers, and never a place where consent can be written.

const PEOPLE = ['sihteeri', ...REPRESENTATIVES, 'sdp.varajasen', 'kesk.lukija1'];

const textOf = (doc: Y.Doc) => statementPlainText(statementContent(doc));

describe.each(ENGINES)('live co-editing of joint statements on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let outsider: ApiClient;
  const editors: CollabEditor[] = [];
  const raws: RawCollabClient[] = [];
  const editor = (statementId: string, who: string) => {
    const opened = connectEditor(t.url, statementRoomName(statementId), f.cookie(who));
    editors.push(opened);
    return opened;
  };
  const raw = async (statementId: string, who: string) => {
    const opened = await connectRaw(t.url, statementRoomName(statementId), f.cookie(who));
    raws.push(opened);
    return opened;
  };

  async function newStatement(title = 'Yhteinen kannanotto kouluverkosta'): Promise<string> {
    const created = await f.clients.sihteeri!.post<StatementView>(
      `/api/groups/${f.groupId}/statements`,
      { title },
    );
    expect(created.status).toBe(201);
    return created.body.id;
  }

  /** Waits until an entry matching `match` is in the log (the room audits after refusing). */
  const refusalWhere = (match: (entry: AuditEntry) => boolean) =>
    auditEntryWhere(f.clients.puheenjohtaja!, f.groupId, match);

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    // Someone with an account but no membership in the group, set up as the admin CLI would.
    const repos = t.server.ctx.repos;
    await repos.users.create({
      email: 'ulkopuolinen@example.fi',
      name: 'Ulla Ulkopuolinen',
      passwordHash: await hashPassword(DEMO_PASSWORD),
      locale: 'fi',
    });
    outsider = new ApiClient(t.url);
    await outsider.login('ulkopuolinen@example.fi', DEMO_PASSWORD);
  });
  afterAll(async () => {
    for (const opened of editors) opened.destroy();
    await Promise.all(raws.map((client) => client.close()));
    await t.close();
  });

  it('lets negotiators of different parties co-edit live until they converge', async () => {
    const statementId = await newStatement();
    const kesk = editor(statementId, 'kesk.edustaja');
    const sdp = editor(statementId, 'sdp.edustaja');
    await Promise.all([kesk.settled(), sdp.settled()]);
    expect(kesk.access).toEqual({ mode: 'write', reason: null });
    expect(sdp.access).toEqual({ mode: 'write', reason: null });

    // Both type at once, each into a paragraph of their own, then into each other's.
    statementFragment(kesk.doc).insert(0, [statementParagraph('Keskustan lause. ')]);
    statementFragment(sdp.doc).insert(0, [statementParagraph('SDP:n lause. ')]);
    await waitUntil(
      () =>
        kesk.allSaved() &&
        sdp.allSaved() &&
        statementFragment(kesk.doc).length === 2 &&
        textOf(kesk.doc) === textOf(sdp.doc),
      10_000,
      'both paragraphs everywhere',
    );
    const typeAtEnd = (doc: Y.Doc, index: number, text: string) => {
      const paragraph = statementFragment(doc).get(index) as Y.XmlElement;
      const content = paragraph.get(0) as Y.XmlText;
      content.insert(content.length, text, {});
    };
    for (let i = 0; i < 10; i++) {
      typeAtEnd(kesk.doc, 1, `k${i}`);
      typeAtEnd(sdp.doc, 0, `s${i}`);
    }
    await waitUntil(
      () => kesk.allSaved() && sdp.allSaved() && textOf(kesk.doc) === textOf(sdp.doc),
      10_000,
      'convergence',
    );
    const text = textOf(kesk.doc);
    for (const word of ['Keskustan lause.', 'SDP:n lause.']) expect(text).toContain(word);
    for (let i = 0; i < 10; i++) {
      expect(text).toContain(`k${i}`);
      expect(text).toContain(`s${i}`);
    }

    // What the editors were told is saved is what the log holds.
    const stored = new Y.Doc();
    Y.applyUpdate(
      stored,
      await serverState(t.url, statementRoomName(statementId), f.cookie('sihteeri')),
    );
    expect(statementContent(stored)).toEqual(statementContent(kesk.doc));
  });

  it('stores an update before it relays it to the other editors', async () => {
    const statementId = await newStatement();
    const room = statementRoomName(statementId);
    const collabLog = t.server.ctx.repos.collabLog;
    // Watch (not replace) the log's append: how many entries of this room are stored so far.
    let storedEntries = 0;
    const append = collabLog.append.bind(collabLog);
    collabLog.append = async (...args: Parameters<typeof append>) => {
      const stored = await append(...args);
      if (stored && args[0] === room) storedEntries += 1;
      return stored;
    };
    try {
      const writer = await raw(statementId, 'kesk.edustaja');
      const watcher = await raw(statementId, 'sdp.varajasen');
      // Runs after the client's own handler has taken the frame in.
      let storedWhenRelayed: number | null = null;
      watcher.ws.on('message', () => {
        if (watcher.relayed.length > 0) storedWhenRelayed ??= storedEntries;
      });
      const before = storedEntries;
      const update = updateFrom(writer, (doc) =>
        statementFragment(doc).insert(0, [statementParagraph('Tallennetaan ensin.')]),
      );
      Y.applyUpdate(writer.doc, update);
      writer.sendUpdate(update);
      await waitUntil(() => watcher.relayed.length === 1, 5_000, 'the update relayed');
      await waitUntil(() => savedCovers(writer), 5_000, 'saved');
      // When the other editor saw the update, the log held it.
      expect(storedWhenRelayed).toBe(before + 1);
      expect(textOf(watcher.doc)).toBe('Tallennetaan ensin.');
    } finally {
      collabLog.append = append;
    }
  });

  it('refuses the upgrade for readers, non-members and unknown statements', async () => {
    const statementId = await newStatement();
    await writeStatement(t.url, f.cookie('sihteeri'), statementId, 'Luonnos, ei lukijoille.');
    const room = statementRoomName(statementId);
    const own = { Origin: t.url };
    expect(await upgradeStatus(t.url, room, { ...own, Cookie: f.cookie('kesk.lukija1') })).toBe(
      403,
    );
    // Another group's statement answers like one that does not exist.
    expect(await upgradeStatus(t.url, room, { ...own, Cookie: outsider.sessionCookie ?? '' })).toBe(
      404,
    );
    expect(await upgradeStatus(t.url, room, own)).toBe(401);
    const chair = { ...own, Cookie: f.cookie('puheenjohtaja') };
    expect(await upgradeStatus(t.url, statementRoomName('no-such-statement'), chair)).toBe(404);
    // A meeting's id is not a statement's.
    const meeting = await f.newMeeting();
    expect(await upgradeStatus(t.url, statementRoomName(meeting.id), chair)).toBe(404);
    expect(await upgradeStatus(t.url, room, chair)).toBe(101);
  });

  it("refuses, closes and audits a raw client writing another party's consent into Yjs", async () => {
    const statementId = await newStatement();
    await writeStatement(t.url, f.cookie('sihteeri'), statementId, 'Sanat, joihin suostutaan.');
    const room = statementRoomName(statementId);
    const before = await serverState(t.url, room, f.cookie('sihteeri'));
    const logBefore = await t.server.ctx.repos.collabLog.load(room);

    const kesk = await raw(statementId, 'kesk.edustaja');
    expect(kesk.access).toEqual({ mode: 'write', reason: null });
    // Alone, and hidden in an honest-looking text change: both are refused whole.
    kesk.sendUpdate(
      updateFrom(kesk, (doc) => {
        statementFragment(doc).insert(1, [statementParagraph('Harmiton lisäys.')]);
        doc.getMap('consent').set(f.partyIds.SDP!, 'consent');
      }),
    );
    const closed = await kesk.closed;
    expect(closed.code).toBe(COLLAB_CLOSE.protocolError);
    expect(kesk.rejections).toEqual(['invalid_update']);

    const alone = await raw(statementId, 'kesk.edustaja');
    alone.sendUpdate(
      updateFrom(alone, (doc) => doc.getMap('consent').set(f.partyIds.SDP!, 'consent')),
    );
    expect((await alone.closed).code).toBe(COLLAB_CLOSE.protocolError);

    expect(await serverState(t.url, room, f.cookie('sihteeri'))).toEqual(before);
    expect((await t.server.ctx.repos.collabLog.load(room)).lastSeq).toBe(logBefore.lastSeq);

    const entry = await refusalWhere(
      (e) => e.action === 'consent.refused' && e.target.id === statementId,
    );
    expect(entry.target).toMatchObject({ type: 'statement', id: statementId });
    expect(entry.details).toMatchObject({
      channel: 'collab',
      problem: 'unknown root type',
      partyId: f.partyIds.KESK,
    });
    expect(entry.actor?.name).toBeTruthy();
    // Ids and the problem only: not a word of the statement.
    expect(JSON.stringify(entry)).not.toContain('Sanat');
    expect(JSON.stringify(entry)).not.toContain('Harmiton');
  });

  it('refuses raw writes while in consent; after "edit" many batches start no round, putting it again one', async () => {
    const statementId = await newStatement();
    await writeStatement(t.url, f.cookie('sihteeri'), statementId, 'Ensimmäinen muotoilu.');
    const room = statementRoomName(statementId);
    const gate = async () =>
      (await f.clients.sihteeri!.get<ConsentView>(`/api/consent/${statementId}`)).body;
    // Connected before it is put to consent: this client's room predates the round's seal.
    const early = await raw(statementId, 'kesk.edustaja');
    expect(early.access).toEqual({ mode: 'write', reason: null });
    const put = await f.clients.sihteeri!.post(`/api/statements/${statementId}/consent`, {});
    expect(put.status).toBe(200);
    await waitUntil(() => early.access?.reason === 'locked', 5_000, 'the open client locked');
    const late = await raw(statementId, 'sdp.edustaja');
    expect(late.access).toEqual({ mode: 'read', reason: 'locked' });

    const before = await serverState(t.url, room, f.cookie('sihteeri'));
    const logBefore = (await t.server.ctx.repos.collabLog.load(room)).lastSeq;
    for (const client of [early, late]) {
      client.sendUpdate(
        updateFrom(client, (doc) =>
          statementFragment(doc).insert(0, [statementParagraph('Salaa muutettu.')]),
        ),
      );
      await waitUntil(() => client.rejections.length === 1, 5_000, 'the rejection');
      expect(client.rejections).toEqual(['locked']);
    }
    expect(await serverState(t.url, room, f.cookie('sihteeri'))).toEqual(before);
    expect((await t.server.ctx.repos.collabLog.load(room)).lastSeq).toBe(logBefore);
    expect((await gate()).rounds).toHaveLength(1);
    const refused = await refusalWhere(
      (e) =>
        e.action === 'consent.refused' &&
        e.target.id === statementId &&
        e.details.problem === 'locked' &&
        e.details.partyId === f.partyIds.KESK,
    );
    expect(JSON.stringify(refused)).not.toContain('Salaa');

    // "Muokkaa tekstiä": the clients' access opens without their reconnecting.
    const edit = await f.clients['vas.edustaja']!.post(`/api/statements/${statementId}/edit`, {
      round: 1,
    });
    expect(edit.status).toBe(200);
    const writer = await raw(statementId, 'kesk.edustaja');
    await waitUntil(() => writer.access?.mode === 'write', 5_000, 'the room opened');
    await waitUntil(() => late.access?.mode === 'write', 5_000, 'the open client opened');

    // Typing: one stored batch per keystroke, each acknowledged as saved.
    const typed = 'Toinen muotoilu.';
    const type = (change: (doc: Y.Doc) => void) => {
      const update = updateFrom(writer, change);
      Y.applyUpdate(writer.doc, update);
      writer.sendUpdate(update);
    };
    type((doc) => statementFragment(doc).insert(0, [statementParagraph(typed[0]!)]));
    await waitUntil(() => savedCovers(writer), 5_000, 'the paragraph saved');
    for (const char of typed.slice(1)) {
      type((doc) => {
        const text = (statementFragment(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText;
        text.insert(text.length, char);
      });
      await waitUntil(() => savedCovers(writer), 5_000, `keystroke ${char} saved`);
    }
    const typing = await gate();
    expect(typing).toMatchObject({ status: 'editing', round: 1 });
    expect(typing.rounds).toHaveLength(1);

    const again = await f.clients.sihteeri!.post<StatementView>(
      `/api/statements/${statementId}/consent`,
      {},
    );
    expect(again.status).toBe(200);
    const after = await gate();
    expect(after.rounds.map((round) => [round.round, round.cause])).toEqual([
      [1, 'request'],
      [2, 'request'],
    ]);
    expect(statementPlainText(again.body.content)).toContain(typed);
    expect(again.body.hash).toBe(after.rounds[1]!.hash);
    await waitUntil(() => writer.access?.reason === 'locked', 5_000, 'locked again');
  });

  it('locks the room at once when put to consent, for good once released, and audits a late write', async () => {
    const statementId = await newStatement();
    await writeStatement(t.url, f.cookie('sihteeri'), statementId, 'Yhteisesti hyväksytty teksti.');
    const room = statementRoomName(statementId);
    const open = editor(statementId, 'kesk.edustaja');
    await open.settled();
    expect(open.access).toEqual({ mode: 'write', reason: null });
    const put = await f.clients.sihteeri!.post(`/api/statements/${statementId}/consent`, {});
    expect(put.status).toBe(200);
    // The open editor is told without writing anything: in consent the words are locked.
    await waitUntil(() => open.access?.reason === 'locked', 5_000, 'the editor locked');
    expect(open.access).toEqual({ mode: 'read', reason: 'locked' });
    const writer = await raw(statementId, 'sdp.edustaja');

    for (const who of REPRESENTATIVES) await consentAs(f, who, statementId);
    // Released, it stays locked for good: "edit" has no round to take back.
    expect(
      (await f.clients.sihteeri!.post(`/api/statements/${statementId}/edit`, { round: 1 })).status,
    ).toBe(409);
    expect(writer.access).toEqual({ mode: 'read', reason: 'locked' });

    const before = await serverState(t.url, room, f.cookie('sihteeri'));
    writer.sendUpdate(
      updateFrom(writer, (doc) =>
        statementFragment(doc).insert(0, [statementParagraph('Myöhästynyt muutos.')]),
      ),
    );
    await waitUntil(() => writer.rejections.length === 1, 5_000, 'the rejection');
    expect(writer.rejections).toEqual(['locked']);
    expect(await serverState(t.url, room, f.cookie('sihteeri'))).toEqual(before);
    const entry = await refusalWhere(
      (e) =>
        e.action === 'consent.refused' &&
        e.target.id === statementId &&
        e.details.problem === 'locked',
    );
    expect(entry.details).toMatchObject({ channel: 'collab', partyId: f.partyIds.SDP });

    // Whoever connects now is told before trying.
    const late = await raw(statementId, 'vas.edustaja');
    expect(late.access).toEqual({ mode: 'read', reason: 'locked' });
  });
});
