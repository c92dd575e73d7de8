// A statement's text as the database holds it: read from its room's update log, never from a live
// room (whose document may be ahead of what is stored), so rounds and answers compare stored words.
// It lives with the consent gate, which reads it at the last consent: server/statements/ uses the
// gate, and the gate never reaches back into server/statements/ (lint-enforced).
import * as Y from 'yjs';
import type { StatementContent } from '../../shared/statements/content';
import {
  canonicalStatementJson,
  statementContent,
  statementFragment,
  statementRoomName,
} from '../../shared/statements/format';
import { sha256Hex } from '../approval/storedMemo';
import { createRoomDoc } from '../collab/roomDoc';
import { RoomLog } from '../collab/roomLog';
import type { AppContext } from '../context';

/** Updates a seal reads on the way (another writer's, stored just before it). */
const SEAL_READER = Symbol('statement seal reader');

export interface StoredStatement {
  content: StatementContent;
  /** sha256Hex(canonicalStatementJson(content)): what a consent round holds. */
  hash: string;
  /** Y.encodeStateAsUpdate of the room. */
  state: Uint8Array;
}

/**
 * The statement's stored text, its hash and its Yjs state (empty for a room never written). With
 * `seal`, the room's log is sealed after what was read, for round `seal.round` (the seal names the
 * statement where a memo's names its meeting): no writer can store anything after the returned
 * words until that round is taken back for editing (a racing writer's update is read first, or
 * refused by the seal, like at a memo's approval).
 */
export async function readStoredStatement(
  ctx: AppContext,
  statementId: string,
  seal: { round: number } | null = null,
): Promise<StoredStatement> {
  const log = new RoomLog(ctx.repos.collabLog, statementRoomName(statementId), ctx.logger);
  const doc = await log.load(() => {
    const fresh = createRoomDoc();
    // Declare the root type first, as a live room does.
    statementFragment(fresh);
    return fresh;
  });
  try {
    if (seal)
      await log.seal({ meetingId: statementId, version: seal.round }, (update) =>
        Y.applyUpdate(doc, update, SEAL_READER),
      );
    const content = statementContent(doc);
    return {
      content,
      hash: sha256Hex(canonicalStatementJson(content)),
      state: Y.encodeStateAsUpdate(doc),
    };
  } finally {
    doc.destroy();
  }
}
