import { useCallback } from 'react';
import type { ApprovalCheck, MemoHistory } from '../../../shared/api/memoVersions';
import type { Meeting } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { Loadable } from '../../components/Loadable';
import { useGroup } from '../../group';
import { memoApi } from '../../memoApi';
import { useMemoDelivered } from '../../notifications/MemoNotifications';
import { useResource, type LoadedResource } from '../../useResource';
import { useApprovalRight } from './useApprovalRight';
import { ApprovalPanel } from './ApprovalPanel';
import { ReadReceipts } from './ReadReceipts';
import { VersionHistory } from './VersionHistory';

/** A meeting's approval history, fetched again whenever a new version of it is delivered. */
export function useMemoHistory(meetingId: string): LoadedResource<MemoHistory> {
  const load = useCallback(
    (signal: AbortSignal) => memoApi.history(meetingId, signal),
    [meetingId],
  );
  const history = useResource(load);
  const { reload } = history;
  useMemoDelivered((notice) => {
    if (notice.meetingId === meetingId) reload();
  });
  return history;
}

interface Props {
  meeting: Meeting;
  /** From `useMemoHistory`: the meeting page shares it with its "Lue muistio" button. */
  history: LoadedResource<MemoHistory>;
  /** From `useApprovalCheck`: the page's next step reads it too. */
  check: LoadedResource<ApprovalCheck | null>;
  /** Approving or reopening changes the meeting's status too. */
  onMeetingChanged: () => void;
}

/**
 * The memo's approval on the meeting page: the chair's approval panel (once the meeting has
 * started), every member's version history, and the chair's read receipts.
 */
export function MeetingMemoVersions({ meeting, history, check, onMeetingChanged }: Props) {
  const { group, actor } = useGroup();
  const { reload, update } = history;
  const chair = useApprovalRight(meeting.id).mayApprove;

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
              check={check}
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
