import { createContext, useContext, useSyncExternalStore } from 'react';
import type { Member, Party } from '../../../shared/api/types';
import type { CaseLink } from '../../../shared/caseLinks';
import type { MeetingRooms, PartyPositions } from '../../memo/meetingRooms';

/** What the memo's node views need beyond their own node: rooms, parties and rights. */
export interface MemoRoomContextValue {
  rooms: MeetingRooms;
  /** The group's parties, attending ones first. */
  parties: Party[];
  /** The group's members, for picking a follow-up's owner; empty until loaded. */
  members: Member[];
  /** The person's party when they speak for it (representative or deputy), else null. */
  ownPartyId: string | null;
  /** May write the memo text now (negotiator, connection allows, memo not locked). */
  memoWritable: boolean;
  /** May write their own party's stances and dissents now. */
  partyWritable: boolean;
  /** Dissents started in this browser that have no reasons yet: dissent id → section id. */
  dissentDrafts: ReadonlyMap<string, string>;
  /** Start a new dissent of the person's own party in a section. */
  addDissent: (sectionId: string) => boolean;
  /** Forget a draft once it is stored or removed. */
  dropDissentDraft: (dissentId: string) => void;
  /** The council case each agenda item cites, by agenda item id (shown read-only). */
  caseLinks: ReadonlyMap<string, CaseLink>;
}

export const MemoRoomContext = createContext<MemoRoomContextValue | null>(null);

export function useMemoRoom(): MemoRoomContextValue {
  const value = useContext(MemoRoomContext);
  if (!value) throw new Error('useMemoRoom outside the meeting room');
  return value;
}

/** Every party's stances and dissents, re-rendering whenever a party room changes. */
export function usePositions(rooms: MeetingRooms): ReadonlyMap<string, PartyPositions> {
  return useSyncExternalStore(rooms.subscribePositions, rooms.getPositions);
}
