import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMO_ATTRS, MEMO_NODES, newBlockId, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeStance } from '../../shared/memo/partyDoc';
import {
  MAX_COLLAB_MESSAGE_BYTES,
  MESSAGE_ACCESS,
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SAVED,
  MESSAGE_SYNC,
} from '../../shared/memo/protocol';
import { memoFixture, type MemoFixture } from '../support/memoFixture';
import {
  connectRaw,
  savedCovers,
  serverState,
  syncStep1Frame,
  waitUntil,
  type RawCollabClient,
} from '../support/rawCollab';
import { startTestServer, type TestServer } from '../support/testServer';

// Invariant 5 at the collab endpoint: garbage closes the sender's connection and nothing else.
// Runs on the embedded engine only: the frames are refused before any storage is touched.

const FRAMES = 10_000;
const WORKERS = 4;
/** Most frames close their socket, so this is mostly thousands of authenticated reconnects. */
const FUZZ_TIMEOUT_MS = 120_000;

/** mulberry32: a seeded generator, so a failure replays exactly. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Well-formed frames of every message type, built from real edits of the room. */
function seedFrames(doc: Y.Doc, updates: Uint8Array[]): Uint8Array[] {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState({ user: { name: 'Väärennetty Nimi', colour: '#000' }, cursor: null });
  const frames = [
    syncStep1Frame(doc),
    syncStep1Frame(new Y.Doc()),
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_AWARENESS);
      encoding.writeVarUint8Array(
        e,
        awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]),
      );
    }),
    frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS)),
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_AUTH);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, 'granted');
    }),
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SAVED);
      encoding.writeVarUint8Array(e, Y.encodeStateVector(doc));
    }),
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_ACCESS);
      encoding.writeVarString(e, '{"mode":"write","reason":null}');
    }),
  ];
  for (const update of updates) {
    frames.push(
      frame((e) => (encoding.writeVarUint(e, MESSAGE_SYNC), syncProtocol.writeUpdate(e, update))),
    );
    frames.push(
      frame((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
        encoding.writeVarUint8Array(e, update);
      }),
    );
  }
  return frames;
}

function mutate(next: () => number, seed: Uint8Array): Uint8Array {
  const bytes = Array.from(seed);
  const at = () => Math.floor(next() * Math.max(bytes.length, 1));
  const byte = () => Math.floor(next() * 256);
  switch (Math.floor(next() * 7)) {
    case 0:
      for (let i = 0; i < 1 + Math.floor(next() * 3); i++) {
        const index = at();
        bytes[index] = (bytes[index] ?? 0) ^ (1 << Math.floor(next() * 8));
      }
      break;
    case 1:
      bytes.length = at();
      break;
    case 2:
      for (let i = 0; i < 1 + Math.floor(next() * 16); i++) bytes.push(byte());
      break;
    case 3:
      bytes.splice(at(), 0, byte());
      break;
    case 4:
      bytes.splice(at(), 1);
      break;
    case 5:
      // A length or clock inflated to the largest varint lib0 reads.
      bytes.splice(at(), 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f);
      break;
    default:
      bytes[0] = byte();
  }
  return new Uint8Array(bytes);
}

/**
 * Whether Yjs itself would read `bytes` as one complete sync update that cleanly changes `doc`.
 * Such a frame is an ordinary edit, not a hostile one, so the writer fuzz leaves it out.
 */
