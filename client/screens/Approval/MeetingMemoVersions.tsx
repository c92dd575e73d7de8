import { useCallback } from 'react';
import type { MemoHistory } from '../../../shared/api/memoVersions';
import type { Meeting } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { Loadable } from '../../components/Loadable';
import { useGroup } from '../../group';
import { memoApi } from '../../memoApi';
import { useMemoDelivered } from '../../notifications/MemoNotifications';
import { useResource } from '../../useResource';
import { ApprovalPanel } from './ApprovalPanel';
import { ReadReceipts } from './ReadReceipts';
import { VersionHistory } from './VersionHistory';

interface Props {
  meeting: Meeting;
  /** Approving or reopening changes the meeting's status too. */
  onMeetingChanged: () => void;
}

/**
 * The memo's approval on the meeting page: the chair's approval panel (once the meeting has
 * started), every member's version history, and the chair's read receipts.
 */
export function MeetingMemoVersions({ meeting, onMeetingChanged }: Props) {
  const { group, actor } = useGroup();
  const load = useCallback(
    (signal: AbortSignal) => memoApi.history(meeting.id, signal),
    [meeting.id],
  );
  const history = useResource(load);
  const { reload, update } = history;
  useMemoDelivered((notice) => {
    if (notice.meetingId === meeting.id) reload();
  });
  const chair = can(actor, 'memo.approve');

  function changed(next?: MemoHistory) {
    if (next) update(() => next);
    else reload();
    onMeetingChanged();
  }

  return (
    <Loadable resource={history}>
      {(loaded) => (
        <>
          {chair && meeting.status !== 'planned' && (
            <ApprovalPanel
              groupId={group.id}
              meetingId={meeting.id}
              history={loaded}
              onChanged={changed}
            />
          )}
          <VersionHistory groupId={group.id} history={loaded} />
          {can(actor, 'receipts.view') && loaded.versions.length > 0 && (
            // Keyed by the version count: a new version brings a new column.
            <ReadReceipts key={loaded.versions.length} meetingId={meeting.id} />
          )}
        </>
      )}
    </Loadable>
  );
}
