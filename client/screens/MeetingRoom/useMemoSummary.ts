import { useEffect, useState } from 'react';
import type { Party } from '../../../shared/api/types';
import { summarizeMemo, type MemoSummary } from '../../../shared/memo/summary';
import type { MeetingRooms } from '../../memo/meetingRooms';

const THROTTLE_MS = 250;

function summarize(rooms: MeetingRooms, parties: readonly Party[]): MemoSummary {
  return summarizeMemo(
    rooms.memo.doc,
    parties.map((party) => ({ partyId: party.id, doc: rooms.partyDoc(party.id) })),
  );
}

/**
 * The memo's summary computed here from the local documents, so it follows every keystroke
 * (at most every 250 ms) and works offline; the server computes the same with the same code.
 */
export function useMemoSummary(rooms: MeetingRooms, parties: readonly Party[]): MemoSummary {
  const [state, setState] = useState(() => ({
    rooms,
    parties,
    summary: summarize(rooms, parties),
  }));

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const recompute = () => {
      timer = null;
      setState({ rooms, parties, summary: summarize(rooms, parties) });
    };
    const schedule = () => {
      timer ??= setTimeout(recompute, THROTTLE_MS);
    };
    const docs = [rooms.memo.doc, ...[...rooms.parties.values()].map((room) => room.doc)];
    docs.forEach((doc) => doc.on('update', schedule));
    schedule();
    return () => {
      if (timer !== null) clearTimeout(timer);
      docs.forEach((doc) => doc.off('update', schedule));
    };
  }, [rooms, parties]);

  return state.rooms === rooms && state.parties === parties
    ? state.summary
    : summarize(rooms, parties);
}
