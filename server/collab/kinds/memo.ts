// The memo room: the text every negotiator of the meeting edits, seeded with one section per
// agenda item; confidentiality changes go to the meeting's history.
import { roomName, type MemoRoom } from '../../../shared/memo/format';
import { memoFragment } from '../../../shared/memo/memoDoc';
import { MEMO_LAYOUT } from '../../../shared/memo/schema';
import { can } from '../../../shared/permissions';
import { watchMemoConfidentiality } from '../confidentialityWatch';
import { createRoomDoc } from '../roomDoc';
import { seedAgenda } from '../seedAgenda';
import { ConfidentialityHistory } from './confidentialityHistory';
import { meetingOf, readMeetingSubject } from './meetingRoom';
import type { RoomKind } from './types';

export const memoKind: RoomKind<Extract<MemoRoom, { kind: 'memo' }>> = {
  shape: { layout: MEMO_LAYOUT },
  subjectName: 'Meeting',
  createDoc() {
    const doc = createRoomDoc();
    memoFragment(doc);
    return doc;
  },
  readSubject: readMeetingSubject,
  meetingOf: (ref) => ref.meetingId,
  mayWrite: (_ref, actor) => can(actor, 'memo.edit'),
  seed: (log, doc, subject, origin) => seedAgenda(log, doc, meetingOf(subject).agenda, origin),
  watch(doc, ref, deps) {
    const history = new ConfidentialityHistory(deps, roomName(ref));
    watchMemoConfidentiality(doc, history.note);
    return {
      reset: () => history.reset(),
      afterStore: (subject) => history.record(meetingOf(subject)),
    };
  },
};