function isCleanEdit(doc: Y.Doc, bytes: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(bytes);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return false;
    const type = decoding.readVarUint(decoder);
    if (type !== syncProtocol.messageYjsSyncStep2 && type !== syncProtocol.messageYjsUpdate) {
      return false;
    }
    const update = decoding.readVarUint8Array(decoder);
    if (decoding.hasContent(decoder)) return false;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateAsUpdate(copy);
    Y.applyUpdate(copy, update);
    const clean = copy.store.pendingStructs === null && copy.store.pendingDs === null;
    return clean && !equalBytes(before, Y.encodeStateAsUpdate(copy));
  } catch {
    return false;
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array) {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/**
 * Send each frame followed by a sync step 1 probe, and wait for the probe's answer or the
 * server closing the socket; reconnect after every close. Returns how many frames closed it.
 */
async function hammer(
  open: () => Promise<RawCollabClient>,
  frames: Uint8Array[],
  probe: Uint8Array,
): Promise<number> {
  let client = await open();
  let closes = 0;
  let last: Uint8Array | null = null;
  const reopen = async () => {
    try {
      return await open();
    } catch (error) {
      const hex = last ? Buffer.from(last).toString('hex') : '';
      throw new Error(`no new connection after frame ${hex}: ${String(error)}`, { cause: error });
    }
  };
  for (const bytes of frames) {
    last = bytes;
    const answered = client.syncAnswers;
    client.send(bytes);
    if (client.ws.readyState === client.ws.OPEN) client.send(probe);
    await client.answerOrClose(answered);
    if (client.ws.readyState !== client.ws.OPEN) {
      closes += 1;
      await client.close();
      client = await reopen();
    }
  }
  await client.close();
  return closes;
}

describe('fuzzing the collab endpoint', () => {
  let t: TestServer;
  let f: MemoFixture;
  let memoRoom: string;
  let sdpRoom: string;
  const editorUpdates: Uint8Array[] = [];
  const partyUpdates: Uint8Array[] = [];

  beforeAll(async () => {
    // Thousands of reconnects and frames from one session: the quotas (collabQuotas.test.ts)
    // would rightly slow them down, and this file is about what the frames do, not their pace.
    t = await startTestServer({
      seedDemo: true,
      env: {
        COLLAB_SESSION_UPGRADES_PER_MINUTE: '1000000',
        COLLAB_UPDATES_PER_SECOND: '100000',
      },
    });
    f = await memoFixture(t, ['kesk.edustaja', 'sdp.edustaja']);
    const meeting = await f.newMeeting('Sumea kokous');
    memoRoom = roomName({ kind: 'memo', meetingId: meeting.id });
    sdpRoom = roomName({ kind: 'party', meetingId: meeting.id, partyId: f.partyIds.SDP! });

    // Real edits of both rooms, stored by the server: the raw material of the mutations.
    const chair = await connectRaw(t.url, memoRoom, f.cookie('puheenjohtaja'));
    chair.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') editorUpdates.push(update);
    });
    const section = memoFragment(chair.doc).get(0) as Y.XmlElement;
    const paragraph = section.get(1) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText('Keskusteltiin talousarviosta.')]);
    const point = new Y.XmlElement(MEMO_NODES.agreedPoint);
    point.setAttribute(MEMO_ATTRS.id, newBlockId('ap'));
    point.setAttribute(MEMO_ATTRS.confidentiality, 'confidential');
    const pointText = new Y.XmlElement(MEMO_NODES.paragraph);
    pointText.insert(0, [new Y.XmlText('Jatkovalmistellaan yhdessä.')]);
    point.insert(0, [pointText]);
    section.insert(2, [point]);
    (pointText.get(0) as Y.XmlText).format(0, 5, { bold: true });
    (paragraph.get(0) as Y.XmlText).delete(0, 3);
    for (const update of editorUpdates) chair.sendUpdate(update);
    await waitUntil(() => savedCovers(chair), 5_000, 'saved');
    await chair.close();

    const sdp = await connectRaw(t.url, sdpRoom, f.cookie('sdp.edustaja'));
    sdp.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'server') partyUpdates.push(update);
    });
    writeStance(sdp.doc, newBlockId('ap'), { stance: 'dissent', reason: 'Ei näillä tiedoilla.' });
    for (const update of partyUpdates) sdp.sendUpdate(update);
    await waitUntil(() => savedCovers(sdp), 5_000, 'saved');
    await sdp.close();
  });
  afterAll(() => t.close());

  it(
    `${FRAMES} random and mutated frames from an editor leave the server up and the memo byte-identical`,
    async () => {
      const before = await serverState(t.url, memoRoom, f.cookie('puheenjohtaja'));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, before);
      const seeds = seedFrames(doc, editorUpdates);
      const next = random(0x5eed);
      const frames: Uint8Array[] = [];
      let cleanEdits = 0;
      while (frames.length < FRAMES) {
        const bytes =
          next() < 0.3
            ? new Uint8Array(
                Array.from({ length: Math.floor(next() * 256) }, () => Math.floor(next() * 256)),
              )
            : mutate(next, seeds[Math.floor(next() * seeds.length)]!);
        if (isCleanEdit(doc, bytes)) cleanEdits += 1;
        else frames.push(bytes);
      }
      const probe = syncStep1Frame(doc);
      const share = Math.ceil(FRAMES / WORKERS);
      const closes = await Promise.all(
        Array.from({ length: WORKERS }, (_, worker) =>
          hammer(
            () => connectRaw(t.url, memoRoom, f.cookie('puheenjohtaja')),
            frames.slice(worker * share, (worker + 1) * share),
            probe,
          ),
        ),
      );

      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      expect(await serverState(t.url, memoRoom, f.cookie('sdp.edustaja'))).toEqual(before);
      // Most garbage is caught as garbage; the rest (e.g. a replayed update) changes nothing.
      expect(closes.reduce((a, b) => a + b, 0)).toBeGreaterThan(FRAMES / 2);
      expect(cleanEdits).toBeLessThan(FRAMES / 10);

      // The room still takes ordinary edits afterwards.
      const editor = await connectRaw(t.url, memoRoom, f.cookie('sdp.edustaja'));
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(editor.doc));
      const sv = Y.encodeStateVector(copy);
      ((memoFragment(copy).get(0) as Y.XmlElement).get(1) as Y.XmlElement).insert(0, [
        new Y.XmlText('Vielä toimii. '),
      ]);
      editor.sendUpdate(Y.encodeStateAsUpdate(copy, sv));
      await waitUntil(() => savedCovers(editor, copy), 5_000, 'saved');
      expect(editor.rejections).toEqual([]);
      await editor.close();
    },
    FUZZ_TIMEOUT_MS,
  );

  it(
    'valid and mutated writes to another party’s room all bounce off, byte for byte',
    async () => {
      const before = await serverState(t.url, sdpRoom, f.cookie('sdp.edustaja'));
      const doc = new Y.Doc();
      Y.applyUpdate(doc, before);
      const forged = new Y.Doc();
      Y.applyUpdate(forged, before);
      const sv = Y.encodeStateVector(forged);
      writeStance(forged, newBlockId('ap'), { stance: 'agree', reason: '' });
      const seeds = seedFrames(doc, [...partyUpdates, Y.encodeStateAsUpdate(forged, sv)]);
      const next = random(0xbad);
      // No filter here: even a perfectly valid update must not land.
      const frames = Array.from({ length: 1_000 }, (_, i) =>
        i % 4 === 0
          ? seeds[i % seeds.length]!
          : mutate(next, seeds[Math.floor(next() * seeds.length)]!),
      );
      await hammer(
        () => connectRaw(t.url, sdpRoom, f.cookie('kesk.edustaja')),
        frames,
        syncStep1Frame(doc),
      );
      expect((await fetch(`${t.url}/healthz`)).status).toBe(200);
      expect(await serverState(t.url, sdpRoom, f.cookie('sdp.edustaja'))).toEqual(before);
    },
    FUZZ_TIMEOUT_MS,
  );

  it('an oversized frame closes only its own connection', async () => {
    const bystander = await connectRaw(t.url, memoRoom, f.cookie('sdp.edustaja'));
    const sender = await connectRaw(t.url, memoRoom, f.cookie('kesk.edustaja'));
    sender.send(new Uint8Array(MAX_COLLAB_MESSAGE_BYTES + 1024));
    expect((await sender.closed).code).toBe(1009);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(bystander.doc));
    const sv = Y.encodeStateVector(copy);
    ((memoFragment(copy).get(0) as Y.XmlElement).get(1) as Y.XmlElement).insert(0, [
      new Y.XmlText('Yhteys pysyi. '),
    ]);
    bystander.sendUpdate(Y.encodeStateAsUpdate(copy, sv));
    await waitUntil(() => savedCovers(bystander, copy), 5_000, 'saved');
    expect(bystander.ws.readyState).toBe(bystander.ws.OPEN);
    await bystander.close();
  });
});
