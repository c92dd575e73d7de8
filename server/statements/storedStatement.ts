// A statement's text as the database holds it: read from its room's update log, never from a live
// room (whose document may be ahead of what is stored), so rounds and answers compare stored words.
import * as Y from 'yjs';
import type { StatementContent } from '../../shared/statement/content';
import {
  canonicalStatementJson,
  statementContent,
  statementFragment,
  statementRoomName,
} from '../../shared/statement/format';
import { sha256Hex } from '../approval/storedMemo';
import { createRoomDoc } from '../collab/roomDoc';
import { RoomLog } from '../collab/roomLog';
import type { AppContext } from '../context';

export interface StoredStatement {
  content: StatementContent;
  /** sha256Hex(canonicalStatementJson(content)): what a consent round holds. */
  hash: string;
  /** Y.encodeStateAsUpdate of the room. */
  state: Uint8Array;
}

/** The statement's stored text, its hash and its Yjs state (empty for a room never written). */
export async function readStoredStatement(
  ctx: AppContext,
  statementId: string,
): Promise<StoredStatement> {
  const log = new RoomLog(ctx.repos.collabLog, statementRoomName(statementId), ctx.logger);
  const doc = await log.load(() => {
    const fresh = createRoomDoc();
    // Declare the root type first, as a live room does.
    statementFragment(fresh);
    return fresh;
  });
  try {
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
