// The memo of a meeting as the database holds it: the memo room and every party room, read from
// the update log (never from a live room, whose document may be ahead of what is stored).
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { canonicalMemoJson, extractMemoContent, type MemoContent } from '../../shared/memo/content';
import { roomName, type MemoRoom } from '../../shared/memo/format';
import { roomKind } from '../collab/kinds';
import { applyRoomUpdate } from '../collab/roomDoc';
import { RoomLog } from '../collab/roomLog';
import { meetingSubject } from '../collab/roomSubject';
import type { AppContext } from '../context';
import type { MeetingDoc, PartyDoc } from '../db/schema';

/** Transactions that seed a memo read here (no live room is involved). */
const READER_ORIGIN = Symbol('stored memo reader');

export interface StoredMemo {
  content: MemoContent;
  /** canonicalMemoJson(content): exactly what the hash covers and a version stores. */
  canonical: string;
  hash: string;
  /** Y.encodeStateAsUpdate of each room. */
  states: { memo: Uint8Array; parties: { partyId: string; state: Uint8Array }[] };
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Read one room from the log, seeded as opening it would (the memo room's agenda sections). With
 * `seal`, the log is sealed after what was read, so that no writer can store anything after the
 * returned state (a racing writer's update is applied first, or refused by the seal).
 */
async function readRoom(
  ctx: AppContext,
  ref: MemoRoom,
  meeting: MeetingDoc,
  seal: { version: number } | null,
): Promise<Y.Doc> {
  const kind = roomKind(ref);
  const log = new RoomLog(ctx.repos.collabLog, roomName(ref), ctx.logger);
  // The root types declared first and the same seeding, as a live room does.
  const doc = await log.load(() => kind.createDoc());
  await kind.seed?.(log, doc, meetingSubject(meeting), READER_ORIGIN);
  if (seal) {
    await log.seal({ meetingId: meeting._id, version: seal.version }, (update) =>
      applyRoomUpdate(doc, update, READER_ORIGIN),
    );
  }
  return doc;
}

/** The whole memo of `meeting` with the group's parties, as stored (and sealed, if asked). */
export async function readStoredMemo(
  ctx: AppContext,
  meeting: MeetingDoc,
  parties: readonly PartyDoc[],
  seal: { version: number } | null = null,
): Promise<StoredMemo> {
  const meetingId = meeting._id;
  const [memo, ...partyDocs] = await Promise.all([
    readRoom(ctx, { kind: 'memo', meetingId }, meeting, seal),
    ...parties.map((party) =>
      readRoom(ctx, { kind: 'party', meetingId, partyId: party._id }, meeting, seal),
    ),
  ]);
  try {
    const content = extractMemoContent(
      memo,
      parties.map((party, index) => ({
        partyId: party._id,
        shortName: party.shortName,
        name: party.name,
        doc: partyDocs[index]!,
      })),
    );
    const canonical = canonicalMemoJson(content);
    return {
      content,
      canonical,
      hash: sha256Hex(canonical),
      states: {
        memo: Y.encodeStateAsUpdate(memo),
        parties: parties.map((party, index) => ({
          partyId: party._id,
          state: Y.encodeStateAsUpdate(partyDocs[index]!),
        })),
      },
    };
  } finally {
    memo.destroy();
    for (const doc of partyDocs) doc.destroy();
  }
}
