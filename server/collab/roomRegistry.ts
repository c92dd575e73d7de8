// The rooms this instance holds in memory: one per room name, loaded once, unloaded when idle.
import { roomName, type CollabRoom } from '../../shared/memo/format';
import { CLOSE_GOING_AWAY, type Connection } from './connection';
import { Room } from './room';
import type { RoomDeps } from './roomDeps';
import type { RoomSubject } from './roomSubject';

export class RoomRegistry {
  private readonly rooms = new Map<string, Room>();
  /** Rooms being compacted on their way out; a new load waits for that to finish. */
  private readonly unloading = new Map<string, Promise<void>>();

  constructor(
    private readonly deps: RoomDeps,
    private readonly idleMs: number,
  ) {}

  /**
   * The room, created (and its load started) on first use. Concurrent callers share one room
   * and so one load. The caller must join or hold the room before it next awaits anything, or
   * the idle sweep may take it away again.
   */
  async acquire(ref: CollabRoom, subject: RoomSubject): Promise<Room> {
    const name = roomName(ref);
    for (;;) {
      const leaving = this.unloading.get(name);
      if (!leaving) break;
      await leaving;
    }
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const room = new Room(ref, subject, this.deps, (dropped) => this.forget(dropped));
    this.rooms.set(name, room);
    return room;
  }

  private forget(room: Room): void {
    if (this.rooms.get(room.name) === room) this.rooms.delete(room.name);
  }

  roomsOfMeeting(meetingId: string): Room[] {
    return [...this.rooms.values()].filter((room) => room.meetingId === meetingId);
  }

  /** The statement's room if this instance holds it. */
  roomOfStatement(statementId: string): Room | undefined {
    return this.rooms.get(roomName({ kind: 'statement', statementId }));
  }

  *connections(): Generator<Connection> {
    for (const room of this.rooms.values()) yield* room.connections;
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** Compact and unload every room nobody has used for the idle period. */
  sweep(now = Date.now()): void {
    for (const room of this.rooms.values()) {
      const idle =
        room.connections.size === 0 && !room.isBusy && room.lastActive + this.idleMs <= now;
      if (idle) this.unload(room);
    }
  }

  private unload(room: Room): void {
    this.forget(room);
    const done = room
      .unload(CLOSE_GOING_AWAY)
      .catch((error: unknown) =>
        this.deps.logger.error({ err: error, room: room.name }, 'room unload failed'),
      )
      .finally(() => this.unloading.delete(room.name));
    this.unloading.set(room.name, done);
  }

  /** Shutdown: finish and store what is in hand, compact, close every connection. */
  async closeAll(): Promise<void> {
    const rooms = [...this.rooms.values()];
    this.rooms.clear();
    await Promise.all([
      ...rooms.map((room) => room.unload(CLOSE_GOING_AWAY)),
      ...this.unloading.values(),
    ]);
  }
}
