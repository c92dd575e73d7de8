import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportedVersion, GroupExport } from '../../shared/api/groupExport';
import type { MemoHistory } from '../../shared/api/memoVersions';
import type { AuditExport, AuditLogPage } from '../../shared/audit';
import { MEMO_LABELS } from '../../shared/memo/labels';
import { COLLECTIONS, type MemoVersionDoc } from '../../server/db/schema';
import { memoVersionId } from '../../server/repositories/memoVersions';
import type { ApiClient } from '../support/apiClient';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo, type WrittenMemo } from '../support/memoWriter';
import { readPdf } from '../support/pdfText';
import { writeStatement } from '../support/statementWriter';
import { startTestServer, type TestServer } from '../support/testServer';
import { readZip } from '../support/zipEntries';

// The group export (issue 17, item 5): a streamed zip of the group's JSON and every approved
// version's PDF for the chair and administrators only. The chair's edition carries confidential
// content; an administrator is no negotiator, and nothing confidential reaches their zip in any
// entry, JSON or PDF (invariant 3). Every export is audited without content.

const PEOPLE = ['sihteeri', 'kesk.edustaja', 'sdp.edustaja', 'kok.edustaja', 'sdp.lukija1'];
const fi = MEMO_LABELS.fi;

describe.each(ENGINES)('group export on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let admin: ApiClient;
  let adminCookie: string;
  let outsiderCookie: string;
  let meetingId: string;
  let written: WrittenMemo;
  /** Text only negotiators may read: the memo's, an agenda item's, the chair's reopening reason. */
  let secrets: string[];
  const reopenReason = 'KANARIA-avaus: SDP:n kanta kirjattiin väärin.';
  const secretAgendaTitle = 'KANARIA-asialista: henkilöstövähennykset';
  // A joint statement in consent: its draft title and a party's objection are the negotiators'.
  const draftTitle = 'KANARIA-luonnos: yhteinen kannanotto';
  const objection = 'KANARIA-vastaus: emme hyväksy vielä.';
  const statementText = 'KANARIA-teksti: neuvotteluryhmä esittää säästöjä.';

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    const chair = f.clients.puheenjohtaja!;
    const meeting = await f.newMeeting('Ryhmävientikokous');
    meetingId = meeting.id;
    expect(
      (await chair.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    written = await writeMemo(t.url, f, meetingId, 'ryhmavienti');
    expect((await chair.post(`/api/meetings/${meetingId}/approval`, {})).status).toBe(201);
    expect(
      (await chair.post(`/api/meetings/${meetingId}/reopen`, { reason: reopenReason })).status,
    ).toBe(200);
    expect((await chair.post(`/api/meetings/${meetingId}/approval`, {})).status).toBe(201);
    // A later meeting without a memo yet, with a confidential agenda item.
    const planned = await chair.post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Suunniteltu kokous',
      startsAt: '2027-01-11T17:00:00+02:00',
      agenda: [
        { title: 'Avoin asia', confidentiality: 'public' },
        { title: secretAgendaTitle, confidentiality: 'confidential' },
      ],
    });
    expect(planned.status).toBe(201);
    const statement = await f.clients.sihteeri!.post(`/api/groups/${f.groupId}/statements`, {
      title: draftTitle,
    });
    expect(statement.status).toBe(201);
    const statementId = statement.body.id as string;
    await writeStatement(t.url, f.cookie('sihteeri'), statementId, statementText);
    expect(
      (await f.clients.sihteeri!.post(`/api/statements/${statementId}/consent`, {})).status,
    ).toBe(200);
    const objected = await f.clients['kesk.edustaja']!.post(`/api/consent/${statementId}/answers`, {
      round: 1,
      answer: 'object',
      reason: objection,
    });
    expect(objected.status).toBe(200);
    secrets = [
      ...written.confidential,
      reopenReason,
      secretAgendaTitle,
      draftTitle,
      objection,
      statementText,
    ];

    admin = await f.addAdmin(`yllapito.vienti.${engine}@demo.example`);
    adminCookie = admin.sessionCookie ?? '';
    const outsider = await f.addMember(`toinen.pj.${engine}@example.fi`, 'chair');
    // Moved to a group of their own: the chair of another group.
    const repos = t.server.ctx.repos;
    const other = await repos.groups.create({ name: 'Toinen ryhmä', municipality: 'Muualla' });
    await repos.memberships.remove(f.groupId, outsider.userId);
    await repos.memberships.add({
      groupId: other._id,
      userId: outsider.userId,
      role: 'chair',
      partyId: null,
    });
    outsiderCookie = outsider.cookie;
  });
  afterAll(async () => {
    await t.close();
  });

  const exportPath = (query = '', groupId = f.groupId) =>
    `/api/groups/${groupId}/export.zip${query}`;

  async function fetchAs(cookie: string | null, path: string) {
    const response = await fetch(new URL(path, t.url), {
      headers: cookie ? { cookie } : {},
      redirect: 'manual',
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  /** Every entry as a person would read it: JSON and text as UTF-8, PDFs by their text. */
  async function readableEntries(bytes: Buffer): Promise<Map<string, string>> {
    const readable = new Map<string, string>();
    for (const [name, body] of await readZip(bytes)) {
      readable.set(
        name,
        name.endsWith('.pdf') ? (await readPdf(body)).text : body.toString('utf8'),
      );
    }
    return readable;
  }

  async function history(): Promise<MemoHistory> {
    const answer = await f.clients.puheenjohtaja!.get<MemoHistory>(
      `/api/meetings/${meetingId}/versions`,
    );
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('gives the chair the negotiators’ edition: group.json, one JSON and one PDF per approved version', async () => {
    const fetched = await fetchAs(f.cookie('puheenjohtaja'), exportPath());
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get('content-type')).toBe('application/zip');
    expect(fetched.headers.get('content-disposition')).toMatch(
      /^attachment; filename="[a-z0-9-]+-\d{4}-\d{2}-\d{2}\.zip"$/,
    );
    expect(fetched.headers.get('cache-control')).toBe('no-store');
    const entries = await readZip(fetched.bytes);
    const names = [...entries.keys()];
    expect(names).toContain('README.txt');
    expect(names).toContain('group.json');
    expect(names).toContain('audit.json');

    const group = JSON.parse(entries.get('group.json')!.toString('utf8')) as GroupExport;
    expect(group).toMatchObject({
      format: 'neuvottelu-group-export',
      formatVersion: 1,
      audience: 'negotiators',
    });
    expect(group.group.id).toBe(f.groupId);
    expect(group.members.length).toBeGreaterThan(5);
    expect(group.members.every((member) => typeof member.email === 'string')).toBe(true);
    expect(group.parties.map((party) => party.shortName)).toEqual(
      expect.arrayContaining(['KESK', 'SDP', 'KOK']),
    );

    // Exactly the versions the API lists, each with its SHA-256 as stored, and its files.
    const listed = (await history()).versions;
    expect(listed.map((version) => version.version)).toEqual([1, 2]);
    const meeting = group.meetings.find((candidate) => candidate.id === meetingId)!;
    expect(meeting.reopenings).toMatchObject([{ afterVersion: 1, reason: reopenReason }]);
    expect(meeting.versions.map((version) => [version.version, version.sha256])).toEqual(
      listed.map((version) => [version.version, version.hash]),
    );
    const allVersions = group.meetings.flatMap((m) => m.versions);
    const pdfs = names.filter((name) => name.endsWith('.pdf'));
    expect(pdfs.sort()).toEqual(allVersions.map((version) => version.files.pdf).sort());
    expect(
      names.filter((name) => name.startsWith('versions/') && name.endsWith('.json')).sort(),
    ).toEqual(allVersions.map((version) => version.files.json).sort());
    const planned = group.meetings.find((m) => m.title === 'Suunniteltu kokous')!;
    expect(planned.versions).toEqual([]);
    expect(planned.agenda).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Avoin asia' }),
        expect.objectContaining({ title: secretAgendaTitle, confidentiality: 'confidential' }),
      ]),
    );

    for (const summary of meeting.versions) {
      const version = JSON.parse(
        entries.get(summary.files.json)!.toString('utf8'),
      ) as ExportedVersion;
      expect(version).toMatchObject({
        meetingId,
        version: summary.version,
        sha256: summary.sha256,
        audience: 'negotiators',
      });
      // The stored canonical content: its SHA-256 is the one the version carries.
      expect(createHash('sha256').update(version.storedContent!, 'utf8').digest('hex')).toBe(
        summary.sha256,
      );
      const pdf = (await readPdf(entries.get(summary.files.pdf)!)).text;
      expect(pdf).toContain('Ryhmävientikokous');
      expect(pdf).toContain(summary.sha256);
      expect(pdf).toContain(fi.audience.negotiators);
      for (const text of [...written.public, ...written.groups, ...written.confidential]) {
        expect(pdf, text).toContain(text);
        expect(JSON.stringify(version.content), text).toContain(text);
      }
    }
    expect(entries.get('README.txt')!.toString('utf8')).toContain('Painos: neuvottelijoiden');
    // The negotiation itself: the statement in consent with its round and the party's answer.
    const inConsent = group.consentRequests.find((request) => request.title === draftTitle)!;
    expect(inConsent).toMatchObject({ kind: 'statement', release: null });
    expect(inConsent.rounds).toMatchObject([{ round: 1, cause: 'request', end: null }]);
    expect(JSON.stringify(inConsent.rounds)).toContain(statementText);
    expect(inConsent.answers).toMatchObject([
      { round: 1, partyId: f.partyIds.KESK, answer: 'object', reason: objection },
    ]);
  });

  it('gives an administrator the readers’ edition, with nothing confidential in any entry', async () => {
    const fetched = await fetchAs(adminCookie, exportPath());
    expect(fetched.status).toBe(200);
    const entries = await readableEntries(fetched.bytes);
    const group = JSON.parse(entries.get('group.json')!) as GroupExport;
    expect(group.audience).toBe('groups');
    const meeting = group.meetings.find((candidate) => candidate.id === meetingId)!;
    expect(meeting.versions.map((version) => version.sha256)).toEqual(
      (await history()).versions.map((v) => v.hash),
    );
    expect(meeting.reopenings).toEqual([
      expect.not.objectContaining({ reason: expect.anything() }),
    ]);
    expect([...entries.keys()].filter((name) => name.endsWith('.pdf'))).toHaveLength(2);
    for (const [name, text] of entries) {
      for (const secret of secrets) expect(text, `${name}: ${secret}`).not.toContain(secret);
    }
    // …while the readers' part is all there, in the JSON and the PDFs alike.
    for (const summary of meeting.versions) {
      const pdf = entries.get(summary.files.pdf)!;
      expect(pdf).toContain(fi.audience.groups);
      expect(pdf).toContain(fi.withheld);
      const json = entries.get(summary.files.json)!;
      expect(JSON.parse(json)).not.toHaveProperty('storedContent');
      for (const shown of [...written.public, ...written.groups]) {
        expect(pdf, shown).toContain(shown);
        expect(json, shown).toContain(shown);
      }
    }
    expect(entries.get('README.txt')).toContain('Painos: puolueryhmien');
  });

  it('lets the chair choose the readers’ edition, and never widens an edition', async () => {
    const readers = await fetchAs(
      f.cookie('puheenjohtaja'),
      exportPath('?audience=groups&lang=sv'),
    );
    expect(readers.status).toBe(200);
    const entries = await readableEntries(readers.bytes);
    expect(JSON.parse(entries.get('group.json')!).audience).toBe('groups');
    for (const [name, text] of entries) {
      for (const secret of secrets) expect(text, `${name}: ${secret}`).not.toContain(secret);
    }
    expect(entries.get('README.txt')!.startsWith('Export av förhandlingsgruppen')).toBe(true);
    expect((await fetchAs(adminCookie, exportPath('?audience=negotiators'))).status).toBe(404);
    expect((await fetchAs(adminCookie, exportPath('?audience=everyone'))).status).toBe(400);
    expect((await fetchAs(adminCookie, exportPath('?lang=de'))).status).toBe(400);
  });

  it('refuses everyone else: negotiators and readers 403, other groups and strangers as if it did not exist', async () => {
    for (const who of ['sihteeri', 'kesk.edustaja', 'sdp.lukija1']) {
      const refused = await fetchAs(f.cookie(who), exportPath());
      expect(refused.status, who).toBe(403);
      expect(refused.headers.get('content-type'), who).toContain('application/json');
    }
    expect((await fetchAs(outsiderCookie, exportPath())).status).toBe(404);
    expect((await fetchAs(null, exportPath())).status).toBe(401);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await fetchAs(f.cookie('puheenjohtaja'), exportPath('', unknown))).status).toBe(404);
    expect((await fetchAs(f.cookie('puheenjohtaja'), exportPath('', 'not-an-id'))).status).toBe(
      404,
    );
  });

  it('records each export with its edition, and no content, in the audit log', async () => {
    const before = await exportEntries();
    await fetchAs(f.cookie('puheenjohtaja'), exportPath());
    await fetchAs(adminCookie, exportPath());
    // HEAD never runs the export: no audit entry for a download that did not happen.
    const head = await fetch(new URL(exportPath(), t.url), {
      method: 'HEAD',
      headers: { cookie: adminCookie },
    });
    expect(head.status).toBe(405);
    expect(head.headers.get('allow')).toBe('GET');
    const after = await exportEntries();
    expect(after.length).toBe(before.length + 2);
    const adminName = (await admin.get('/api/me')).body.name as string;
    expect(after[0]).toMatchObject({
      action: 'group.export',
      actor: { name: adminName },
      target: { type: 'group', id: f.groupId },
      details: { audience: 'groups' },
    });
    expect(after[1]).toMatchObject({
      action: 'group.export',
      details: { audience: 'negotiators' },
    });
    const json = JSON.stringify(after);
    for (const text of [...written.public, ...written.groups, ...secrets])
      expect(json).not.toContain(text);
    // audit.json in the zip is the verified chain, this export's own entry included.
    const zipped = await readZip((await fetchAs(adminCookie, exportPath())).bytes);
    const audit = JSON.parse(zipped.get('audit.json')!.toString('utf8')) as AuditExport;
    expect(audit.verification.valid).toBe(true);
    expect(audit.entries.at(-1)).toMatchObject({
      action: 'group.export',
      details: { audience: 'groups' },
    });
  });

  it('cuts the download off when writing fails midway, never sending a zip that looks complete', async () => {
    // A stored version the export cannot read, in a meeting after the good ones: the zip has
    // begun (headers and entries sent) when it fails.
    const later = await f.clients.puheenjohtaja!.post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Rikkinäinen kokous',
      startsAt: '2027-02-01T17:00:00+02:00',
      agenda: [],
    });
    expect(later.status).toBe(201);
    const versions = t.server.ctx.db.collection<MemoVersionDoc>(COLLECTIONS.memoVersions);
    const broken: MemoVersionDoc = {
      _id: memoVersionId(later.body.id, 1),
      meetingId: later.body.id,
      groupId: f.groupId,
      version: 1,
      approvedBy: 'nobody',
      approvedByName: 'Ei kukaan',
      approvedAt: new Date(),
      content: '{ not json',
      hash: '0'.repeat(64),
      yjs: { memo: '', parties: [] },
    };
    await versions.insertOne(broken);
    try {
      const response = await fetch(new URL(exportPath(), t.url), {
        headers: { cookie: f.cookie('puheenjohtaja') },
      });
      expect(response.status).toBe(200);
      await expect(response.arrayBuffer()).rejects.toThrow();
    } finally {
      await versions.deleteOne({ _id: broken._id });
    }
    // The server carries on.
    expect((await fetchAs(adminCookie, exportPath())).status).toBe(200);
  });

  /** The group's `group.export` entries, newest first. */
  async function exportEntries() {
    const page = await f.clients.puheenjohtaja!.get<AuditLogPage>(
      `/api/groups/${f.groupId}/audit?limit=200`,
    );
    expect(page.status).toBe(200);
    return page.body.entries.filter((entry) => entry.action === 'group.export');
  }
});
