import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type MemoVersionDoc } from '../db/schema';

const VERSION_DIGITS = 6;
export const memoVersionId = (meetingId: string, version: number) =>
  `${meetingId}:${String(version).padStart(VERSION_DIGITS, '0')}`;

/**
 * Approved memo versions. Insert-only: nothing here updates or deletes a version, and the unique
 * id means one approval, and only one, creates version n of a meeting.
 */
export class MemoVersionRepository {
  private readonly versions: DocCollection<MemoVersionDoc>;
  constructor(db: Database) {
    this.versions = db.collection<MemoVersionDoc>(COLLECTIONS.memoVersions);
  }

  /** False when the version already exists (another approval or instance created it). */
  insert(doc: MemoVersionDoc): Promise<boolean> {
    return insertIfAbsent(this.versions, doc);
  }

  find(meetingId: string, version: number): Promise<MemoVersionDoc | null> {
    return this.versions.findOne({ _id: memoVersionId(meetingId, version) });
  }

  /** A meeting's versions, oldest first. */
  list(meetingId: string): Promise<MemoVersionDoc[]> {
    return this.versions.find({ meetingId }, { sort: { version: 1 } });
  }

  /** A meeting's newest approved version, or null when it has none. */
  async newestOfMeeting(meetingId: string): Promise<MemoVersionDoc | null> {
    const [newest] = await this.versions.find({ meetingId }, { sort: { version: -1 }, limit: 1 });
    return newest ?? null;
  }

  /** Every version in a group, newest approval first. */
  listByGroup(groupId: string): Promise<MemoVersionDoc[]> {
    return this.versions.find({ groupId }, { sort: { approvedAt: -1 } });
  }
}
