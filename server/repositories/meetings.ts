import { randomUUID } from 'node:crypto';
import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type MeetingDoc, type MeetingRevisionDoc } from '../db/schema';
import { insertIfAbsent } from '../db/insertIfAbsent';

export type MeetingFields = Pick<
  MeetingDoc,
  'title' | 'startsAt' | 'location' | 'videoLink' | 'councilMeetingDate' | 'agenda'
> &
  Partial<Pick<MeetingDoc, 'review' | 'carriedItemIds'>>;

/** How many of the nearest earlier meetings one query reads when looking for the previous one. */
const NEAREST_MEETINGS = 4;

/**
 * Meetings are a chain of immutable revisions. An edit inserts revision n+1 under a unique key, so
 * of two edits from the same revision exactly one wins on every engine. The `meetings` collection
 * is the latest state for listing; a read rolls it forward if a crash left it behind.
 */
export class MeetingRepository {
  private readonly meetings: DocCollection<MeetingDoc>;
  private readonly revisions: DocCollection<MeetingRevisionDoc>;
  constructor(db: Database) {
    this.meetings = db.collection<MeetingDoc>(COLLECTIONS.meetings);
    this.revisions = db.collection<MeetingRevisionDoc>(COLLECTIONS.meetingRevisions);
  }

  async create(groupId: string, createdBy: string, fields: MeetingFields) {
    const now = new Date();
    const meeting: MeetingDoc = {
      _id: randomUUID(),
      groupId,
      ...fields,
      status: 'planned',
      attendance: [],
      revision: 0,
      createdBy,
      createdAt: now,
      updatedAt: now,
    };
    await this.insertRevision(meeting);
    await this.meetings.insertOne(meeting);
    return meeting;
  }

  async findById(id: string): Promise<MeetingDoc | null> {
    const cached = await this.meetings.findOne({ _id: id });
    return cached && this.rollForward(cached);
  }

  listByGroup(groupId: string) {
    return this.meetings.find({ groupId }, { sort: { startsAt: -1 } });
  }

  /**
   * The group's latest meeting dated before `startsAt` that was held (not cancelled), other than
   * `exceptId`: the meeting whose memo a later one reviews. Asks the database for the few
   * nearest; only when a crash left their cached state behind (a cancellation not yet in it) does
   * it read further.
   */
  async latestHeldBefore(
    groupId: string,
    startsAt: Date,
    exceptId?: string,
  ): Promise<MeetingDoc | null> {
    const filter = { groupId, startsAt: { $lt: startsAt }, status: { $ne: 'cancelled' as const } };
    for (const limit of [NEAREST_MEETINGS, 0]) {
      const candidates = await this.meetings.find(filter, {
        sort: { startsAt: -1 },
        ...(limit && { limit }),
      });
      for (const cached of candidates) {
        if (cached._id === exceptId) continue;
        const meeting = await this.rollForward(cached);
        if (meeting.status !== 'cancelled') return meeting;
      }
      if (candidates.length < NEAREST_MEETINGS) break;
    }
    return null;
  }

  /**
   * Write `changes` as the revision after `base`. Null when another edit already took that
   * revision: the caller reports a conflict instead of overwriting someone's work.
   */
  async commit(base: MeetingDoc, changes: Partial<Omit<MeetingDoc, '_id' | 'revision'>>) {
    const next: MeetingDoc = {
      ...base,
      ...changes,
      revision: base.revision + 1,
      updatedAt: new Date(),
    };
    if (!(await this.insertRevision(next))) return null;
    await this.updateCache(next);
    return next;
  }

  private insertRevision(meeting: MeetingDoc): Promise<boolean> {
    const { _id, ...state } = meeting;
    return insertIfAbsent(this.revisions, {
      _id: `${_id}:${meeting.revision}`,
      meetingId: _id,
      revision: meeting.revision,
      state,
      at: new Date(),
    });
  }

  private async updateCache(meeting: MeetingDoc) {
    const { _id, ...state } = meeting;
    await this.meetings.updateOne({ _id, revision: { $lt: meeting.revision } }, { $set: state });
  }

  private async rollForward(cached: MeetingDoc): Promise<MeetingDoc> {
    const [latest] = await this.revisions.find(
      { meetingId: cached._id, revision: { $gt: cached.revision } },
      { sort: { revision: -1 }, limit: 1 },
    );
    if (!latest) return cached;
    const meeting: MeetingDoc = { _id: cached._id, ...latest.state };
    await this.updateCache(meeting);
    return meeting;
  }
}
