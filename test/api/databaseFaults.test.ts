import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { connectEditor } from '../support/collabClient';
import { startFerretDB, type FerretDB } from '../support/ferretdb';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { serverState, waitUntil } from '../support/rawCollab';
import { missingFrom, recordSavedClaims } from '../support/savedClaims';
import { startTestServer, type TestServer } from '../support/testServer';
import { notes, startTyping } from '../support/typingEditors';

// "Saved" means stored when the database hangs or dies under editors who type and delete: the
// MongoDB path, on a FerretDB of this test's own (a stopped database would stall every other
// test on the shared one). Real y-websocket editors judge "all saved" by the editor's own rule
// (shared/memo/saveTracker.ts); what they were told is compared with what a fresh server loads.

const WRITERS = ['sihteeri', 'kesk.edustaja', 'sdp.edustaja'] as const;
/** Longer than a quiet connection waits for a keepalive (15 s) plus the heartbeat (10 s). */
const FREEZE_MS = 26_000;

async function readyzStatus(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const response = await fetch(`${url}/readyz`);
  return { status: response.status, ms: Date.now() - started };
}

describe('a hung and a dead database under typing editors (MongoDB path)', () => {
  let ferret: FerretDB;
  let t: TestServer;
  let f: MemoFixture;
  let dbEnv: Record<string, string>;
  let stopped = false;

  beforeAll(async () => {
    ferret = await startFerretDB();
    dbEnv = { MONGODB_URI: ferret.uri, MONGODB_DB: `faults_${randomUUID().slice(0, 8)}` };
    t = await startTestServer({ seedDemo: true, engine: 'mongodb', env: dbEnv });
    f = await memoFixture(t, [...WRITERS]);
  });
  afterAll(async () => {
    if (stopped) process.kill(ferret.pid, 'SIGCONT');
    await t.close();
    await ferret.stop();
  });

  /** One series of the in-process server's metrics, read as a scrape would. */
  async function metricValue(name: string): Promise<number | undefined> {
    const metric = t.server.ctx.metrics.registry.getSingleMetric(name);
    return (await metric?.get())?.values[0]?.value;
  }

  it('acknowledges nothing while the database is stopped or down, and loses nothing', async () => {
    const meeting = await f.newMeeting('Tietokanta pysähtyy');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const editors = Object.fromEntries(
      WRITERS.map((who) => [who, connectEditor(t.url, room, f.cookie(who))]),
    );
    await Promise.all(Object.values(editors).map((editor) => editor.settled()));
    const claims = recordSavedClaims(editors);
    // Two type on; the third deletes one letter once the database is stopped, then waits.
    let stopTyping = startTyping(editors, WRITERS.slice(0, 2));
    const deleter = editors[WRITERS[2]]!;
    try {
      notes(deleter, 1)!.insert(0, 'Poistettava kirjain. ');
      await waitUntil(() => deleter.allSaved(), 5_000, 'the deleter’s text saved');
      await new Promise((resolve) => setTimeout(resolve, 1_000));

      // SIGSTOP: the database holds every request. Nothing more is acknowledged; the editors
      // hear that their changes are not being stored; /readyz still answers, 503, in time.
      process.kill(ferret.pid, 'SIGSTOP');
      stopped = true;
      const frozenAt = Date.now();
      notes(deleter, 1)!.delete(0, 1);
      expect(deleter.allSaved()).toBe(false);
      await waitUntil(
        () => Object.values(editors).every((editor) => editor.storage === 'stalled'),
        10_000,
        'every editor told the server cannot store',
      );
      const ready = await readyzStatus(t.url);
      expect(ready.status).toBe(503);
      expect(ready.ms).toBeLessThan(2_000);
      // /metrics shows the backlog waiting for the database.
      expect(await metricValue('neuvottelu_collab_unsaved_updates')).toBeGreaterThan(0);
      // The outbox count cannot be read: unknown, not zero, and the scrape still answers.
      expect(await metricValue('neuvottelu_outbox_pending')).toBeNaN();
      // However long it lasts and whatever keepalives come, nobody reads "all saved".
      while (Date.now() - frozenAt < FREEZE_MS) {
        for (const [who, editor] of Object.entries(editors))
          expect({ who, saved: editor.allSaved() }).toEqual({ who, saved: false });
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      const stalledFor = Date.now() - frozenAt;
      process.kill(ferret.pid, 'SIGCONT');
      stopped = false;
      await waitUntil(
        () => Object.values(editors).every((editor) => editor.storage === 'ok'),
        20_000,
        'storing again',
      );

      await waitUntil(() => deleter.allSaved(), 20_000, 'the deletion saved after the freeze');

      // SIGKILL, then the same files served again: the server reconnects by itself.
      stopTyping();
      stopTyping = startTyping(editors, WRITERS);
      await new Promise((resolve) => setTimeout(resolve, 500));
      process.kill(ferret.pid, 'SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      ferret = await startFerretDB({ reuse: { dir: ferret.dir, port: ferret.port } });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      stopTyping();
      await waitUntil(
        () => Object.values(editors).every((editor) => editor.allSaved()),
        30_000,
        'every editor saved after the database came back',
      );
      expect((await readyzStatus(t.url)).status).toBe(200);
      expect(await metricValue('neuvottelu_collab_unsaved_updates')).toBe(0);
      claims.stop();
      console.log(
        `[faults] database stopped ${stalledFor} ms and killed for 2 s; ${claims.count} ` +
          `"all saved" moments recorded from ${WRITERS.length} editors; failed stores counted: ` +
          `${await metricValue('neuvottelu_collab_store_failures_total')}`,
      );
    } finally {
      stopTyping();
      claims.stop();
      for (const editor of Object.values(editors)) editor.destroy();
    }

    // A fresh server on the same database: everything any editor was told is saved is there.
    await t.close();
    t = await startTestServer({ engine: 'mongodb', env: dbEnv });
    const stored = await serverState(t.url, room, await loginCookie(t.url, 'puheenjohtaja'));
    expect(claims.latest.size).toBe(WRITERS.length);
    for (const [who, claim] of claims.latest)
      expect({ who, ...missingFrom(stored, claim) }).toEqual({ who, items: 0, deletions: 0 });
  }, 120_000);
});

async function loginCookie(url: string, who: string): Promise<string> {
  const client = new ApiClient(url);
  await client.login(`${who}@demo.example`, DEMO_PASSWORD);
  return client.sessionCookie ?? '';
}
