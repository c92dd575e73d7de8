import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { roomName } from '../../shared/memo/format';
import { memoFragment, plainText } from '../../shared/memo/memoDoc';
import { connectEditor, type CollabEditor } from '../support/collabClient';
import { demoStorageEnv } from '../support/engines';
import { startLoadBalancer, type LoadBalancer } from '../support/loadBalancer';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import { serverState, waitUntil } from '../support/rawCollab';
import { missingFrom, recordSavedClaims } from '../support/savedClaims';
import { kill9, startServerProcess, type ServerProcess } from '../support/serverProcess';
import { startRedis, type TestRedis } from '../support/redis';
import { notes, startTyping } from '../support/typingEditors';

// Several instances serve one memo (issue 16): two server processes on one MongoDB database
// (FerretDB) and one Redis, real y-websocket editors split across them. What one instance
// stores reaches the other's editors live; "saved" keeps its meaning when an instance dies.

const memoText = (doc: Y.Doc) => plainText(memoFragment(doc));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const PEOPLE = ['kesk.edustaja', 'sdp.edustaja', 'kok.edustaja', 'vas.edustaja'] as const;

describe('one memo served by two instances over Redis', () => {
  let balancer: LoadBalancer;
  let env: Record<string, string>;
  const instances: ServerProcess[] = [];
  let f: MemoFixture;
  const editors: CollabEditor[] = [];

  const startInstance = async () => {
    const instance = await startServerProcess(env);
    instances.push(instance);
    return instance;
  };
  const open = (url: string, room: string, who: string) => {
    const editor = connectEditor(url, room, f.cookie(who));
    editors.push(editor);
    return editor;
  };

  beforeAll(async () => {
    balancer = await startLoadBalancer();
    env = {
      ...(await demoStorageEnv('mongodb')),
      REDIS_URL: inject('redisUrl'),
      // Compacting often puts the other instance behind a snapshot again and again.
      COLLAB_COMPACT_EVERY: '7',
    };
    const [a, b] = await Promise.all([startInstance(), startInstance()]);
    balancer.backends = [a, b].map(({ port }) => ({ host: '127.0.0.1', port }));
    f = await memoFixture(a, PEOPLE);
  });
  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await Promise.all(instances.map(({ child }) => kill9(child)));
    await balancer.close();
  });

  it('relays live between instances: text, carets, and the same memo from either', async () => {
    const [a, b] = instances as [ServerProcess, ServerProcess];
    const meeting = await f.newMeeting('Kaksi palvelinta');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const onA = {
      kesk: open(a.url, room, 'kesk.edustaja'),
      sdp: open(a.url, room, 'sdp.edustaja'),
    };
    const onB = { kok: open(b.url, room, 'kok.edustaja'), vas: open(b.url, room, 'vas.edustaja') };
    const all = [...Object.values(onA), ...Object.values(onB)];
    await Promise.all(all.map((editor) => editor.settled()));

    // Only A's editors type: B's editors, who write nothing, see every word, live.
    const stopA = startTyping(onA, ['kesk', 'sdp'], 60);
    await pause(2_000);
    const seenOnB = memoText(onB.kok.doc).length;
    stopA();
    expect(seenOnB).toBeGreaterThan(0);
    await waitUntil(
      () => all.every((editor) => memoText(editor.doc) === memoText(onA.kesk.doc)),
      5_000,
      "A's text on B's editors",
    );
    // And the other way round.
    const stopB = startTyping(onB, ['kok', 'vas'], 60);
    await pause(1_000);
    stopB();
    await waitUntil(
      () =>
        all.every((editor) => editor.allSaved() && memoText(editor.doc) === memoText(onB.kok.doc)),
      5_000,
      "B's text on A's editors",
    );

    // A caret set on A shows on B with the identity A's server stamped on it.
    onA.kesk.provider.awareness.setLocalStateField('cursor', { anchor: 3 });
    await waitUntil(
      () => onB.vas.provider.awareness.getStates().get(onA.kesk.doc.clientID)?.cursor !== undefined,
      5_000,
      "A's caret on B",
    );
    const caret = onB.vas.provider.awareness.getStates().get(onA.kesk.doc.clientID)!;
    expect(caret.user).toMatchObject({ partyId: f.partyIds.KESK, role: 'representative' });
    // Gone from B once the editor leaves A.
    onA.kesk.destroy();
    await waitUntil(
      () => !onB.vas.provider.awareness.getStates().has(onA.kesk.doc.clientID),
      5_000,
      "A's caret gone from B",
    );

    // Fresh loads from either instance hold exactly what the editors hold.
    const text = memoText(onB.kok.doc);
    for (const instance of [a, b]) {
      const stored = new Y.Doc();
      Y.applyUpdate(stored, await serverState(instance.url, room, f.cookie('sdp.edustaja')));
      expect(memoText(stored)).toBe(text);
    }
  }, 60_000);

  it('kill -9 of an instance mid-typing: its editors move to the other, nothing saved is lost', async () => {
    const [a, b] = instances as [ServerProcess, ServerProcess];
    const meeting = await f.newMeeting('Palvelin kaatuu');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    // Through the balancer: two editors land on A, two on B.
    const backendOf = (instance: ServerProcess) => ({ host: '127.0.0.1', port: instance.port });
    balancer.backends = [backendOf(a)];
    const typing = {
      kesk: open(balancer.url, room, 'kesk.edustaja'),
      sdp: open(balancer.url, room, 'sdp.edustaja'),
    };
    await Promise.all(Object.values(typing).map((editor) => editor.settled()));
    balancer.backends = [backendOf(b)];
    const others = {
      kok: open(balancer.url, room, 'kok.edustaja'),
      vas: open(balancer.url, room, 'vas.edustaja'),
    };
    const all = { ...typing, ...others };
    await Promise.all(Object.values(others).map((editor) => editor.settled()));
    balancer.backends = [backendOf(a), backendOf(b)];

    const claims = recordSavedClaims(all);
    const stopTyping = startTyping(all, Object.keys(all), 80);
    let killedAt = 0;
    try {
      await pause(1_500);
      await kill9(a.child);
      killedAt = Date.now();
      instances.splice(instances.indexOf(a), 1);
      balancer.backends = [backendOf(b)];
      await pause(2_500);
    } finally {
      stopTyping();
    }
    await waitUntil(
      () => Object.values(all).every((editor) => editor.provider.wsconnected && editor.allSaved()),
      20_000,
      'every editor connected to B and saved',
    );
    claims.stop();
    const movedInMs = Date.now() - killedAt;
    await waitUntil(
      () => Object.values(all).every((editor) => memoText(editor.doc) === memoText(all.kok.doc)),
      5_000,
      'the editors to converge on B',
    );

    // Everything any editor was told was saved is in the store, read by a new instance.
    const fresh = await startInstance();
    const stored = await serverState(fresh.url, room, f.cookie('sdp.edustaja'));
    expect(claims.latest.size).toBe(4);
    for (const [who, claim] of claims.latest)
      expect({ who, ...missingFrom(stored, claim) }).toEqual({ who, items: 0, deletions: 0 });
    const storedDoc = new Y.Doc();
    Y.applyUpdate(storedDoc, stored);
    expect(memoText(storedDoc)).toBe(memoText(all.kok.doc));
    expect(notes(all.kesk, 0)?.toString()).toContain('kes');
    console.log(
      `[instances] kill -9 mid-typing: ${claims.count} "all saved" moments from 4 editors, 0 ` +
        `lost; every editor on B and all saved ${movedInMs} ms after the kill (typing stopped 2.5 s after it)`,
    );
  }, 90_000);
});

