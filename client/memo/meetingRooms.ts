// All rooms of one meeting: the memo room and one room per party (see shared/memo/format.ts).
import { roomName } from '../../shared/memo/format';
import {
  readDissents,
  readStances,
  type PartyDissent,
  type StanceEntry,
} from '../../shared/memo/partyDoc';
import { RoomSync, type RoomSnapshot } from './roomSync';
import { combineSaveStatus, type RoomSaveStatus } from './saveStatus';

export interface PartyPositions {
  stances: ReadonlyMap<string, StanceEntry>;
  dissents: readonly PartyDissent[];
}

export interface RoomsSnapshot {
  memo: RoomSnapshot;
  parties: ReadonlyMap<string, RoomSnapshot>;
  /** The whole meeting's save status: the worst of its rooms. */
  status: RoomSaveStatus;
  /** Grows each time a room has stored in full the edits made without a connection. */
  offlineEditsMerged: number;
}

export class MeetingRooms {
  readonly memo: RoomSync;
  readonly parties: ReadonlyMap<string, RoomSync>;
  private readonly listeners = new Set<() => void>();
  private readonly positionListeners = new Set<() => void>();
  private readonly unsubscribe: (() => void)[] = [];
  private snapshot: RoomsSnapshot;
  private positions: ReadonlyMap<string, PartyPositions>;

  constructor(meetingId: string, partyIds: readonly string[], userId: string) {
    this.memo = new RoomSync(roomName({ kind: 'memo', meetingId }), userId);
    this.parties = new Map(
      partyIds.map((partyId) => [
        partyId,
        new RoomSync(roomName({ kind: 'party', meetingId, partyId }), userId),
      ]),
    );
    this.snapshot = this.computeSnapshot();
    this.positions = this.computePositions();
    for (const room of this.rooms()) this.unsubscribe.push(room.subscribe(this.roomChanged));
    for (const room of this.parties.values()) {
      room.doc.on('update', this.positionsChanged);
      this.unsubscribe.push(() => room.doc.off('update', this.positionsChanged));
    }
  }

  /** The party room's document, or null for a party this meeting does not know. */
  partyDoc(partyId: string) {
    return this.parties.get(partyId)?.doc ?? null;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): RoomsSnapshot => this.snapshot;

  /** Stances and dissents of every party; changes whenever a party room changes. */
  subscribePositions = (listener: () => void): (() => void) => {
    this.positionListeners.add(listener);
    return () => this.positionListeners.delete(listener);
  };

  getPositions = (): ReadonlyMap<string, PartyPositions> => this.positions;

  destroy(): void {
    this.unsubscribe.forEach((stop) => stop());
    this.listeners.clear();
    this.positionListeners.clear();
    for (const room of this.rooms()) room.destroy();
  }

  private rooms(): RoomSync[] {
    return [this.memo, ...this.parties.values()];
  }

  private roomChanged = () => {
    this.snapshot = this.computeSnapshot();
    this.listeners.forEach((listener) => listener());
  };

  private positionsChanged = () => {
    this.positions = this.computePositions();
    this.positionListeners.forEach((listener) => listener());
  };

  private computeSnapshot(): RoomsSnapshot {
    const memo = this.memo.getSnapshot();
    const parties = new Map(
      [...this.parties].map(([partyId, room]) => [partyId, room.getSnapshot()] as const),
    );
    const all = [memo, ...parties.values()];
    return {
      memo,
      parties,
      status: combineSaveStatus(all.map((room) => room.status)),
      offlineEditsMerged: all.reduce((sum, room) => sum + room.offlineEditsMerged, 0),
    };
  }

  private computePositions(): ReadonlyMap<string, PartyPositions> {
    return new Map(
      [...this.parties].map(([partyId, room]) => [
        partyId,
        { stances: readStances(room.doc), dissents: readDissents(room.doc) },
      ]),
    );
  }
}
