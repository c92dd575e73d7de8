import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditLogPage } from '../../shared/audit';
import { MEMO_LABELS, NOT_A_DECISION_BODY } from '../../shared/memo/labels';
import { ENGINES } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo, type WrittenMemo } from '../support/memoWriter';
import { readPdf } from '../support/pdfText';
import { startTestServer, type TestServer } from '../support/testServer';

// Exports of an approved version (PDF, Markdown, print page) over HTTP: each holds exactly what
// the caller's audience may read (invariant 3), a wider audience is never granted, the headers
// keep confidential files out of caches and scripts out of the print page, and every export is
// audited without memo text.

const READER = 'sdp.lukija1';
const NEGOTIATOR = 'kesk.edustaja';
const PEOPLE = ['sihteeri', 'kesk.edustaja', 'sdp.edustaja', 'kok.edustaja', READER];
const FORMATS = ['export.pdf', 'export.md', 'print'] as const;
type Format = (typeof FORMATS)[number];
const fi = MEMO_LABELS.fi;
const PLACE = 'Kaupungintalo, valtuustosali';

interface Fetched {
  status: number;
  headers: Headers;
  bytes: Buffer;
}

describe.each(ENGINES)('memo exports on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let meetingId: string;
  let written: WrittenMemo;
  let hash: string;
  let chairName: string;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    const chair = f.clients.puheenjohtaja!;
    const created = await chair.post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Vientikokous',
      startsAt: '2026-12-07T17:00:00+02:00',
      location: PLACE,
      agenda: [{ title: 'Talousarvio 2027' }, { title: 'Kouluverkko' }],
    });
    expect(created.status).toBe(201);
    meetingId = created.body.id as string;
    const attendance = await chair.put(`/api/meetings/${meetingId}/attendance`, {
      attendance: [
        { partyId: f.partyIds.KESK, status: 'present' },
        { partyId: f.partyIds.SDP, status: 'absent' },
      ],
    });
    expect(attendance.status).toBe(200);
    expect(
      (await chair.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    written = await writeMemo(t.url, f, meetingId, 'vienti');
    const approved = await chair.post(`/api/meetings/${meetingId}/approval`, {});
    expect(approved.status).toBe(201);
    hash = approved.body.hash as string;
    chairName = (await chair.get('/api/me')).body.name as string;
  });
  afterAll(async () => {
    await t.close();
  });

  /** A GET as `who`, the body as bytes (a PDF is not text). */
  async function fetchAs(who: string | null, path: string): Promise<Fetched> {
    const response = await fetch(new URL(path, t.url), {
      headers: who ? { cookie: f.cookie(who) } : {},
      redirect: 'manual',
    });
    return {
      status: response.status,
      headers: response.headers,
      bytes: Buffer.from(await response.arrayBuffer()),
    };
  }

  const exportPath = (format: Format, query = '', version = 1) =>
    `/api/meetings/${meetingId}/versions/${version}/${format}${query}`;

  /** What a person reads in the file: PDF text, Markdown with escapes resolved, page text. */
  async function readable(format: Format, fetched: Fetched): Promise<string> {
    if (format === 'export.pdf') return (await readPdf(fetched.bytes)).text;
    const text = fetched.bytes.toString('utf8');
    if (format === 'export.md') return text.replace(/\\(.)/g, '$1');
    return text
      .replace(/<[^>]*>/g, ' ')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'")
      .replace(/&amp;/g, '&');
  }

  it('gives a reader the groups rendering, with nothing confidential, in every format', async () => {
    for (const format of FORMATS) {
      const fetched = await fetchAs(READER, exportPath(format));
      expect(fetched.status, format).toBe(200);
      const text = await readable(format, fetched);
      expect(text, format).toContain(fi.disclaimer.split('. ')[0]);
      expect(text, format).toContain(fi.audience.groups);
      expect(text, format).toContain(hash);
      expect(text, format).toContain(chairName);
      expect(text, format).toContain('Vientikokous');
      expect(text, format).toContain(fi.withheld);
      for (const shown of [...written.public, ...written.groups]) {
        expect(text, `${format}: ${shown}`).toContain(shown);
      }
      for (const secret of written.confidential) {
        expect(text, `${format}: ${secret}`).not.toContain(secret);
      }
    }
  });

  it('gives a reader the place, who took part, numbered items and the notice in every format', async () => {
    for (const format of FORMATS) {
      const text = await readable(format, await fetchAs(READER, exportPath(format)));
      expect(text, format).toContain(`${fi.place}: ${PLACE}`);
      expect(text, format).toContain(fi.participants);
      expect(text, format).toContain(`${chairName} (${fi.roles.chair})`);
      expect(text, format).toMatch(new RegExp(`Keskusta[* ]*: ${fi.attendance.present} · `));
      expect(text, format).toMatch(
        new RegExp(`Sosialidemokraattinen Puolue[* ]*: ${fi.attendance.absent} · `),
      );
      expect(text, format).toContain(`(${fi.roles.representative})`);
      expect(text, format).toMatch(/1\. Talousarvio 2027/);
      expect(text, format).toContain(NOT_A_DECISION_BODY.fi);
    }
  });

  it('sends the right headers: type, file name, no caching, and a strict CSP for the page', async () => {
    const pdf = await fetchAs(READER, exportPath('export.pdf'));
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toBe(
      'attachment; filename="muistio-2026-12-07-v1.pdf"',
    );
    expect(pdf.headers.get('cache-control')).toBe('no-store');
    expect(pdf.headers.get('content-length')).toBe(String(pdf.bytes.length));
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const md = await fetchAs(READER, exportPath('export.md', '?lang=sv'));
    expect(md.headers.get('content-type')).toBe('text/markdown; charset=utf-8');
    expect(md.headers.get('content-disposition')).toBe(
      'attachment; filename="promemoria-2026-12-07-v1.md"',
    );
    expect(md.headers.get('cache-control')).toBe('no-store');
    expect(md.bytes.toString('utf8')).toContain(MEMO_LABELS.sv.disclaimer);

    const page = await fetchAs(READER, exportPath('print', '?lang=en'));
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-disposition')).toBe(
      'inline; filename="memo-2026-12-07-v1.html"',
    );
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'unsafe-inline'",
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = page.bytes.toString('utf8');
    expect(html).toContain('<html lang="en-GB">');
    expect(html).toContain(MEMO_LABELS.en.disclaimer);
  });

  it('never widens the audience, and refuses what is not there or not asked properly', async () => {
    for (const format of FORMATS) {
      expect((await fetchAs(READER, exportPath(format, '?audience=negotiators'))).status).toBe(404);
      expect((await fetchAs(READER, exportPath(format, '?audience=everyone'))).status).toBe(400);
      expect((await fetchAs(READER, exportPath(format, '?lang=de'))).status).toBe(400);
      expect((await fetchAs(READER, exportPath(format, '', 2))).status).toBe(404);
      expect((await fetchAs(null, exportPath(format))).status).toBe(401);
    }
    // A meeting id that does not exist looks like one of another group: 404, no body to read.
    const unknown = await fetchAs(
      READER,
      `/api/meetings/00000000-0000-4000-8000-000000000000/versions/1/export.pdf`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('application/json');
  });

  it('gives a negotiator everything, or only the public rendering when asked', async () => {
    const full = await fetchAs(NEGOTIATOR, exportPath('export.md'));
    const fullText = await readable('export.md', full);
    expect(fullText).toContain(fi.audience.negotiators);
    for (const secret of written.confidential) expect(fullText).toContain(secret);

    for (const format of FORMATS) {
      const fetched = await fetchAs(NEGOTIATOR, exportPath(format, '?audience=public'));
      expect(fetched.status, format).toBe(200);
      const text = await readable(format, fetched);
      expect(text, format).toContain(fi.audience.public);
      for (const shown of written.public) expect(text, format).toContain(shown);
      for (const hidden of [...written.groups, ...written.confidential]) {
        expect(text, `${format}: ${hidden}`).not.toContain(hidden);
      }
    }
  });

  it('records every export in the audit log, with format and audience and no memo text', async () => {
    const before = await auditExports();
    await fetchAs(READER, exportPath('export.pdf'));
    await fetchAs(NEGOTIATOR, exportPath('print', '?audience=public'));
    const entries = (await auditExports()).slice(0, 2);
    expect(before.length + 2).toBe((await auditExports()).length);
    const reader = f.clients[READER]!;
    const readerName = (await reader.get('/api/me')).body.name as string;
    expect(entries[1]).toMatchObject({
      action: 'memo.export',
      actor: { name: readerName },
      target: { type: 'memoVersion', id: `${meetingId}:1`, label: 'Vientikokous v1' },
      details: { format: 'pdf', audience: 'groups' },
    });
    expect(entries[0]).toMatchObject({ details: { format: 'print', audience: 'public' } });
    const json = JSON.stringify(entries);
    for (const text of [...written.public, ...written.groups, ...written.confidential]) {
      expect(json).not.toContain(text);
    }
  });

  /** The group's `memo.export` entries, newest first. */
  async function auditExports() {
    const page = await f.clients.puheenjohtaja!.get<AuditLogPage>(
      `/api/groups/${f.groupId}/audit?limit=200`,
    );
    expect(page.status).toBe(200);
    return page.body.entries.filter((entry) => entry.action === 'memo.export');
  }
});