describe('one memo on two instances while Redis restarts', () => {
  let redis: TestRedis;
  const instances: ServerProcess[] = [];
  const editors: CollabEditor[] = [];
  afterAll(async () => {
    for (const editor of editors) editor.destroy();
    await Promise.all(instances.map(({ child }) => kill9(child)));
    await redis.stop();
  });

  it('goes on through the store while Redis is down, then live again; nothing saved is lost', async () => {
    redis = await startRedis();
    const env = {
      ...(await demoStorageEnv('mongodb')),
      REDIS_URL: redis.url,
      COLLAB_COMPACT_EVERY: '7',
    };
    const [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    instances.push(a, b);
    const f = await memoFixture(a, PEOPLE);
    const meeting = await f.newMeeting('Redis käynnistyy uudelleen');
    const room = roomName({ kind: 'memo', meetingId: meeting.id });
    const open = (url: string, who: string) => {
      const editor = connectEditor(url, room, f.cookie(who));
      editors.push(editor);
      return editor;
    };
    const onA = { kesk: open(a.url, 'kesk.edustaja'), sdp: open(a.url, 'sdp.edustaja') };
    const onB = { kok: open(b.url, 'kok.edustaja'), vas: open(b.url, 'vas.edustaja') };
    const all = { ...onA, ...onB };
    await Promise.all(Object.values(all).map((editor) => editor.settled()));
    const claims = recordSavedClaims(all);
    let stopTyping = startTyping(all, Object.keys(all), 80);
    try {
      await pause(1_000);
      await redis.kill9();
      // Only A types while Redis is down: B's editors still get the text, read from the store.
      stopTyping();
      stopTyping = startTyping(onA, ['kesk', 'sdp'], 80);
      await pause(1_000);
      stopTyping();
      await waitUntil(
        () =>
          Object.values(all).every(
            (editor) => editor.allSaved() && memoText(editor.doc) === memoText(onA.kesk.doc),
          ),
        10_000,
        "A's text on B's editors while Redis is down",
      );
      expect(redis.running).toBe(false);
      stopTyping = startTyping(all, Object.keys(all), 80);
      await pause(1_000);
      await redis.start();
      await pause(2_000);
    } finally {
      stopTyping();
    }
    await waitUntil(
      () =>
        Object.values(all).every(
          (editor) => editor.allSaved() && memoText(editor.doc) === memoText(onB.kok.doc),
        ),
      15_000,
      'the editors to converge after Redis is back',
    );
    claims.stop();
    // Live again: a word typed on B reaches A without A writing anything.
    notes(onB.vas, 1)!.insert(0, 'Taas suoraan. ');
    await waitUntil(
      () => memoText(onA.sdp.doc).includes('Taas suoraan.'),
      5_000,
      "B's word on A after Redis is back",
    );

    const stored = await serverState(a.url, room, f.cookie('sdp.edustaja'));
    expect(claims.latest.size).toBe(4);
    for (const [who, claim] of claims.latest)
      expect({ who, ...missingFrom(stored, claim) }).toEqual({ who, items: 0, deletions: 0 });
    console.log(
      `[instances] Redis killed and restarted mid-typing: ${claims.count} "all saved" moments ` +
        'from 4 editors, 0 lost',
    );
  }, 90_000);
});
