import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting, Member, Party } from '../../../shared/api/types';
import { api } from '../../api';
import { useResource } from '../../useResource';
import { newBlockId } from '../../../shared/memo/format';
import { COLLAB_CLOSE_REASON } from '../../../shared/memo/protocol';
import { isMeetingLocked } from '../../../shared/meetings';
import { can, partySpokenFor, type Actor } from '../../../shared/permissions';
import { isDeputy } from '../../../shared/roles';
import type { MeetingRooms, RoomsSnapshot } from '../../memo/meetingRooms';
import { deleteDatabase, offlineStoreName } from '../../memo/offlineStore';
import { useRoomsSnapshot } from '../../memo/useMeetingRooms';
import type { EditRejected } from '../../../shared/realtime/events';
import { useMeetingRoom } from '../../realtime/useMeetingRoom';
import { isRedacted } from '../Meetings/draft';
import { LockedMemoNotice } from '../Approval/LockedMemoNotice';
import { MemoEditor } from './MemoEditor';
import { RejectionNotice, type Rejection } from './RejectionNotice';
import { MemoRoomContext, type MemoRoomContextValue } from './roomContext';
import { SidePanel } from './SidePanel';
import { StanceTools } from './StanceTools';
import { StatusBar } from './StatusBar';
import { useMemoSummary } from './useMemoSummary';
import { Loading } from '../../components/Loadable';

const NO_MEMBERS: Member[] = [];

interface Props {
  rooms: MeetingRooms;
  meeting: Meeting;
  parties: Party[];
  actor: Actor;
  canEdit: boolean;
  userId: string;
}

