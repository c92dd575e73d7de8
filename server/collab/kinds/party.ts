// A party room: one party's stances on the agreed points and its dissents, written only by those
// who speak for the party. Stance changes go to the audit log, dissents' confidentiality changes
// to the meeting's history.
import type { MemoRoom } from '../../../shared/memo/format';
import { roomName } from '../../../shared/memo/format';
import {
  DISSENTS_MAP,
  PARTY_DOC_ROOTS,
  STANCES_MAP,
  isValidPartyDocKey,
  isValidPartyDocValue,
} from '../../../shared/memo/partyDoc';
import { can } from '../../../shared/permissions';
import type { MeetingDoc } from '../../db/schema';
import { watchDissentConfidentiality } from '../confidentialityWatch';
import { Connection } from '../connection';
import { createRoomDoc } from '../roomDoc';
import { watchStances, type DetectedStanceChange } from '../stanceWatch';
import { ConfidentialityHistory } from './confidentialityHistory';
import { meetingOf, readSpeakingSubject } from './meetingRoom';
import { deputiesSpeakIn, speakingActor } from '../../attendance/speaking';
import type { EffectDeps, RoomKind } from './types';
import { actorOfConnection } from '../../audit/actors';

type PartyRoom = Extract<MemoRoom, { kind: 'party' }>;

export const partyKind: RoomKind<PartyRoom> = {
  shape: {
    maps: PARTY_DOC_ROOTS,
    isValidKey: isValidPartyDocKey,
    isValidValue: isValidPartyDocValue,
  },
  subjectName: 'Meeting',
  createDoc() {
    const doc = createRoomDoc();
    doc.getMap(STANCES_MAP);
    doc.getMap(DISSENTS_MAP);
    return doc;
  },
  readSubject: readSpeakingSubject,
  async missingPart(groups, ref, groupId) {
    return (await groups.findParty(groupId, ref.partyId)) ? null : 'Party';
  },
  meetingOf: (ref) => ref.meetingId,
  followsAttendance: true,
  // A deputy writes only while they speak for the party in this meeting (issue 19).
  mayWrite: (ref, actor, writer) =>
    can(
      writer?.subject.kind === 'meeting'
        ? speakingActor(
            actor,
            writer.userId,
            writer.subject.deputiesSpeak ?? deputiesSpeakIn(null),
            writer.subject.meeting,
          )
        : actor,
      'stance.set',
      { partyId: ref.partyId },
    ),
  watch(doc, ref, deps) {
    const history = new ConfidentialityHistory(deps, roomName(ref));
    watchDissentConfidentiality(doc, history.note);
    let stances: { connection: Connection; change: DetectedStanceChange }[] = [];
    watchStances(doc, (origin, change) => {
      if (origin instanceof Connection) stances.push({ connection: origin, change });
    });
    return {
      reset() {
        history.reset();
        stances = [];
      },
      async afterStore(subject) {
        const meeting = meetingOf(subject);
        await history.record(meeting);
        const changes = stances;
        stances = [];
        await auditStances(deps, ref, meeting, changes);
      },
    };
  },
};

/** Each stance a stored batch changed goes to the audit log: the stance word, not the reason. */
async function auditStances(
  deps: EffectDeps,
  ref: PartyRoom,
  meeting: MeetingDoc,
  changes: readonly { connection: Connection; change: DetectedStanceChange }[],
): Promise<void> {
  for (const { connection, change } of changes) {
    await deps.audit.record({
      groupId: meeting.groupId,
      actor: actorOfConnection(connection),
      action: 'stance.change',
      target: { type: 'agreedPoint', id: change.agreedPointId },
      details: {
        partyId: ref.partyId,
        stance: change.to,
        previous: change.from,
        meetingId: meeting._id,
        meetingTitle: meeting.title,
      },
    });
  }
}
