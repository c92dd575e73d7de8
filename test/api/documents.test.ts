import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MongoDatabase } from '../../server/db/mongo';
import { GRIDFS_BUCKET } from '../../server/documents/gridFsStore';
import { DOCUMENT_MAX_BYTES } from '../../shared/documents';
import { CSRF_HEADER } from '../../shared/errors';
import type { ApiClient } from '../support/apiClient';
import { auditEntries } from '../support/auditLog';
import { ENGINES } from '../support/engines';
import { readPdf } from '../support/pdfText';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { startTestServer, type TestServer } from '../support/testServer';

// Documents on agenda items (issue 19) on both engines: what is accepted, what is refused with
// nothing stored, and that a reader never learns a confidential document's name, size or bytes
// (invariant 3), checked with canaries in a confidential file's name and content.

const READER = 'sdp.lukija1';
const PEOPLE = ['sihteeri', 'kesk.edustaja', READER];
const CANARY_NAME = 'KANARIA-tiedostonimi';
const CANARY_CONTENT = 'KANARIA-tiedoston-sisalto';
const CONFIDENTIAL_ITEM_CANARY = 'KANARIA-luottamuksellisen-kohdan-liite';

const pdf = (text: string) => Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`, 'latin1');
const exeAsPdf = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), pdf('x')]);
/** A zip local header whose first entry is an uncompressed `mimetype`, as ODF requires. */
function odf(mimeType: string): Buffer {
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(8, 26);
  return Buffer.concat([header, Buffer.from('mimetype' + mimeType), Buffer.alloc(64)]);
}

interface Upload {
  name: string;
  bytes: Buffer;
  confidentiality?: string;
  contentType?: string;
}

/** A multipart upload as a browser's FormData sends it. */
async function upload(client: ApiClient, base: string, url: string, file: Upload) {
  const form = new FormData();
  if (file.confidentiality) form.set('confidentiality', file.confidentiality);
  form.set(
    'file',
    new Blob([new Uint8Array(file.bytes)], { type: file.contentType ?? 'application/pdf' }),
    file.name,
  );
  const response = await fetch(new URL(url, base), {
    method: 'POST',
    headers: { [CSRF_HEADER]: '1', cookie: client.sessionCookie ?? '' },
    body: form,
  });
  const text = await response.text();
  return {
    status: response.status,
    body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text,
  };
}

async function download(client: ApiClient, base: string, url: string) {
  const response = await fetch(new URL(url, base), {
    headers: { cookie: client.sessionCookie ?? '' },
  });
  return {
    status: response.status,
    headers: response.headers,
    bytes: Buffer.from(await response.arrayBuffer()),
  };
}

describe.each(ENGINES)('documents on agenda items on %s', (engine) => {
  let t: TestServer;
  let f: MemoFixture;
  let meetingId: string;
  let sharedItem: string;
  let confidentialItem: string;
  const uploadTo = (who: string, item: string, file: Upload, meeting = meetingId) =>
    upload(f.clients[who]!, t.url, `/api/meetings/${meeting}/agenda/${item}/documents`, file);

  /** How many blobs the store holds: files under DATA_DIR/documents, or GridFS entries. */
  async function storedBlobs(): Promise<{ blobs: number; chunks: number }> {
    const { db, config } = t.server.ctx;
    if (db instanceof MongoDatabase) {
      const native = db.driver().db;
      return {
        blobs: await native.collection(`${GRIDFS_BUCKET}.files`).countDocuments(),
        chunks: await native.collection(`${GRIDFS_BUCKET}.chunks`).countDocuments(),
      };
    }
    if (config.storage.kind !== 'embedded') throw new Error('unexpected storage');
    const dir = path.join(config.storage.dataDir, 'documents');
    const names = fs.readdirSync(dir, { recursive: true, withFileTypes: true });
    const files = names.filter((entry) => entry.isFile()).length;
    return { blobs: files, chunks: files };
  }

  /** Each refusal leaves the store and the metadata exactly as they were. */
  async function expectNothingStored(
    attempt: () => Promise<{ status: number; body: unknown }>,
    status: number,
  ) {
    const before = await storedBlobs();
    const listed = (await f.clients.sihteeri!.get(`/api/meetings/${meetingId}/documents`)).body;
    const result = await attempt();
    expect(result.status, JSON.stringify(result.body)).toBe(status);
    expect(await storedBlobs()).toEqual(before);
    expect((await f.clients.sihteeri!.get(`/api/meetings/${meetingId}/documents`)).body).toEqual(
      listed,
    );
    return result;
  }

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true, engine });
    f = await memoFixture(t, PEOPLE);
    const created = await f.clients.puheenjohtaja!.post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Liitekokous',
      startsAt: '2026-12-07T17:00:00+02:00',
      agenda: [
        { title: 'Talousarvio 2027' },
        { title: 'Salainen kohta', confidentiality: 'confidential' },
      ],
    });
    expect(created.status).toBe(201);
    meetingId = created.body.id;
    [sharedItem, confidentialItem] = created.body.agenda.map((item: { id: string }) => item.id);
  });

  afterAll(async () => {
    await t.close();
  });

  it('stores a PDF and gives it back byte for byte with safe headers', async () => {
    const bytes = pdf('Talousarvion raamit');
    const name = 'Talousarvio – raamit "2027" ÄÖ.pdf';
    const stored = await uploadTo('kesk.edustaja', sharedItem, { name, bytes });
    expect(stored.status, JSON.stringify(stored.body)).toBe(201);
    expect(stored.body).toMatchObject({
      fileName: name,
      mediaType: 'application/pdf',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      confidentiality: 'groups',
      agendaItemId: sharedItem,
    });

    const got = await download(
      f.clients[READER]!,
      t.url,
      `/api/meetings/${meetingId}/documents/${stored.body.id}`,
    );
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers.get('content-type')).toBe('application/pdf');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toBe('no-store');
    const disposition = got.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]*"; filename\*=UTF-8''/);
    expect(disposition).toContain(encodeURIComponent('ÄÖ.pdf'));
    expect(disposition).not.toMatch(/[^\x20-\x7e]/);

    const removed = await f.clients.puheenjohtaja!.delete(
      `/api/meetings/${meetingId}/documents/${stored.body.id}`,
    );
    expect(removed.status).toBe(204);
    expect(
      (
        await download(
          f.clients.sihteeri!,
          t.url,
          `/api/meetings/${meetingId}/documents/${stored.body.id}`,
        )
      ).status,
    ).toBe(404);
  });

  it('answers a document whose bytes were lost from the store with a clear error, not a cut-off download', async () => {
    const stored = await uploadTo('kesk.edustaja', sharedItem, {
      name: 'vahingoittunut.pdf',
      bytes: pdf('x'.repeat(300 * 1024)),
    });
    expect(stored.status).toBe(201);
    const id = stored.body.id as string;
    // A damaged store: GridFS lost a chunk of the file, or its file under DATA_DIR is gone.
    const { db, config } = t.server.ctx;
    if (db instanceof MongoDatabase)
      await db.driver().db.collection(`${GRIDFS_BUCKET}.chunks`).deleteOne({ files_id: id, n: 1 });
    else if (config.storage.kind === 'embedded')
      fs.rmSync(path.join(config.storage.dataDir, 'documents', id));
    const got = await download(
      f.clients.sihteeri!,
      t.url,
      `/api/meetings/${meetingId}/documents/${id}`,
    );
    expect(got.status).toBe(500);
    expect(got.headers.get('content-type')).toContain('application/json');
    expect(JSON.parse(got.bytes.toString('utf8')).error.message).toContain('missing or damaged');
    expect(
      (await f.clients.puheenjohtaja!.delete(`/api/meetings/${meetingId}/documents/${id}`)).status,
    ).toBe(204);
  });

  it('accepts OpenDocument and office files by their content', async () => {
    const odt = await uploadTo('sihteeri', sharedItem, {
      name: 'muistio.odt',
      bytes: odf('application/vnd.oasis.opendocument.text'),
    });
    expect(odt.status, JSON.stringify(odt.body)).toBe(201);
    const csv = await uploadTo('sihteeri', sharedItem, {
      name: 'taulukko.csv',
      bytes: Buffer.from('kohta;euroa\r\nkoulut;1 200 000\r\n'),
      contentType: 'text/csv',
    });
    expect(csv.status).toBe(201);
    expect(csv.body.mediaType).toBe('text/csv; charset=utf-8');
    for (const id of [odt.body.id, csv.body.id])
      expect(
        (await f.clients.puheenjohtaja!.delete(`/api/meetings/${meetingId}/documents/${id}`))
          .status,
      ).toBe(204);
  });

  it('refuses a wrong type by extension or content, whatever the Content-Type says', async () => {
    const exe = await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: 'talousarvio.pdf', bytes: exeAsPdf }),
      415,
    );
    expect((exe.body as { error: { code: string } }).error.code).toBe('unsupported_media_type');
    await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: 'ohjelma.exe', bytes: pdf('x') }),
      415,
    );
    // An .odt whose zip is not an OpenDocument text (a spreadsheet renamed).
    await expectNothingStored(
      () =>
        uploadTo('sihteeri', sharedItem, {
          name: 'x.odt',
          bytes: odf('application/vnd.oasis.opendocument.spreadsheet'),
        }),
      415,
    );
    await expectNothingStored(
      () =>
        uploadTo('sihteeri', sharedItem, {
          name: 'x.txt',
          bytes: exeAsPdf,
          contentType: 'text/plain',
        }),
      415,
    );
    await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: 'tyhjä.pdf', bytes: Buffer.alloc(0) }),
      415,
    );
  });

  it('refuses a file over the limit as it arrives, storing nothing', async () => {
    const big = Buffer.alloc(DOCUMENT_MAX_BYTES + 1, 0x20);
    pdf('iso').copy(big);
    const started = Date.now();
    const refused = await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: 'iso.pdf', bytes: big }),
      413,
    );
    console.log(
      `[measure] ${engine}: a ${DOCUMENT_MAX_BYTES + 1}-byte upload refused in ${Date.now() - started} ms`,
    );
    expect((refused.body as { error: { code: string } }).error.code).toBe('payload_too_large');
    // Exactly at the limit is accepted.
    const exact = await uploadTo('sihteeri', sharedItem, {
      name: 'raja.pdf',
      bytes: big.subarray(0, DOCUMENT_MAX_BYTES),
    });
    expect(exact.status).toBe(201);
    expect(exact.body.size).toBe(DOCUMENT_MAX_BYTES);
    expect(
      (
        await f.clients.puheenjohtaja!.delete(
          `/api/meetings/${meetingId}/documents/${exact.body.id}`,
        )
      ).status,
    ).toBe(204);
  });

  it('keeps only the last part of a name, without control or direction characters', async () => {
    const cases: [string, string][] = [
      ['../../../etc/passwd.pdf', 'passwd.pdf'],
      ['C:\\Users\\x\\..\\salaiset\\raamit.pdf', 'raamit.pdf'],
      ['..kuva\u202egpj\u200f.pdf', 'kuvagpj.pdf'],
      [`${'a'.repeat(300)}.pdf`, `${'a'.repeat(116)}.pdf`],
    ];
    for (const [name, expected] of cases) {
      const stored = await uploadTo('sihteeri', sharedItem, { name, bytes: pdf('nimi') });
      expect(stored.status, name).toBe(201);
      expect(stored.body.fileName).toBe(expected);
      expect(
        (
          await f.clients.puheenjohtaja!.delete(
            `/api/meetings/${meetingId}/documents/${stored.body.id}`,
          )
        ).status,
      ).toBe(204);
    }
    if (t.server.ctx.config.storage.kind === 'embedded') {
      expect(
        fs.existsSync(path.join(t.server.ctx.config.storage.dataDir, '..', 'passwd.pdf')),
      ).toBe(false);
    }
    // Nothing left of the name: busboy reports no file at all.
    await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: '../../', bytes: pdf('x') }),
      400,
    );
    await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: '\u202e.pdf', bytes: pdf('x') }),
      415,
    );
    // A NUL in a part header makes the multipart body unreadable: a 400, not a crash.
    await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: 'a\u0000b.pdf', bytes: pdf('x') }),
      400,
    );
  });

  it('refuses readers, outsiders, other meetings and unknown items, storing nothing', async () => {
    await expectNothingStored(
      () => uploadTo(READER, sharedItem, { name: 'a.pdf', bytes: pdf('x') }),
      403,
    );
    // A chair, but of another group: the meeting is not theirs to know of.
    const outsider = await f.addMember(
      `ulkopuolinen-${randomUUID().slice(0, 6)}@muu.example`,
      'chair',
    );
    await t.server.ctx.repos.memberships.remove(f.groupId, outsider.userId);
    await expectNothingStored(
      () =>
        upload(
          outsider.client,
          t.url,
          `/api/meetings/${meetingId}/agenda/${sharedItem}/documents`,
          { name: 'a.pdf', bytes: pdf('x') },
        ),
      404,
    );
    await expectNothingStored(
      () => uploadTo('sihteeri', randomUUID(), { name: 'a.pdf', bytes: pdf('x') }),
      404,
    );
    await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: 'a.pdf', bytes: pdf('x') }, randomUUID()),
      404,
    );
    await expectNothingStored(
      () =>
        uploadTo('sihteeri', sharedItem, {
          name: 'a.pdf',
          bytes: pdf('x'),
          confidentiality: 'salainen',
        }),
      400,
    );
    const json = await f.clients.sihteeri!.post(
      `/api/meetings/${meetingId}/agenda/${sharedItem}/documents`,
      { file: 'x' },
    );
    expect(json.status).toBe(400);
    for (const id of [randomUUID(), 'ei-tunnus', '..%2F..%2Fetc']) {
      expect(
        (await download(f.clients.sihteeri!, t.url, `/api/meetings/${meetingId}/documents/${id}`))
          .status,
      ).toBe(404);
      expect(
        (await f.clients.puheenjohtaja!.delete(`/api/meetings/${meetingId}/documents/${id}`))
          .status,
      ).toBe(404);
    }
  });

  it('never lets a reader learn a confidential document’s name, size or bytes', async () => {
    const secret = await uploadTo('kesk.edustaja', sharedItem, {
      name: `${CANARY_NAME}.pdf`,
      bytes: pdf(CANARY_CONTENT),
      confidentiality: 'confidential',
    });
    expect(secret.status).toBe(201);
    // A shared-level file on a confidential item is as closed as its item.
    const onSecretItem = await uploadTo('kesk.edustaja', confidentialItem, {
      name: `${CONFIDENTIAL_ITEM_CANARY}.pdf`,
      bytes: pdf(CANARY_CONTENT),
    });
    expect(onSecretItem.status).toBe(201);
    const shared = await uploadTo('kesk.edustaja', sharedItem, {
      name: 'jaettu.pdf',
      bytes: pdf('jaettu'),
    });

    const negotiator = (
      await f.clients['kesk.edustaja']!.get(`/api/meetings/${meetingId}/documents`)
    ).body;
    expect(negotiator.map((d: { id: string }) => d.id).sort()).toEqual(
      [secret.body.id, onSecretItem.body.id, shared.body.id].sort(),
    );

    const reader = f.clients[READER]!;
    const listing = await reader.get(`/api/meetings/${meetingId}/documents`);
    expect(listing.body).toEqual([
      { agendaItemId: sharedItem, withheld: true },
      expect.objectContaining({ id: shared.body.id, fileName: 'jaettu.pdf' }),
    ]);
    const received: string[] = [JSON.stringify(listing.body)];
    for (const id of [secret.body.id, onSecretItem.body.id]) {
      const got = await download(reader, t.url, `/api/meetings/${meetingId}/documents/${id}`);
      expect(got.status).toBe(404);
      received.push(
        got.bytes.toString('latin1'),
        JSON.stringify(
          ['content-disposition', 'content-length', 'content-type', 'etag'].map((name) =>
            got.headers.get(name),
          ),
        ),
      );
      // Not even the organisers' delete tells a reader it exists.
      const removed = await reader.delete(`/api/meetings/${meetingId}/documents/${id}`);
      expect(removed.status).toBe(404);
      received.push(JSON.stringify(removed.body));
    }
    received.push(JSON.stringify((await reader.get(`/api/meetings/${meetingId}`)).body));
    for (const text of received) {
      for (const canary of [
        CANARY_NAME,
        CANARY_CONTENT,
        CONFIDENTIAL_ITEM_CANARY,
        secret.body.sha256,
      ])
        expect(text).not.toContain(canary);
    }
    // Nor do the server's logs carry the name or the content.
    for (const line of t.logs)
      for (const canary of [CANARY_NAME, CANARY_CONTENT]) expect(line).not.toContain(canary);

    for (const id of [secret.body.id, onSecretItem.body.id, shared.body.id])
      expect(
        (await f.clients.puheenjohtaja!.delete(`/api/meetings/${meetingId}/documents/${id}`))
          .status,
      ).toBe(204);
    expect(await storedBlobs()).toEqual({ blobs: 0, chunks: 0 });

    // The audit log (administrators, who are no negotiators, read it too) records each upload
    // and removal by its level and hash, never the file's name.
    const audited = (await auditEntries(f.clients.puheenjohtaja!, f.groupId)).filter(
      (entry) => entry.target.type === 'document' && entry.target.id === secret.body.id,
    );
    expect(audited.map((entry) => entry.action).sort()).toEqual([
      'document.delete',
      'document.upload',
    ]);
    expect(audited[0]).toMatchObject({
      actor: { name: expect.any(String) },
      details: { confidentiality: 'confidential', sha256: secret.body.sha256, meetingId },
    });
    for (const canary of [CANARY_NAME, CANARY_CONTENT])
      expect(JSON.stringify(audited)).not.toContain(canary);
  });

  it('lets only organisers remove a document', async () => {
    const stored = await uploadTo('kesk.edustaja', sharedItem, { name: 'a.pdf', bytes: pdf('x') });
    expect(
      (
        await f.clients['kesk.edustaja']!.delete(
          `/api/meetings/${meetingId}/documents/${stored.body.id}`,
        )
      ).status,
    ).toBe(403);
    expect(
      (await f.clients[READER]!.delete(`/api/meetings/${meetingId}/documents/${stored.body.id}`))
        .status,
    ).toBe(403);
    expect(
      (await f.clients.sihteeri!.delete(`/api/meetings/${meetingId}/documents/${stored.body.id}`))
        .status,
    ).toBe(204);
  });

  it('refuses documents for a cancelled meeting, storing nothing', async () => {
    const chair = f.clients.puheenjohtaja!;
    const created = await chair.post(`/api/groups/${f.groupId}/meetings`, {
      title: 'Peruttava liitekokous',
      startsAt: '2026-12-08T17:00:00+02:00',
      agenda: [{ title: 'Asia' }],
    });
    const cancelledMeeting: string = created.body.id;
    const item: string = created.body.agenda[0].id;
    const on = await uploadTo(
      'sihteeri',
      item,
      { name: 'ennen.pdf', bytes: pdf('e') },
      cancelledMeeting,
    );
    expect(on.status).toBe(201);
    expect(
      (await chair.post(`/api/meetings/${cancelledMeeting}/status`, { status: 'cancelled' }))
        .status,
    ).toBe(200);
    await expectNothingStored(
      () => uploadTo('sihteeri', item, { name: 'jälkeen.pdf', bytes: pdf('j') }, cancelledMeeting),
      409,
    );
    expect(
      (await chair.delete(`/api/meetings/${cancelledMeeting}/documents/${on.body.id}`)).status,
    ).toBe(409);
  });

  // Last: the approval locks the meeting.
  it('records the documents on the table in the approved version, redacted per audience', async () => {
    const secretBytes = pdf(CANARY_CONTENT);
    const secret = await uploadTo('kesk.edustaja', sharedItem, {
      name: `${CANARY_NAME}.pdf`,
      bytes: secretBytes,
      confidentiality: 'confidential',
    });
    const shared = await uploadTo('kesk.edustaja', sharedItem, {
      name: 'pöydällä.pdf',
      bytes: pdf('p'),
    });
    const onSecretItem = await uploadTo('kesk.edustaja', confidentialItem, {
      name: `${CONFIDENTIAL_ITEM_CANARY}.pdf`,
      bytes: pdf('c'),
    });
    const chair = f.clients.puheenjohtaja!;
    expect(
      (await chair.post(`/api/meetings/${meetingId}/status`, { status: 'in_progress' })).status,
    ).toBe(200);
    expect((await chair.post(`/api/meetings/${meetingId}/approval`, {})).status).toBe(201);
    const version = `/api/meetings/${meetingId}/versions/1`;

    const full = (await f.clients['kesk.edustaja']!.get(version)).body;
    expect(full.documents).toHaveLength(3);
    expect(full.documents).toContainEqual(
      expect.objectContaining({
        id: secret.body.id,
        sha256: createHash('sha256').update(secretBytes).digest('hex'),
        confidentiality: 'confidential',
      }),
    );
    // On the table means fixed: no upload or removal once approved.
    await expectNothingStored(
      () => uploadTo('sihteeri', sharedItem, { name: 'myöhässä.pdf', bytes: pdf('x') }),
      409,
    );
    expect(
      (await chair.delete(`/api/meetings/${meetingId}/documents/${shared.body.id}`)).status,
    ).toBe(409);

    const forReader = (await f.clients[READER]!.get(version)).body;
    expect(forReader.documents).toEqual([
      { agendaItemId: sharedItem, withheld: true },
      expect.objectContaining({ id: shared.body.id, fileName: 'pöydällä.pdf' }),
    ]);
    const forPublic = (await f.clients['kesk.edustaja']!.get(`${version}?audience=public`)).body;
    expect(forPublic.documents).toEqual([]);
    // The print page, Markdown and PDF list the files: names and hashes where visible.
    const negotiatorPrint = await fetch(new URL(`${version}/print`, t.url), {
      headers: { cookie: f.cookie('kesk.edustaja') },
    });
    const printed = await negotiatorPrint.text();
    expect(printed).toContain('Pöydällä olleet liitteet');
    expect(printed).toContain(CANARY_NAME);
    expect(printed).toContain(secret.body.sha256);
    const readerMd = await fetch(new URL(`${version}/export.md`, t.url), {
      headers: { cookie: f.cookie(READER) },
    });
    const markdown = await readerMd.text();
    expect(markdown).toContain('pöydällä.pdf');
    expect(markdown).toContain(shared.body.sha256);
    expect(markdown).toContain('Luottamuksellinen liite');
    const pdfTextFor = async (who: string) => {
      const response = await fetch(new URL(`${version}/export.pdf`, t.url), {
        headers: { cookie: f.cookie(who) },
      });
      expect(response.status).toBe(200);
      return (await readPdf(new Uint8Array(await response.arrayBuffer()))).text;
    };
    const pdfText = await pdfTextFor('kesk.edustaja');
    expect(pdfText).toContain(CANARY_NAME);
    const readerPdf = await pdfTextFor(READER);
    expect(readerPdf).toContain('pöydällä.pdf');
    expect(readerPdf).toContain('Luottamuksellinen liite');
    for (const canary of [CANARY_NAME, CONFIDENTIAL_ITEM_CANARY])
      expect(readerPdf).not.toContain(canary);
    expect(pdfText).toContain('pöydällä.pdf');
    for (const path of [
      version,
      `${version}/export.md`,
      `${version}/print`,
      `${version}/export.pdf`,
    ]) {
      const response = await fetch(new URL(path, t.url), { headers: { cookie: f.cookie(READER) } });
      expect(response.status, path).toBe(200);
      const text = await response.text();
      for (const canary of [
        CANARY_NAME,
        CANARY_CONTENT,
        CONFIDENTIAL_ITEM_CANARY,
        secret.body.sha256,
        onSecretItem.body.sha256,
      ])
        expect(text, path).not.toContain(canary);
    }
  });
});
