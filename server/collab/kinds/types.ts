// What a room kind (memo, party, statement) tells the generic sync core (../room.ts), the update
// validator (../validateUpdate.ts), the upgrade check and the approval's stored-memo reader. The
// core knows nothing of any kind: everything that differs between them is declared here.
import type * as Y from 'yjs';
import type { CollabRoom } from '../../../shared/memo/format';
import type { Actor } from '../../../shared/permissions';
import type { Repositories } from '../../repositories';
import type { Connection } from '../connection';
import type { RoomDeps } from '../roomDeps';
import type { RoomLog } from '../roomLog';
import type { RoomSubject, SubjectRepos } from '../roomSubject';
import type { DocShape } from '../validateUpdate';

/** Who writes, and the room's subject as last read (see `RoomKind.mayWrite`). */
export interface WriterContext {
  userId: string;
  subject: RoomSubject;
}

/** What a loaded room's kind does with the batches it stores (see `RoomKind.watch`). */
export interface BatchEffects {
  /** A batch is about to be applied: forget whatever an earlier, failed one noticed. */
  reset(): void;
  /** The batch is stored, relayed and acknowledged: record what it changed. */
  afterStore(subject: RoomSubject): Promise<void>;
}

export type EffectDeps = Pick<RoomDeps, 'repos' | 'events' | 'audit' | 'logger'>;

/** A write the core refused: read-only, invalid, or not applicable. */
export interface Refusal {
  connection: Connection;
  /** The validator's problem or the reject reason; never any content. */
  problem: string;
  /** The room's subject as last read. */
  subject: RoomSubject;
}

export interface RoomKind<R extends CollabRoom = CollabRoom> {
  /** The layout every update must keep (the validator's only per-kind knowledge). */
  readonly shape: DocShape;
  /** What a 404 calls a room whose subject does not exist: the meeting or the statement. */
  readonly subjectName: string;
  /** A fresh document with the kind's root types declared, before anything refers to them. */
  createDoc(): Y.Doc;
  /** The room's subject as stored now; null when it does not exist. */
  readSubject(repos: SubjectRepos, ref: R): Promise<RoomSubject | null>;
  /** What else the room names that must exist in the subject's group (a 404 names it). */
  missingPart?(groups: Repositories['groups'], ref: R, groupId: string): Promise<string | null>;
  /** The meeting whose Socket.io room hears of refusals and approvals; null if none. */
  meetingOf(ref: R): string | null;
  /**
   * Whether the actor may write this room while it is not locked (the permission table).
   * `writer` names the connection's user and the room's subject as last read, for rules that
   * depend on them (a deputy in a party room, issue 19); without it, the membership alone.
   */
  mayWrite(ref: R, actor: Actor, writer?: WriterContext): boolean;
  /**
   * Whether `mayWrite` depends on the meeting's attendance and the group's rule on deputies
   * (issue 19): such rooms read their subject again when either changes.
   */
  readonly followsAttendance?: boolean;
  /**
   * Content the server adds before anyone sees the document, stored first (with `origin`).
   * The core seeds an unlocked room on load; the stored-memo reader seeds what it reads.
   */
  seed?(log: RoomLog, doc: Y.Doc, subject: RoomSubject, origin: unknown): Promise<void>;
  /** A seal the log met, as read for this batch, that no longer stops anyone. */
  sealIsStale?(sealedFor: { version: number }, subject: RoomSubject): boolean;
  /** Watch a loaded room's document for what stored batches must record. */
  watch?(doc: Y.Doc, ref: R, deps: EffectDeps): BatchEffects;
  /**
   * A write was refused: every invalid update, and a connection's first write while read-only
   * (an editor typing into a locked room would otherwise make one refusal per keystroke).
   */
  onRefused?(ref: R, refusal: Refusal, deps: Pick<RoomDeps, 'audit'>): void;
}
