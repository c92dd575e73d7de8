import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import type { AuditEntry, AuditExport, AuditLogPage } from '../../shared/audit';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeStance } from '../../shared/memo/partyDoc';
import { AuditLog } from '../../server/audit/auditLog';
import { verifyGroupChain, walkChain } from '../../server/audit/readChain';
import { COLLECTIONS, type AuditEntryDoc } from '../../server/db/schema';
import { auditEntryId } from '../../server/repositories/auditLog';
import { ApiClient } from '../support/apiClient';
import { auditEntries, auditEntryWhere } from '../support/auditLog';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { startTestServer, type TestServer } from '../support/testServer';
import { agreedPoint } from '../unit/memo/build';

// The group's audit log over HTTP and the live memo: what is recorded and by whom, one unbroken
// chain under concurrency, tampering that shows, who may read it, and that nothing edits it or
// carries memo text into it.

const PEOPLE = ['varapuheenjohtaja', 'sihteeri', 'kesk.edustaja', 'kesk.lukija1'];
const SECRET_POINT = 'SALAINEN-LINJAUS Kouluverkon säästökohteet';
const SECRET_REASON = 'SALAINEN-PERUSTELU Ryhmä ei hyväksy leikkauksia';
const ADMIN_EMAIL = 'yllapito@demo.example';

