import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type MemoReviewDoc } from '../db/schema';

/** The outcome of reviewing the previous memo, one current outcome per (later) meeting. */
export class MemoReviewRepository {
  private readonly reviews: DocCollection<MemoReviewDoc>;
  constructor(db: Database) {
    this.reviews = db.collection<MemoReviewDoc>(COLLECTIONS.memoReviews);
  }

  /**
   * Record `review`; a later recording replaces the earlier one. Two people recording at once
   * both write the whole document, so the last write wins and no mixture of the two is left
   * (no guarded update: FerretDB does not apply those atomically).
   */
  async record(review: MemoReviewDoc): Promise<MemoReviewDoc> {
    if (await insertIfAbsent(this.reviews, review)) return review;
    const { _id, ...fields } = review;
    await this.reviews.updateOne({ _id }, { $set: fields });
    return review;
  }

  findByMeeting(meetingId: string): Promise<MemoReviewDoc | null> {
    return this.reviews.findOne({ _id: meetingId });
  }

  /** The newest review of `meetingId`'s memo held at a later meeting, if any. */
  async findOfMeeting(meetingId: string): Promise<MemoReviewDoc | null> {
    const [newest] = await this.reviews.find(
      { reviewedMeetingId: meetingId },
      { sort: { recordedAt: -1 }, limit: 1 },
    );
    return newest ?? null;
  }
}
