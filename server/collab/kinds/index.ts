// The room kinds the collab endpoint serves, by the `kind` of their room reference
// (shared/memo/format.ts). A new kind is one module here, registered in this table.
import type { CollabRoom } from '../../../shared/memo/format';
import { memoKind } from './memo';
import { partyKind } from './party';
import { statementKind } from './statement';
import type { RoomKind } from './types';

export const ROOM_KINDS: {
  readonly [K in CollabRoom['kind']]: RoomKind<Extract<CollabRoom, { kind: K }>>;
} = {
  memo: memoKind,
  party: partyKind,
  statement: statementKind,
};

/** The descriptor of the room's kind; pass it this same `ref`. */
export function roomKind(ref: CollabRoom): RoomKind {
  return ROOM_KINDS[ref.kind];
}

export type { BatchEffects, RoomKind } from './types';
