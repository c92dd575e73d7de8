// Seeding a memo room with one section per agenda item, stored like anyone's edit.
import * as Y from 'yjs';
import type { AgendaItem } from '../../shared/meetings';
import { appendAgendaSections } from '../../shared/memo/memoDoc';
import { applyRoomUpdate, createRoomDoc } from './roomDoc';
import { LOG_ORIGIN, type RoomLog } from './roomLog';

const MAX_SEED_ATTEMPTS = 5;

/**
 * Add a section for each agenda item that has none yet. The change is stored before `doc` shows
 * it (applied with `origin`); a lost race with another writer is retried from their state.
 */
export async function seedAgenda(
  log: RoomLog,
  doc: Y.Doc,
  agenda: readonly AgendaItem[],
  origin: unknown,
): Promise<void> {
  const sections = agenda.map((item) => ({
    agendaItemId: item.id,
    title: item.title,
    confidentiality: item.confidentiality,
    description: item.description,
  }));
  for (let attempt = 0; attempt < MAX_SEED_ATTEMPTS; attempt++) {
    const scratch = createRoomDoc();
    applyRoomUpdate(scratch, Y.encodeStateAsUpdate(doc), null);
    const before = Y.encodeStateVector(scratch);
    const added = appendAgendaSections(scratch, sections);
    const update = Y.encodeStateAsUpdate(scratch, before);
    scratch.destroy();
    if (added === 0) return;
    if ((await log.appendIfNext(update)) !== null) {
      applyRoomUpdate(doc, update, origin);
      return;
    }
    await log.catchUp((foreign) => applyRoomUpdate(doc, foreign, LOG_ORIGIN));
  }
  throw new Error(`could not seed the agenda of ${log.room}`);
}
