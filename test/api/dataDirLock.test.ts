import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { afterAll, describe, expect, it } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { memoFixture } from '../support/memoFixture';
import { serverState } from '../support/rawCollab';
import { missingFrom, recordSavedClaims } from '../support/savedClaims';
import {
  kill9,
  runToExit,
  startServerProcess,
  stopServerProcess,
  type ServerProcess,
} from '../support/serverProcess';

// One process per embedded DATA_DIR. A second server, or the admin CLI, started next to a
// running server is refused with the running server named, and touches nothing: the first
// server's editors go on and nothing it acknowledged is lost. A lock left by a killed server is
// taken over at once by the next one on this machine.

const PEOPLE = ['kesk.edustaja', 'sihteeri'] as const;

function type(editor: CollabEditor, words: string) {
  const section = memoFragment(editor.doc).get(0) as Y.XmlElement;
  const paragraph = section.get(1) as Y.XmlElement;
  if (!(paragraph.get(0) instanceof Y.XmlText)) paragraph.insert(0, [new Y.XmlText('')]);
  const text = paragraph.get(0) as Y.XmlText;
  text.insert(text.length, words);
  if (text.length > 40) text.delete(3, 2);
}

describe('one process per data directory', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'neuvottelu-lock-'));
  const processes: ServerProcess[] = [];
  const editors: Record<string, CollabEditor> = {};
  afterAll(async () => {
    for (const editor of Object.values(editors)) editor.destroy();
    for (const { child } of processes) await kill9(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a second server and the admin CLI next to a running server, and loses nothing', async () => {
    const env = { DATA_DIR: dataDir, SEED_DEMO: 'true' };
    const first = await startServerProcess(env);
    processes.push(first);
    const f = await memoFixture(first, PEOPLE);
    const meeting = await f.newMeeting('Yksi kirjoittaja');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    for (const who of PEOPLE) editors[who] = connectEditor(first.url, room, f.cookie(who));
    await Promise.all(Object.values(editors).map((editor) => editor.settled()));
    const claims = recordSavedClaims(editors);
    let round = 0;
    const typing = setInterval(() => {
      round += 1;
      for (const [who, editor] of Object.entries(editors)) type(editor, `${who} ${round}. `);
    }, 60);

    try {
      const pid = String(first.child.pid);
      const second = await runToExit(['server/main.ts'], { ...env, HOST: '127.0.0.1', PORT: '0' });
      console.log(`second server: exit ${second.code}\n${second.output.trim().slice(-600)}`);
      expect(second.code).not.toBe(0);
      expect(second.output).toContain(`the Neuvottelu server with pid ${pid}`);
      expect(second.output).not.toMatch(/running on http/);

      const admin = await runToExit(['server/cli/admin.ts', 'list-groups'], env);
      console.log(`admin CLI: exit ${admin.code}\n${admin.output.trim().slice(-600)}`);
      expect(admin.code).not.toBe(0);
      expect(admin.output).toContain(`the Neuvottelu server with pid ${pid}`);

      // The first server goes on storing after both were refused.
      const typedBefore = round;
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      expect(round).toBeGreaterThan(typedBefore);
    } finally {
      clearInterval(typing);
    }
    await Promise.all(Object.values(editors).map((editor) => editor.settled()));
    await new Promise((resolve) => setTimeout(resolve, 100));
    claims.stop();

    // kill -9 leaves the lock behind; the next server takes it over without waiting it out.
    await kill9(first.child);
    expect(fs.existsSync(path.join(dataDir, 'writer.lock'))).toBe(true);
    const starting = Date.now();
    const third = await startServerProcess({ ...env, PORT: String(first.port) });
    processes.push(third);
    const tookMs = Date.now() - starting;
    console.log(`after kill -9: the next server listened in ${tookMs} ms`);
    expect(third.output()).toContain('took over the data directory lock');
    expect(tookMs).toBeLessThan(10_000);

    const stored = await serverState(third.url, room, f.cookie('sihteeri'));
    for (const [who, claim] of claims.latest) {
      expect({ who, ...missingFrom(stored, claim) }).toEqual({ who, items: 0, deletions: 0 });
    }
    expect(claims.latest.size).toBe(PEOPLE.length);
    console.log(`${claims.count} "all saved" moments over ${round} rounds, none lost`);

    // Once the server has stopped, the admin CLI runs.
    expect(await stopServerProcess(third.child)).toBe(0);
    const admin = await runToExit(['server/cli/admin.ts', 'list-groups'], env);
    expect(admin.code).toBe(0);
    expect(fs.existsSync(path.join(dataDir, 'writer.lock'))).toBe(false);
  }, 120_000);
});
