import { useCallback } from 'react';
import type { ApprovedMemoListItem } from '../../../shared/api/memoVersions';
import { memoApi } from '../../memoApi';
import { useMemoDelivered } from '../../notifications/MemoNotifications';
import { useResource, type LoadedResource } from '../../useResource';

/** The group's approved memos, newest first, fetched again whenever a new one is delivered. */
export function useApprovedMemos(groupId: string): LoadedResource<ApprovedMemoListItem[]> {
  const load = useCallback(
    (signal: AbortSignal) => memoApi.approvedMemos(groupId, signal),
    [groupId],
  );
  const memos = useResource(load);
  const { reload } = memos;
  useMemoDelivered((notice) => {
    if (notice.groupId === groupId) reload();
  });
  return memos;
}
