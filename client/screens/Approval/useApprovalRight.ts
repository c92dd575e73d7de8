import { useCallback } from 'react';
import { actsForChair } from '../../../shared/actingChair';
import { can } from '../../../shared/permissions';
import { useGroup } from '../../group';
import { memoApi } from '../../memoApi';
import { useDelegationsChanged } from '../../notifications/MemoNotifications';
import { useMe } from '../../session';
import { useResource } from '../../useResource';

/**
 * Whether to offer this person the approval of `meetingId`: the chair, or a vice-chair with a
 * delegation in force for it (issue 19), read again whenever the group's delegations change. Only
 * what to offer: the server checks the delegation again when the approval is sent.
 */
export function useApprovalRight(meetingId: string): { mayApprove: boolean; actingChair: boolean } {
  const { group, actor } = useGroup();
  const me = useMe();
  const onlyWithDelegation =
    !can(actor, 'memo.approve') && can(actor, 'memo.approve', { actingChair: true });
  const load = useCallback(
    (signal: AbortSignal) =>
      onlyWithDelegation ? memoApi.delegations(group.id, signal) : Promise.resolve([]),
    [group.id, onlyWithDelegation],
  );
  const delegations = useResource(load);
  useDelegationsChanged(group.id, delegations.reload);
  const listed = delegations.result.status === 'ready' ? delegations.result.data : [];
  const actingChair = onlyWithDelegation && actsForChair(listed, me.id, meetingId);
  return { mayApprove: can(actor, 'memo.approve', { actingChair }), actingChair };
}
