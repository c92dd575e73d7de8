import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { inject } from 'vitest';
import type { AuditExport } from '../../shared/audit';
import { canonicalMemoJson, type MemoContent } from '../../shared/memo/content';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { isCovered } from '../../shared/memo/savedVector';
import { readArchive } from '../../server/backup/archive';
import { openDatabase } from '../../server/db/open';
import { COLLECTIONS, type DocumentDoc, type MigrationDoc } from '../../server/db/schema';
import { CSRF_HEADER } from '../../shared/errors';
import { createRepositories } from '../../server/repositories';
import { seedDemo } from '../../server/seed/demo';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { demoStorageEnv, freshStorageEnv, type Engine } from '../support/engines';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { writeMemo } from '../support/memoWriter';
import { serverState } from '../support/rawCollab';
import {
  kill9,
  runToExit,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';
import { smallDisk } from '../support/smallDisk';
import { startTyping } from '../support/typingEditors';

// Backup and restore as an operator runs them (issue 17, item 5): a real server on one engine,
// live typing during the backup, the admin CLI's backup and restore as processes, and a server on
// the other engine that must show the same versions, audit chain, memos and passwords.

const ADMIN = 'server/cli/admin.ts';
const PEOPLE = ['sihteeri', 'kesk.edustaja', 'sdp.edustaja', 'kok.edustaja'];

const adminArgv = (args: string[]) => [process.execPath, '--import', 'tsx', ADMIN, ...args];

/** Run a command line (node with tsx, under a limit) to its end, as runToExit does. */
function runCommand(argv: string[], env: Record<string, string>) {
  const [command, ...args] = argv;
  const child = spawn(command!, args, {
    cwd: path.resolve(import.meta.dirname, '../..'),
    env: { ...process.env, NODE_ENV: 'test', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise<{ code: number | null; output: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, output })),
  );
}

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/** An agenda document's bytes as its download gives them. */
async function downloadBytes(base: string, cookie: string, meetingId: string, id: string) {
  const response = await fetch(new URL(`/api/meetings/${meetingId}/documents/${id}`, base), {
    headers: { cookie },
  });
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer());
}
const archivePath = (name: string) =>
  path.join(fs.mkdtempSync(path.join(inject('tempRoot'), 'backup-')), name);

function memoText(state: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return memoFragment(doc).toJSON();
}

function stateVectorOf(state: Uint8Array): Map<number, number> {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return Y.decodeStateVector(Y.encodeStateVector(doc));
}

/** A room's state as the archive holds it: its newest snapshot and the entries after it. */
function archivedRoom(docs: Map<string, Record<string, unknown>[]>, room: string): Uint8Array {
  const doc = new Y.Doc();
  const snapshots = (docs.get('collabSnapshots') ?? []).filter((d) => d.room === room);
  const newest = snapshots.sort((a, b) => (b.seq as number) - (a.seq as number))[0];
  if (newest) Y.applyUpdate(doc, Buffer.from(newest.state as string, 'base64'));
  const after = (newest?.seq as number | undefined) ?? 0;
  for (const entry of (docs.get('collabUpdates') ?? [])
    .filter((d) => d.room === room && (d.seq as number) > after && d.update !== '')
    .sort((a, b) => (a.seq as number) - (b.seq as number)))
    Y.applyUpdate(doc, Buffer.from(entry.update as string, 'base64'));
  return Y.encodeStateAsUpdate(doc);
}

interface SourceState {
  groupId: string;
  approvedMeetingId: string;
  liveMeetingId: string;
  hash: string;
  approvedMemo: string;
  auditEntries: number;
  auditHashes: string[];
}

const CROSSINGS: [Engine, Engine][] = [
  ['embedded', 'mongodb'],
  ['mongodb', 'embedded'],
];

