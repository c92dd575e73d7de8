import { FINISHED_STATUSES, TRACKED_ITEM_STATUSES } from '../../shared/api/memoVersions';
import type { TrackedItemStatus } from '../../shared/api/memoVersions';
import type { TrackedKind, TrackedSource } from '../continuity/extractTracked';
import type { Database, DocCollection, Filter } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type TrackedItemChangeDoc, type TrackedItemDoc } from '../db/schema';

/** Statuses still to be done: what later meetings carry and "my follow-ups" lists first. */
export const UNFINISHED_STATUSES = TRACKED_ITEM_STATUSES.filter(
  (status) => !FINISHED_STATUSES.includes(status),
);

/** A change as recorded, before it has its number. */
export type NewTrackedChange = Pick<
  TrackedItemChangeDoc,
  'status' | 'caseLink' | 'reason' | 'userId' | 'userName'
>;

/**
 * A tracked item's id: its meeting, then where in that meeting's memo it comes from
 * (`TrackedSource.key`). Block and dissent ids are chosen by the editors' browsers, so the
 * meeting is what keeps a later memo that reuses them from ever naming an earlier meeting's item.
 */
export const trackedItemId = (meetingId: string, source: Pick<TrackedSource, 'key'>) =>
  `${meetingId}:${source.key}`;

/**
 * The id items had before they were keyed by meeting (`<groupId>:<kind>:<sourceId>`). Such items
 * stay where they are, still referenced by the meetings that carried them, and their own meeting's
 * later approvals keep updating them.
 */
const legacyTrackedItemId = (groupId: string, source: TrackedSource) =>
  `${groupId}:${source.kind}:${source.sourceId}`;

/** The approved version the items were read from. */
export interface TrackedOrigin {
  groupId: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  version: number;
}

/** Oldest meeting first, then in memo order: what has been open longest comes first. */
function byMeetingAndPosition(a: TrackedItemDoc, b: TrackedItemDoc): number {
  return (
    a.meetingStartsAt.getTime() - b.meetingStartsAt.getTime() ||
    a.meetingId.localeCompare(b.meetingId) ||
    a.position - b.position
  );
}

/**
 * Follow-ups and dissents of approved memos, one document per block per meeting. Tracking a
 * version again refreshes what the memo says but never touches the status people have set since.
 */
export class TrackedItemRepository {
  private readonly items: DocCollection<TrackedItemDoc>;
  private readonly changes: DocCollection<TrackedItemChangeDoc>;
  constructor(db: Database) {
    this.items = db.collection<TrackedItemDoc>(COLLECTIONS.trackedItems);
    this.changes = db.collection<TrackedItemChangeDoc>(COLLECTIONS.trackedItemChanges);
  }

  /**
   * Record what version `origin.version` of a meeting's memo holds: new items start open,
   * existing ones get the approved text and level, and items of the meeting that this version
   * no longer has are marked removed. A version older than the one an item was read from changes
   * nothing of that item (approvals tracked out of order).
   */
  async track(origin: TrackedOrigin, sources: readonly TrackedSource[]): Promise<void> {
    const now = new Date();
    const tracked = new Set<string>();
    for (const source of sources) {
      const existing = await this.findOwn(origin, source);
      const _id = existing?._id ?? trackedItemId(origin.meetingId, source);
      tracked.add(_id);
      const fields = {
        meetingId: origin.meetingId,
        meetingTitle: origin.meetingTitle,
        meetingStartsAt: origin.meetingStartsAt,
        version: origin.version,
        position: source.position,
        sectionTitle: source.sectionTitle,
        text: source.text,
        owner: source.owner,
        ownerRef: source.ownerRef,
        due: source.due,
        partyId: source.partyId,
        confidentiality: source.confidentiality,
        caseLink: source.caseLink,
        removed: false,
        updatedAt: now,
      };
      if (existing && existing.version > origin.version) continue;
      const inserted =
        !existing &&
        (await insertIfAbsent(this.items, {
          _id,
          groupId: origin.groupId,
          kind: source.kind,
          sourceId: source.sourceId,
          ...fields,
          status: 'open',
          statusHistory: [],
          createdAt: now,
        }));
      // Plain $set of the memo's fields: status and history are not among them.
      if (!inserted) await this.items.updateOne({ _id }, { $set: fields });
    }
    const before = await this.items.find({ meetingId: origin.meetingId, removed: false });
    for (const item of before) {
      if (tracked.has(item._id) || item.version > origin.version) continue;
      await this.items.updateOne({ _id: item._id }, { $set: { removed: true, updatedAt: now } });
    }
  }

