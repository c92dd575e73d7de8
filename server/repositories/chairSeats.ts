import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type ChairSeatDoc, type MembershipDoc } from '../db/schema';

/** A seat whose holder never became chair (a crash between the two writes) is free after this. */
const STALE_SEAT_MS = 60_000;

/**
 * "One chair per group" as a unique-key insert: FerretDB applies conditional updates
 * non-atomically, so two assignments checked at the same moment could otherwise both win.
 */
export class ChairSeatRepository {
  private readonly seats: DocCollection<ChairSeatDoc>;
  private readonly memberships: DocCollection<MembershipDoc>;
  constructor(db: Database) {
    this.seats = db.collection<ChairSeatDoc>(COLLECTIONS.chairSeats);
    this.memberships = db.collection<MembershipDoc>(COLLECTIONS.memberships);
  }

  /** Take the group's chair seat for `userId`; false when someone else is or is becoming chair. */
  async take(groupId: string, userId: string, now = new Date()): Promise<boolean> {
    const chair = await this.memberships.findOne({ groupId, role: 'chair' });
    if (chair && chair.userId !== userId) return false;
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await insertIfAbsent(this.seats, { _id: groupId, holder: userId, at: now })) return true;
      const seat = await this.seats.findOne({ _id: groupId });
      if (!seat) continue;
      if (seat.holder === userId) return true;
      const holderIsChair = await this.memberships.findOne({
        groupId,
        userId: seat.holder,
        role: 'chair',
      });
      if (holderIsChair || now.getTime() - seat.at.getTime() < STALE_SEAT_MS) return false;
      await this.seats.deleteOne({ _id: groupId, holder: seat.holder });
    }
    return false;
  }

  /** Give the seat up when `userId` stops being chair. */
  async release(groupId: string, userId: string): Promise<void> {
    await this.seats.deleteOne({ _id: groupId, holder: userId });
  }
}