describe.each(CROSSINGS)('backup on %s, restore into %s', (from, into) => {
  const servers: ServerProcess[] = [];
  const editors: CollabEditor[] = [];
  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    for (const server of servers) await kill9(server.child);
  });

  it('every version hash, the audit chain, every memo and the passwords survive', async () => {
    const sourceEnv = await demoStorageEnv(from);
    const source = await startServerProcess(sourceEnv);
    servers.push(source);
    const f: MemoFixture = await memoFixture(source, PEOPLE);
    const chair = f.clients.puheenjohtaja!;

    // An approved version, with its audit entries.
    const approved = await f.newMeeting('Varmuuskopioitu kokous');
    const start = (id: string) =>
      chair.post(`/api/meetings/${id}/status`, { status: 'in_progress' });
    expect((await start(approved.id)).status).toBe(200);
    await writeMemo(source.url, f, approved.id, 'varmuus');
    const approval = await chair.post(`/api/meetings/${approved.id}/approval`, {});
    expect(approval.status).toBe(201);
    const approvedRoom = roomName({ kind: 'memo', meetingId: approved.id });

    // A live memo someone keeps typing in while the backup runs.
    const live = await f.newMeeting('Elävä muistio');
    expect((await start(live.id)).status).toBe(200);
    const liveRoom = roomName({ kind: 'memo', meetingId: live.id });
    // An agenda document: its bytes live outside the collections (GridFS, or DATA_DIR files).
    const pdfBytes = Buffer.from(`%PDF-1.4\n% talousarvio ${from}\n%%EOF\n`, 'latin1');
    const form = new FormData();
    form.set('file', new Blob([new Uint8Array(pdfBytes)], { type: 'application/pdf' }), 'ta.pdf');
    const uploaded = await fetch(
      new URL(`/api/meetings/${live.id}/agenda/${live.agenda[0]!.id}/documents`, source.url),
      { method: 'POST', headers: { [CSRF_HEADER]: '1', cookie: f.cookie('sihteeri') }, body: form },
    );
    expect(uploaded.status).toBe(201);
    const documentId = ((await uploaded.json()) as { id: string }).id;
    const editor = connectEditor(source.url, liveRoom, f.cookie('sihteeri'));
    editors.push(editor);
    await editor.settled();
    const stopTyping = startTyping({ sihteeri: editor }, ['sihteeri'], 30);
    await new Promise<void>((resolve) => {
      const check = () =>
        editor.saved && editor.saved.size > 0 ? resolve() : setTimeout(check, 20);
      check();
    });

    const audit = (await chair.get(`/api/groups/${f.groupId}/audit/export`)).body as AuditExport;
    expect(audit.verification.valid).toBe(true);
    const state: SourceState = {
      groupId: f.groupId,
      approvedMeetingId: approved.id,
      liveMeetingId: live.id,
      hash: approval.body.hash as string,
      approvedMemo: memoText(await serverState(source.url, approvedRoom, f.cookie('sihteeri'))),
      auditEntries: audit.verification.entries,
      auditHashes: audit.entries.map((entry) => entry.hash),
    };

    // Everything the editor was told is saved before the backup starts must be in it.
    const acked = new Map(editor.saved);
    const file = archivePath('neuvottelu.tar.gz');
    const started = performance.now();
    const backup = await runToExit([ADMIN, 'backup', '--out', file], sourceEnv);
    const backupMs = Math.round(performance.now() - started);
    stopTyping();
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).toContain(
      from === 'embedded' ? 'embedded-memory-snapshot' : 'mongodb-validated-reads',
    );
    const channel = 'DATA_DIR' in sourceEnv ? path.join(sourceEnv.DATA_DIR, 'admin.sock') : null;
    if (channel) {
      // Taken by the running server, through its admin channel that only its account may use.
      expect(backup.output).toContain('Taken by the running server');
      expect(fs.statSync(channel).mode & 0o777).toBe(0o600);
      // A disk that fills up part-way through leaves neither the file nor its temporary copy.
      const disk = smallDisk(4096, 'backup on a full disk');
      try {
        const full = path.join(disk.dir, 'full.tar.gz');
        const failed = await runCommand(
          disk.command(adminArgv(['backup', '--out', full])),
          sourceEnv,
        );
        expect(failed.code, failed.output).toBe(1);
        expect(failed.output).toContain('The backup failed');
        expect(fs.readdirSync(disk.dir)).toEqual([]);
      } finally {
        disk.remove();
      }
    }
    expect(fs.existsSync(`${file}.tmp`)).toBe(false);
    const { manifest, docs } = await readArchive(file);
    expect(manifest.engine).toBe(from);
    expect(manifest.validation.problems).toEqual([]);
    expect(manifest.collections.map((c) => c.name)).not.toContain('sessions');
    expect(manifest.documents).toEqual([
      {
        id: documentId,
        file: `documents/${documentId}`,
        size: pdfBytes.length,
        sha256: sha256(pdfBytes),
      },
    ]);
    // Bytes changed, or a listed document without its bytes (manifest and file dropped): refused.
    const changedBytes = archivePath('changed-bytes.tar.gz');
    await retar(file, changedBytes, (name, bytes) =>
      name === `documents/${documentId}` ? Buffer.from(bytes.toString('latin1') + ' ') : bytes,
    );
    const withoutBytes = archivePath('without-bytes.tar.gz');
    await retar(file, withoutBytes, (name, bytes) => {
      if (name === `documents/${documentId}`) return null;
      if (name !== 'manifest.json') return bytes;
      return Buffer.from(JSON.stringify({ ...JSON.parse(bytes.toString()), documents: [] }));
    });
    const restoreFresh = (archive: string) =>
      runToExit([ADMIN, 'restore', '--in', archive], freshStorageEnv('embedded'));
    const [refusedChanged, refusedWithout] = await Promise.all([
      restoreFresh(changedBytes),
      restoreFresh(withoutBytes),
    ]);
    expect(refusedChanged.code).toBe(1);
    expect(refusedChanged.output).toContain(`documents/${documentId} does not match`);
    expect(refusedWithout.code).toBe(1);
    expect(refusedWithout.output).toContain(`document ${documentId} is listed but its bytes`);
    const liveAtBackup = archivedRoom(docs, liveRoom);
    expect(isCovered(acked, stateVectorOf(liveAtBackup))).toBe(true);

    // Into an empty database on the other engine.
    const targetEnv: Record<string, string> = { ...freshStorageEnv(into) };
    const restoreStarted = performance.now();
    const restore = await runToExit([ADMIN, 'restore', '--in', file], targetEnv);
    const restoreMs = Math.round(performance.now() - restoreStarted);
    expect(restore.code, restore.output).toBe(0);
    expect(restore.output).toContain(`1 approved versions' SHA-256 and ${state.auditEntries}`);
    console.log(
      `demo group ${from} → ${into}: backup ${backupMs} ms, restore ${restoreMs} ms (process ` +
        `start included), archive ${fs.statSync(file).size} bytes, ` +
        `${manifest.collections.reduce((sum, c) => sum + c.documents, 0)} documents`,
    );

    const target = await startServerProcess(targetEnv);
    servers.push(target);
    // The same password logs in: the fixture logs every person in.
    const g = await memoFixture(target, PEOPLE);
    const restoredChair = g.clients.puheenjohtaja!;
    expect(g.groupId).toBe(state.groupId);

    const version = await restoredChair.get(`/api/meetings/${state.approvedMeetingId}/versions/1`);
    expect(version.status).toBe(200);
    expect(version.body.hash).toBe(state.hash);
    expect(sha256(canonicalMemoJson(version.body.content as MemoContent))).toBe(state.hash);

    // The chain verifies through the audit route, and holds every entry of the source (the
    // logins above added more).
    const restoredAudit = (await restoredChair.get(`/api/groups/${state.groupId}/audit/export`))
      .body as AuditExport;
    expect(restoredAudit.verification.valid).toBe(true);
    expect(restoredAudit.verification.entries).toBeGreaterThanOrEqual(state.auditEntries);
    const restoredHashes = new Set(restoredAudit.entries.map((entry) => entry.hash));
    for (const hash of state.auditHashes) expect(restoredHashes).toContain(hash);

    const cookie = g.cookie('sihteeri');
    const restoredBytes = await downloadBytes(target.url, cookie, state.liveMeetingId, documentId);
    expect(restoredBytes.equals(pdfBytes)).toBe(true);
    expect(memoText(await serverState(target.url, approvedRoom, cookie))).toBe(state.approvedMemo);
    const restoredLive = await serverState(target.url, liveRoom, cookie);
    expect(memoText(restoredLive)).toBe(memoText(liveAtBackup));
    expect(isCovered(acked, stateVectorOf(restoredLive))).toBe(true);

    // Sessions stay behind: a cookie of the old server is not valid on the restored one.
    const stale = await fetch(`${target.url}/api/me`, {
      headers: { cookie: f.cookie('kesk.edustaja') },
    });
    expect(stale.status).toBe(401);

    expect(await stopServerProcess(target.child)).toBe(0);
    expect(await stopServerProcess(source.child)).toBe(0);
    if (channel) expect(fs.existsSync(channel)).toBe(false);
  });
});