  /** The item `source` already has from this meeting: under its id, or under its legacy id. */
  private async findOwn(
    origin: TrackedOrigin,
    source: TrackedSource,
  ): Promise<TrackedItemDoc | null> {
    const current = await this.items.findOne({ _id: trackedItemId(origin.meetingId, source) });
    if (current) return current;
    // A legacy id is shared by every meeting of the group: it is this item only when it was
    // read from this meeting, for this party.
    return this.items.findOne({
      _id: legacyTrackedItemId(origin.groupId, source),
      meetingId: origin.meetingId,
      partyId: source.partyId,
    });
  }

  findById(id: string): Promise<TrackedItemDoc | null> {
    return this.items.findOne({ _id: id });
  }

  /** A group's items still in their memos, oldest meeting first, in memo order. */
  async listByGroup(
    groupId: string,
    only: { status?: TrackedItemStatus; kind?: TrackedKind; unfinished?: boolean } = {},
  ): Promise<TrackedItemDoc[]> {
    const filter: Filter<TrackedItemDoc> = { groupId, removed: false };
    if (only.status) filter.status = only.status;
    else if (only.unfinished) filter.status = { $in: UNFINISHED_STATUSES };
    if (only.kind) filter.kind = only.kind;
    return (await this.items.find(filter)).sort(byMeetingAndPosition);
  }

  /** Follow-ups of every group still to be done that have a due date on or before `day`. */
  async unfinishedDueBy(day: string): Promise<TrackedItemDoc[]> {
    const items = await this.items.find({
      kind: 'followUp',
      removed: false,
      status: { $in: UNFINISHED_STATUSES },
    });
    return items.filter((item) => item.due !== '' && item.due <= day);
  }

  /** The items with these ids that are still in their memos, in the order of `ids`. */
  async listByIds(ids: readonly string[]): Promise<TrackedItemDoc[]> {
    if (ids.length === 0) return [];
    const found = new Map(
      (await this.items.find({ _id: { $in: ids }, removed: false })).map((item) => [
        item._id,
        item,
      ]),
    );
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /** Every status change recorded for these items since issue 19, oldest first, by item id. */
  async changesOf(itemIds: readonly string[]): Promise<Map<string, TrackedItemChangeDoc[]>> {
    const byItem = new Map<string, TrackedItemChangeDoc[]>();
    if (itemIds.length === 0) return byItem;
    const found = await this.changes.find({ itemId: { $in: [...itemIds] } });
    for (const change of found.sort((a, b) => a.seq - b.seq)) {
      byItem.set(change.itemId, [...(byItem.get(change.itemId) ?? []), change]);
    }
    return byItem;
  }

  /** The number the item's next change takes: after its newest recorded one. */
  async nextSeq(item: TrackedItemDoc): Promise<number> {
    const newest = (await this.changesOf([item._id])).get(item._id)?.at(-1);
    return (newest?.seq ?? item.statusHistory.length) + 1;
  }

  /**
   * Record `change` as the item's change number `seq`. Null when that number is taken: someone
   * changed the item meanwhile, and the caller says so instead of overwriting their change.
   */
  async recordChange(
    item: TrackedItemDoc,
    seq: number,
    change: NewTrackedChange,
  ): Promise<TrackedItemChangeDoc | null> {
    const doc: TrackedItemChangeDoc = {
      _id: `${item._id}#${seq}`,
      itemId: item._id,
      groupId: item.groupId,
      seq,
      status: change.status,
      caseLink: change.caseLink,
      reason: change.reason,
      userId: change.userId,
      userName: change.userName,
      at: new Date(),
    };
    if (!(await insertIfAbsent(this.changes, doc))) return null;
    await this.copyNewestStatus(item._id);
    return doc;
  }

  /**
   * Copy the newest change's status onto the item (for lists and filters). A plain $set, then a
   * look at whether a newer change came in meanwhile: each writer's last word is the newest it
   * saw after its own write, so two instances writing at once leave the newest status.
   */
  private async copyNewestStatus(itemId: string): Promise<void> {
    let copied = 0;
    for (let round = 0; round < 3; round++) {
      const newest = (await this.changesOf([itemId])).get(itemId)?.at(-1);
      if (!newest || newest.seq === copied) return;
      await this.items.updateOne(
        { _id: itemId },
        { $set: { status: newest.status, statusSeq: newest.seq, updatedAt: newest.at } },
      );
      copied = newest.seq;
    }
  }
}