/** The open meeting room: status, editor and side panel over the meeting's live rooms. */
export function LiveMemo({ rooms, meeting, parties, actor, canEdit, userId }: Props) {
  const { t } = useTranslation();
  const live = useMeetingRoom(meeting.id);
  const snapshot = useRoomsSnapshot(rooms);
  const summary = useMemoSummary(rooms, parties);

  const status = live.status ?? meeting.status;
  const locked = isMeetingLocked(status) || snapshot.memo.access?.reason === 'locked';
  const memoWritable = canEdit && !locked && snapshot.memo.access?.mode !== 'read';
  const ownPartyId = partySpokenFor(actor);
  const partyWritable =
    !!ownPartyId &&
    can(actor, 'stance.set', { partyId: ownPartyId }) &&
    !locked &&
    snapshot.parties.get(ownPartyId)?.access?.mode !== 'read';
  // The group lets deputies speak only while substituting, and the server says this one is not.
  const deputyNotSubstituting =
    !!ownPartyId &&
    isDeputy(actor.role) &&
    !locked &&
    snapshot.parties.get(ownPartyId)?.access?.mode === 'read';

  const [dissentDrafts, setDissentDrafts] = useState<ReadonlyMap<string, string>>(new Map());
  // Stable for the room (the editor's shortcut holds it); drafts show only while writable.
  const addDissent = useCallback(
    (sectionId: string) => {
      if (!ownPartyId) return false;
      setDissentDrafts((drafts) => new Map(drafts).set(newBlockId('ds'), sectionId));
      return true;
    },
    [ownPartyId],
  );
  const dropDissentDraft = useCallback((dissentId: string) => {
    setDissentDrafts((drafts) => {
      if (!drafts.has(dissentId)) return drafts;
      const next = new Map(drafts);
      next.delete(dissentId);
      return next;
    });
  }, []);

  const caseLinks = useMemo(
    () =>
      new Map(
        meeting.agenda.flatMap((item) =>
          !isRedacted(item) && item.caseLink ? [[item.id, item.caseLink] as const] : [],
        ),
      ),
    [meeting.agenda],
  );

  const loadMembers = useCallback(
    (signal: AbortSignal) => api.members(meeting.groupId, signal),
    [meeting.groupId],
  );
  const loadedMembers = useResource(loadMembers).result;
  const members = loadedMembers.status === 'ready' ? loadedMembers.data : NO_MEMBERS;

  const context = useMemo<MemoRoomContextValue>(
    () => ({
      rooms,
      parties,
      members,
      ownPartyId,
      memoWritable,
      partyWritable,
      dissentDrafts,
      addDissent,
      dropDissentDraft,
      caseLinks,
    }),
    [
      rooms,
      parties,
      members,
      ownPartyId,
      memoWritable,
      partyWritable,
      dissentDrafts,
      addDissent,
      dropDissentDraft,
      caseLinks,
    ],
  );

  const rejections = useRejections(snapshot, live.rejections);
  const reloadFromServer = useCallback(() => {
    const names = [rooms.memo, ...rooms.parties.values()].map((room) =>
      offlineStoreName(userId, room.room),
    );
    void Promise.allSettled(names.map(deleteDatabase)).then(() => window.location.reload());
  }, [rooms, userId]);

  const closedRooms = [snapshot.memo, ...snapshot.parties.values()].filter(
    (room) => room.closedCode !== null,
  );
  // A demoted or removed member's sockets close (collab) or leave the room (Socket.io).
  const accessChanged =
    live.error?.code === 'forbidden' ||
    closedRooms.some((room) => room.closedReason === COLLAB_CLOSE_REASON.membership);
  const sessionEnded =
    !accessChanged && (closedRooms.length > 0 || live.error?.code === 'unauthenticated');

  return (
    <MemoRoomContext value={context}>
      <StatusBar
        save={snapshot.status}
        connection={live.connection}
        presence={live.presence}
        parties={parties}
        offlineEditsMerged={snapshot.offlineEditsMerged}
      />
      {locked && <LockedMemoNotice groupId={meeting.groupId} meetingId={meeting.id} />}
      {deputyNotSubstituting && (
        <p role="status" className="alert alert-info">
          {t('memo.deputyNotSubstituting')}
        </p>
      )}
      {(sessionEnded || accessChanged) && (
        <p role="alert" className="alert alert-error">
          {t(accessChanged ? 'memo.accessChanged' : 'memo.sessionEnded')}
        </p>
      )}
      <RejectionNotice rejections={rejections} onReload={reloadFromServer} />
      <p className="memo-disclaimer">{t('memo.noDecisions')}</p>
      <StanceTools summary={summary} parties={parties} />
      <div className="memo-room">
        <div className="memo-main">
          {snapshot.memo.loaded ? (
            <MemoEditor rooms={rooms} writable={memoWritable} addDissent={addDissent} />
          ) : (
            <Loading
              message={t(
                snapshot.memo.status === 'offline' ? 'memo.waitingForConnection' : 'memo.loading',
              )}
            />
          )}
        </div>
        <SidePanel summary={summary} parties={parties} history={live.history} />
      </div>
    </MemoRoomContext>
  );
}

// Socket.io notices carry no id; the notice objects themselves stay the same between renders.
const noticeKeys = new WeakMap<object, string>();
let lastNoticeKey = 0;
function noticeKey(notice: object): string {
  let key = noticeKeys.get(notice);
  if (!key) {
    lastNoticeKey += 1;
    key = `live:${lastNoticeKey}`;
    noticeKeys.set(notice, key);
  }
  return key;
}

/** Rejections told on the collab socket itself and those reported over Socket.io. */
function useRejections(snapshot: RoomsSnapshot, notices: EditRejected[]): Rejection[] {
  return useMemo(() => {
    const list: Rejection[] = notices.map((notice) => ({
      key: noticeKey(notice),
      reason: notice.reason,
    }));
    for (const room of [snapshot.memo, ...snapshot.parties.values()]) {
      if (room.rejection) {
        list.push({
          key: `collab:${room.rejection.seq}:${room.rejection.reason}`,
          reason: room.rejection.reason,
        });
      }
    }
    return list;
  }, [notices, snapshot]);
}
