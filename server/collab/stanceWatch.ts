// Notices when an edit changes a party's stance on an agreed point, so the audit log can say who
// changed which stance. Only the stance word counts: a reworded reason is no stance change, and
// the reason itself never leaves the room this way (it can be confidential).
import type * as Y from 'yjs';
import { STANCES_MAP, stanceEntrySchema, type Stance } from '../../shared/memo/partyDoc';

export interface DetectedStanceChange {
  agreedPointId: string;
  /** The stance before the edit; null when none was stated. */
  from: Stance | null;
  /** The stance after the edit; null when it was cleared. */
  to: Stance | null;
}

function stanceOf(value: unknown): Stance | null {
  const parsed = stanceEntrySchema.safeParse(value);
  return parsed.success ? parsed.data.stance : null;
}

/** Call `onChange(origin, change)` for every stance a transaction on a party room changes. */
export function watchStances(
  doc: Y.Doc,
  onChange: (origin: unknown, change: DetectedStanceChange) => void,
): void {
  doc.getMap<unknown>(STANCES_MAP).observe((event, transaction) => {
    event.changes.keys.forEach((key, agreedPointId) => {
      const from = key.action === 'add' ? null : stanceOf(key.oldValue);
      const to = key.action === 'delete' ? null : stanceOf(event.target.get(agreedPointId));
      if (from !== to) onChange(transaction.origin, { agreedPointId, from, to });
    });
  });
}
