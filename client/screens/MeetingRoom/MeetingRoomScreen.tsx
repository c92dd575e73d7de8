import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Group, Meeting, Party } from '../../../shared/api/types';
import { can, type Actor } from '../../../shared/permissions';
import { api } from '../../api';
import { Loadable, Loading } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useMeetingRooms } from '../../memo/useMeetingRooms';
import { useMe } from '../../session';
import { useResource } from '../../useResource';
import { RoomApproval } from '../Approval/RoomApproval';
import { LoadedReaderMemoStatus } from '../Meetings/MemoNote';
import { MeetingNotFound } from '../Meetings/MeetingNotFound';
import { LiveMemo } from './LiveMemo';

/** The meeting room: the live memo of one meeting, for the group's negotiators. */
export default function MeetingRoomScreen() {
  const { meetingId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => api.meeting(meetingId, signal), [meetingId]);
  const meeting = useResource(load);
  return (
    <Loadable resource={meeting} notFound={<MeetingNotFound />}>
      {(loaded) => <MeetingRoom meeting={loaded} />}
    </Loadable>
  );
}

const ATTENDANCE_ORDER = { present: 0, unknown: 1, absent: 2 } as const;

/** The group's parties with the attending ones first, otherwise in the group's order. */
export function partiesInMeetingOrder(group: Group, meeting: Meeting): Party[] {
  const rank = (party: Party) =>
    ATTENDANCE_ORDER[
      meeting.attendance.find((entry) => entry.partyId === party.id)?.status ?? 'unknown'
    ];
  return [...group.parties].sort((a, b) => rank(a) - rank(b));
}

function MeetingRoom({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const { group, actor } = useGroup();
  const title = t('memo.title', { title: meeting.title });
  if (!can(actor, 'group.negotiate')) {
    // Readers never receive the live memo: they read the approved one, linked once there is one.
    return (
      <Page title={title}>
        <div className="note">
          <LoadedReaderMemoStatus meeting={meeting} />
        </div>
      </Page>
    );
  }
  return <OpenRooms meeting={meeting} group={group} actor={actor} title={title} />;
}

interface OpenProps {
  meeting: Meeting;
  group: Group;
  actor: Actor;
  title: string;
}

function OpenRooms({ meeting, group, actor, title }: OpenProps) {
  const { t } = useTranslation();
  const me = useMe();
  const parties = useMemo(() => partiesInMeetingOrder(group, meeting), [group, meeting]);
  const partyIds = useMemo(() => group.parties.map((party) => party.id), [group.parties]);
  const rooms = useMeetingRooms(meeting.id, partyIds, me.id);
  return (
    <Page
      title={title}
      actions={
        <Link to={`/groups/${group.id}/meetings/${meeting.id}`}>{t('memo.backToMeeting')}</Link>
      }
    >
      <RoomApproval meetingId={meeting.id} />
      {rooms ? (
        <LiveMemo
          rooms={rooms}
          meeting={meeting}
          parties={parties}
          actor={actor}
          canEdit={can(actor, 'memo.edit')}
          userId={me.id}
        />
      ) : (
        <Loading />
      )}
    </Page>
  );
}