describe.each(ENGINES)('the audit log on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let admin: ApiClient;
  const editors: CollabEditor[] = [];
  const chair = () => f.clients.puheenjohtaja!;
  const auditPath = () => `/api/groups/${f.groupId}/audit`;

  /** Every entry, newest first, read page by page as the screen does. */
  const allEntries = (client = chair()) => auditEntries(client, f.groupId);

  async function membersByEmail(): Promise<Map<string, { userId: string; name: string }>> {
    const members = await chair().get<{ email: string; userId: string; name: string }[]>(
      `/api/groups/${f.groupId}/members`,
    );
    return new Map(members.body.map((m) => [m.email, { userId: m.userId, name: m.name }]));
  }

  /** Waits until an entry matching `match` is in the log, and returns it. */
  const entryWhere = (match: (entry: AuditEntry) => boolean) =>
    auditEntryWhere(chair(), f.groupId, match);

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    admin = await f.addAdmin(ADMIN_EMAIL);
  });
  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await t.close();
  });

  it('records each login in the group with who logged in', async () => {
    const members = await membersByEmail();
    const logins = (await allEntries()).filter((entry) => entry.action === 'session.login');
    for (const who of ['puheenjohtaja', ...PEOPLE]) {
      const member = members.get(`${who}@demo.example`)!;
      expect(logins).toContainEqual(
        expect.objectContaining({
          actor: member,
          target: { type: 'user', id: member.userId, label: member.name },
        }),
      );
    }
    const adminMember = members.get(ADMIN_EMAIL)!;
    expect(logins.some((entry) => entry.actor?.userId === adminMember.userId)).toBe(true);
  });

  it('records invitations, role changes and removals with the acting person', async () => {
    const kesk = f.partyIds.KESK!;
    const chairMember = (await membersByEmail()).get('puheenjohtaja@demo.example')!;
    const invited = await chair().post(`/api/groups/${f.groupId}/invitations`, {
      email: 'audit.uusi@example.fi',
      role: 'reader',
      partyId: kesk,
    });
    expect(invited.status).toBe(201);
    const revoked = await chair().post(`/api/groups/${f.groupId}/invitations`, {
      email: 'audit.peruttu@example.fi',
      role: 'reader',
      partyId: kesk,
    });
    expect(
      (await chair().delete(`/api/groups/${f.groupId}/invitations/${revoked.body.id}`)).status,
    ).toBe(204);
    const token = /#token=([A-Za-z0-9_-]+)/.exec(invited.body.link as string)![1];
    const newcomer = new ApiClient(t.url);
    const accepted = await newcomer.post('/api/invitations/accept', {
      token,
      name: 'Uusi Lukija',
      password: 'hyvä-salasana-1',
    });
    expect(accepted.status).toBe(200);
    const newcomerId = accepted.body.id as string;
    const memberPath = `/api/groups/${f.groupId}/members/${newcomerId}`;
    expect((await chair().patch(memberPath, { role: 'deputy', partyId: kesk })).status).toBe(200);
    // Saving the same role again changes nothing, so it is no role change.
    expect((await chair().patch(memberPath, { role: 'deputy', partyId: kesk })).status).toBe(200);
    expect((await chair().delete(memberPath)).status).toBe(204);

    const entries = (await allEntries()).reverse();
    const about = (ids: string[]) =>
      entries.filter(
        (entry) => ids.includes(entry.target.id) || entry.details.userId === newcomerId,
      );
    const events = about([invited.body.id, revoked.body.id]).map((entry) => ({
      action: entry.action,
      actor: entry.actor?.name,
      target: entry.target,
      details: entry.details,
    }));
    expect(events).toEqual([
      {
        action: 'invitation.create',
        actor: chairMember.name,
        target: { type: 'invitation', id: invited.body.id, label: 'audit.uusi@example.fi' },
        details: { role: 'reader', partyId: kesk },
      },
      {
        action: 'invitation.create',
        actor: chairMember.name,
        target: { type: 'invitation', id: revoked.body.id, label: 'audit.peruttu@example.fi' },
        details: { role: 'reader', partyId: kesk },
      },
      {
        action: 'invitation.revoke',
        actor: chairMember.name,
        target: { type: 'invitation', id: revoked.body.id, label: 'audit.peruttu@example.fi' },
        details: { role: 'reader', partyId: kesk },
      },
      {
        action: 'invitation.accept',
        actor: 'Uusi Lukija',
        target: { type: 'invitation', id: invited.body.id, label: 'audit.uusi@example.fi' },
        details: { role: 'reader', partyId: kesk, userId: newcomerId },
      },
      {
        action: 'member.roleChange',
        actor: chairMember.name,
        target: { type: 'membership', id: expect.any(String), label: 'Uusi Lukija' },
        details: {
          userId: newcomerId,
          fromRole: 'reader',
          toRole: 'deputy',
          fromPartyId: kesk,
          toPartyId: kesk,
        },
      },
      {
        action: 'member.remove',
        actor: chairMember.name,
        target: { type: 'membership', id: expect.any(String), label: 'Uusi Lukija' },
        details: { userId: newcomerId, role: 'deputy', partyId: kesk },
      },
    ]);
  });

  it('records lowered levels and stance changes from the live memo, never its text', async () => {
    const members = await membersByEmail();
    const meeting = await f.newMeeting('Auditoitu kokous');
    const memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    const secretary = connectEditor(t.url, memoRoom, f.cookie('sihteeri'));
    editors.push(secretary);
    await secretary.settled();
    const section = memoFragment(secretary.doc).get(0) as Y.XmlElement;
    section.insert(2, [agreedPoint('ap_auditpoint1', SECRET_POINT, 'confidential')]);
    await secretary.settled();
    const point = section.get(2) as Y.XmlElement;
    point.setAttribute(MEMO_ATTRS.confidentiality, 'groups');
    await secretary.settled();

    const lowered = await entryWhere(
      (entry) => entry.action === 'confidentiality.lower' && entry.target.id === 'ap_auditpoint1',
    );
    expect(lowered).toMatchObject({
      actor: members.get('sihteeri@demo.example'),
      target: { type: 'memoBlock', id: 'ap_auditpoint1' },
      details: { from: 'confidential', to: 'groups', meetingId: meeting.id },
    });
    expect(lowered.target.label).toBeUndefined();

    // Raising a level is history, not an audited lowering.
    point.setAttribute(MEMO_ATTRS.confidentiality, 'confidential');
    await secretary.settled();
    await vi.waitFor(async () => {
      const changes = await t.server.ctx.repos.confidentialityChanges.listForMeeting(meeting.id);
      expect(changes).toHaveLength(2);
    });

    const partyRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.KESK! });
    const kesk = connectEditor(t.url, partyRoom, f.cookie('kesk.edustaja'));
    editors.push(kesk);
    await kesk.settled();
    writeStance(kesk.doc, 'ap_auditpoint1', { stance: 'dissent', reason: SECRET_REASON });
    await kesk.settled();
    // A reworded reason is no stance change.
    writeStance(kesk.doc, 'ap_auditpoint1', { stance: 'dissent', reason: `${SECRET_REASON}!` });
    await kesk.settled();
    writeStance(kesk.doc, 'ap_auditpoint1', { stance: 'agree', reason: '' });
    await kesk.settled();
    writeStance(kesk.doc, 'ap_auditpoint1', null);
    await kesk.settled();

    // One party room stores its batches in order: once the last change is in, all of them are.
    await entryWhere((entry) => entry.action === 'stance.change' && entry.details.stance === null);
    const stances = (await allEntries())
      .filter((entry) => entry.action === 'stance.change')
      .reverse();
    const representative = members.get('kesk.edustaja@demo.example');
    expect(stances.map((entry) => [entry.details.previous, entry.details.stance])).toEqual([
      [null, 'dissent'],
      ['dissent', 'agree'],
      ['agree', null],
    ]);
    for (const entry of stances) {
      expect(entry).toMatchObject({
        actor: representative,
        target: { type: 'agreedPoint', id: 'ap_auditpoint1' },
        details: { partyId: f.partyIds.KESK, meetingId: meeting.id },
      });
    }
    expect((await allEntries()).filter((e) => e.action === 'confidentiality.lower')).toHaveLength(
      1,
    );

    // Neither the confidential point nor the stance's reasons reach the log, in any form.
    const page = JSON.stringify(await allEntries(admin));
    const json = (await chair().get(`${auditPath()}/export`)).body as AuditExport;
    const csv = (await chair().get(`${auditPath()}/export?format=csv`)).body as string;
    for (const text of [page, JSON.stringify(json), csv, t.logs.join('')]) {
      expect(text).not.toContain('SALAINEN');
      expect(text).not.toContain('Kouluverkon säästökohteet');
    }
    expect(json.entries.some((entry) => entry.action === 'stance.change')).toBe(true);
  });

  it('lets only the chair and administrators read and export it', async () => {
    for (const who of ['varapuheenjohtaja', 'sihteeri', 'kesk.edustaja', 'kesk.lukija1']) {
      const client = f.clients[who]!;
      expect((await client.get(auditPath())).status, who).toBe(403);
      expect((await client.get(`${auditPath()}/export`)).status, who).toBe(403);
      expect((await client.get(`${auditPath()}/export?format=csv`)).status, who).toBe(403);
    }
    const stranger = new ApiClient(t.url);
    expect((await stranger.get(auditPath())).status).toBe(401);
    expect((await stranger.get(`${auditPath()}/export`)).status).toBe(401);
    // Another group's id answers like a missing group.
    expect((await chair().get(`/api/groups/${randomUUID()}/audit`)).status).toBe(404);

    for (const client of [chair(), admin]) {
      const page = await client.get<AuditLogPage>(auditPath());
      expect(page.status).toBe(200);
      expect(page.body.verification).toMatchObject({ valid: true, firstBrokenSeq: null });

      const json = await client.get<AuditExport>(`${auditPath()}/export`);
      expect(json.status).toBe(200);
      expect(json.headers.get('content-disposition')).toMatch(
        /^attachment; filename="audit-.+\.json"$/,
      );
      expect(json.body.verification).toEqual(page.body.verification);
      expect(json.body.entries.map((entry) => entry.seq)).toEqual(
        Array.from({ length: json.body.entries.length }, (_, i) => i + 1),
      );

      const csv = await client.get<string>(`${auditPath()}/export?format=csv`);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/\.csv"$/);
      // fetch's text() drops the byte order mark; the length shows it was sent (Excel in Finnish).
      expect(Number(csv.headers.get('content-length'))).toBe(Buffer.byteLength(csv.body) + 3);
      const lines = csv.body.trimEnd().split('\r\n');
      expect(lines[0]).toBe(
        'seq;at;actorId;actorName;action;targetType;targetId;targetLabel;details;prevHash;hash',
      );
      expect(lines).toHaveLength(json.body.entries.length + 1);
    }
  });

  it('pages newest first and refuses malformed paging', async () => {
    const all = await allEntries();
    const first = await chair().get<AuditLogPage>(`${auditPath()}?limit=2`);
    expect(first.body.entries.map((e) => e.seq)).toEqual([all[0]!.seq, all[1]!.seq]);
    expect(first.body.nextBefore).toBe(all[1]!.seq);
    const second = await chair().get<AuditLogPage>(`${auditPath()}?limit=2&before=${all[1]!.seq}`);
    expect(second.body.entries.map((e) => e.seq)).toEqual([all[2]!.seq, all[3]!.seq]);
    const last = await chair().get<AuditLogPage>(`${auditPath()}?before=2`);
    expect(last.body).toMatchObject({ entries: [{ seq: 1 }], nextBefore: null });
    for (const query of ['?limit=0', '?limit=201', '?before=abc', '?before=0', '?sort=asc'])
      expect((await chair().get(`${auditPath()}${query}`)).status, query).toBe(400);
    expect((await chair().get(`${auditPath()}/export?format=xml`)).status).toBe(400);
  });

  it('has no route that changes or removes an entry', async () => {
    const before = await allEntries();
    for (const path of [auditPath(), `${auditPath()}/1`, `${auditPath()}/export`]) {
      for (const client of [chair(), admin]) {
        expect((await client.put(path, { seq: 1 })).status, `PUT ${path}`).toBe(404);
        expect((await client.patch(path, { seq: 1 })).status, `PATCH ${path}`).toBe(404);
        expect((await client.delete(path)).status, `DELETE ${path}`).toBe(404);
        expect((await client.post(path, { seq: 1 })).status, `POST ${path}`).toBe(404);
      }
    }
    expect(await allEntries()).toEqual(before);
  });

  it('keeps one unbroken chain when two instances record at once', async () => {
    const groupId = randomUUID();
    const { ctx } = t.server;
    // A second writer on the same database, as another server instance would be.
    const other = new AuditLog(ctx.repos.auditLog, ctx.logger);
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        (n % 2 ? other : ctx.audit).record({
          groupId,
          actor: null,
          action: 'memo.export',
          target: { type: 'memoVersion', id: `version-${n}`, label: `versio ${n}` },
          details: { n },
        }),
      ),
    );
    const docs: AuditEntryDoc[] = [];
    const verification = await walkChain(ctx.repos.auditLog, groupId, (doc) => docs.push(doc));
    expect(verification).toEqual({ valid: true, entries: 20, firstBrokenSeq: null });
    expect(docs.map((doc) => doc.seq)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(new Set(docs.map((doc) => doc.target.id)).size).toBe(20);
  });

  it('shows tampering done directly in the database at the changed entry', async () => {
    const { ctx } = t.server;
    const entries = ctx.db.collection<AuditEntryDoc>(COLLECTIONS.auditLog);
    const groupId = randomUUID();
    for (let n = 1; n <= 5; n++)
      await ctx.audit.record({
        groupId,
        actor: { userId: 'u', name: 'Oikea Nimi' },
        action: 'session.login',
        target: { type: 'user', id: 'u' },
      });
    expect(await verifyGroupChain(ctx.repos.auditLog, groupId)).toMatchObject({ valid: true });
    await entries.updateOne({ _id: auditEntryId(groupId, 3) }, { $set: { action: 'memo.export' } });
    expect(await verifyGroupChain(ctx.repos.auditLog, groupId)).toEqual({
      valid: false,
      entries: 5,
      firstBrokenSeq: 3,
    });

    // The group's own log, as its chair sees it: a rewritten name breaks the chain there.
    await entries.updateOne(
      { _id: auditEntryId(f.groupId, 2) },
      { $set: { actor: { userId: 'someone', name: 'Joku Muu' } } },
    );
    const page = await chair().get<AuditLogPage>(auditPath());
    expect(page.body.verification).toMatchObject({ valid: false, firstBrokenSeq: 2 });
    const exported = await admin.get<AuditExport>(`${auditPath()}/export`);
    expect(exported.body.verification).toMatchObject({ valid: false, firstBrokenSeq: 2 });
  });
});
