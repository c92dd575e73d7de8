import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type MeetingInvitationDoc } from '../db/schema';

/**
 * The invitations sent for each meeting (issue 19). Sequence n of a meeting is the unique `_id`
 * `<meetingId>#<n>`, so of two sends racing for it one stores it and the other learns it lost.
 */
export class MeetingInvitationRepository {
  private readonly sends: DocCollection<MeetingInvitationDoc>;
  constructor(db: Database) {
    this.sends = db.collection<MeetingInvitationDoc>(COLLECTIONS.meetingInvitations);
  }

  /** The newest send of the meeting, or null when it was never sent. */
  async latest(meetingId: string): Promise<MeetingInvitationDoc | null> {
    const [newest] = await this.sends.find({ meetingId }, { sort: { sequence: -1 }, limit: 1 });
    return newest ?? null;
  }

  /** The newest send of each of these meetings (the calendar feed's SEQUENCE). */
  async latestOf(meetingIds: readonly string[]): Promise<Map<string, MeetingInvitationDoc>> {
    if (meetingIds.length === 0) return new Map();
    const all = await this.sends.find({ meetingId: { $in: [...meetingIds] } });
    const newest = new Map<string, MeetingInvitationDoc>();
    for (const send of all) {
      const seen = newest.get(send.meetingId);
      if (!seen || seen.sequence < send.sequence) newest.set(send.meetingId, send);
    }
    return newest;
  }

  /** True when this call stored sequence `doc.sequence` of the meeting. */
  add(doc: Omit<MeetingInvitationDoc, '_id'>): Promise<boolean> {
    return insertIfAbsent(this.sends, { _id: `${doc.meetingId}#${doc.sequence}`, ...doc });
  }
}