describe('backup and restore refusals', () => {
  const env = freshStorageEnv('embedded') as { DATA_DIR: string };

  it('refuses damaged archives, occupied targets, existing files, bad flags and newer schemas', async () => {
    // A stopped embedded installation: the CLI takes the lock and reads the files itself.
    const db = await openDatabase({ kind: 'embedded', dataDir: env.DATA_DIR });
    await seedDemo(createRepositories(db));
    await db.close();
    const good = archivePath('good.tar.gz');
    const backup = await runToExit([ADMIN, 'backup', '--out', good], env);
    expect(backup.code, backup.output).toBe(0);
    expect(backup.output).not.toContain('running server');

    const nowhere = path.join(path.dirname(good), 'missing', 'x.tar.gz');
    const [backupHelp, restoreHelp, exists, unknownFlag, unwritable] = await Promise.all([
      runToExit([ADMIN, 'backup', '--help'], env),
      runToExit([ADMIN, 'restore', '--help'], env),
      runToExit([ADMIN, 'backup', '--out', good], env),
      runToExit([ADMIN, 'backup', '--out', good, '--frobnicate'], env),
      runToExit([ADMIN, 'backup', '--out', nowhere], env),
    ]);
    expect(backupHelp).toMatchObject({ code: 0, output: expect.stringContaining('--out') });
    expect(restoreHelp).toMatchObject({ code: 0, output: expect.stringContaining('--in') });
    expect(exists.code).toBe(2);
    expect(exists.output).toContain('--force');
    expect(unknownFlag.code).toBe(2);
    // A backup that cannot be written leaves nothing behind.
    expect(unwritable.code).toBe(1);
    expect(unwritable.output).toContain('The backup failed');
    expect(fs.existsSync(path.dirname(nowhere))).toBe(false);

    // A database a newer version has migrated: its backup is taken, but not restored here.
    const newerDb = await openDatabase({ kind: 'embedded', dataDir: env.DATA_DIR });
    await newerDb.collection<MigrationDoc>(COLLECTIONS.migrations).insertOne({
      _id: '999',
      version: 999,
      name: 'from the future',
      startedAt: new Date(),
      completedAt: new Date(),
    });
    await newerDb.close();
    const newer = archivePath('newer.tar.gz');
    fs.writeFileSync(newer, 'an older file');
    const forced = await runToExit([ADMIN, 'backup', '--out', newer, '--force'], env);
    expect(forced.code, forced.output).toBe(0);
    expect(forced.output).toContain('schema version 999');

    // One byte changed in a collection's file: its hash no longer matches.
    const tampered = archivePath('tampered.tar.gz');
    await retar(good, tampered, (name, bytes) =>
      name === 'users.jsonl'
        ? Buffer.from(bytes.toString().replace('demo.example', 'demo.exampla'))
        : bytes,
    );
    const truncated = archivePath('truncated.tar.gz');
    const bytes = fs.readFileSync(good);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));

    const target = freshStorageEnv('embedded');
    const restoreInto = (file: string) => runToExit([ADMIN, 'restore', '--in', file], target);
    const [refusedTampered, refusedTruncated, refusedNewer] = await Promise.all([
      restoreInto(tampered),
      restoreInto(truncated),
      restoreInto(newer),
    ]);
    expect(refusedTampered.code).toBe(1);
    expect(refusedTampered.output).toContain('users.jsonl does not match the SHA-256');
    expect(refusedTruncated.code).toBe(1);
    expect(refusedTruncated.output).toContain('not a whole backup archive');
    expect(refusedNewer.code).toBe(1);
    expect(refusedNewer.output).toContain('schema version 999, newer than this version knows');

    // Nothing was written by the refusals: the target still takes the good archive, once.
    const restored = await restoreInto(good);
    expect(restored.code, restored.output).toBe(0);
    const again = await restoreInto(good);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/not empty \(the collection "\w+" holds \d+ documents\)/);
    // Empty collections are not enough: a document's bytes left in the store refuse it too.
    const leftover = freshStorageEnv('embedded') as { DATA_DIR: string };
    fs.mkdirSync(path.join(leftover.DATA_DIR, 'documents'), { recursive: true });
    fs.writeFileSync(path.join(leftover.DATA_DIR, 'documents', randomUUID()), 'left behind');
    const intoLeftover = await runToExit([ADMIN, 'restore', '--in', good], leftover);
    expect(intoLeftover.code).toBe(1);
    expect(intoLeftover.output).toContain('its document store holds agenda documents');

    // The bytes stream into the archive one document at a time, checked on the way: bytes that
    // differ from their metadata, or are gone, fail the backup and leave no file.
    const id = randomUUID();
    const blob = path.join(env.DATA_DIR, 'documents', id);
    fs.writeFileSync(blob, 'changed bytes');
    const withDocument = await openDatabase({ kind: 'embedded', dataDir: env.DATA_DIR });
    await withDocument.collection<DocumentDoc>(COLLECTIONS.documents).insertOne({
      _id: id,
      groupId: 'g',
      meetingId: 'm',
      agendaItemId: 'a',
      fileName: 'liite.pdf',
      mediaType: 'application/pdf',
      size: 'changed bytes'.length,
      sha256: createHash('sha256').update('the original').digest('hex'),
      confidentiality: 'groups',
      uploadedBy: 'u',
      uploadedByName: 'U',
      uploadedAt: new Date(),
    });
    await withDocument.close();
    const damaged = archivePath('damaged.tar.gz');
    const changedBytes = await runToExit([ADMIN, 'backup', '--out', damaged], env);
    expect(changedBytes.code).toBe(1);
    expect(changedBytes.output).toContain(`document ${id}: its stored bytes do not match`);
    fs.rmSync(blob);
    const goneBytes = await runToExit([ADMIN, 'backup', '--out', damaged], env);
    expect(goneBytes.code).toBe(1);
    expect(goneBytes.output).toContain(`document ${id} is listed but its bytes are not in`);
    expect(fs.existsSync(damaged)).toBe(false);
    expect(fs.existsSync(`${damaged}.tmp`)).toBe(false);
    // A dozen CLI processes, each starting Node with tsx: more than the default limit on a busy
    // machine, and nothing here is a timing.
  }, 120_000);
});

/**
 * Copy a tar.gz, changing entries' contents on the way (sizes follow, the manifest does not);
 * an entry changed to null is left out.
 */
async function retar(
  from: string,
  to: string,
  change: (name: string, bytes: Buffer) => Buffer | null,
): Promise<void> {
  const tar = await import('tar-stream');
  const zlib = await import('node:zlib');
  const { pipeline } = await import('node:stream/promises');
  const pack = tar.pack();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
    stream.on('end', () => {
      const bytes = change(header.name, Buffer.concat(chunks));
      if (bytes) pack.entry({ ...header, size: bytes.length }, bytes, next);
      else next();
    });
  });
  extract.on('finish', () => pack.finalize());
  await Promise.all([
    pipeline(fs.createReadStream(from), zlib.createGunzip(), extract),
    pipeline(pack, zlib.createGzip(), fs.createWriteStream(to)),
  ]);
}
