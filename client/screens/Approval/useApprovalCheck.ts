import { useCallback } from 'react';
import type { ApprovalCheck } from '../../../shared/api/memoVersions';
import { memoApi } from '../../memoApi';
import { useResource, type LoadedResource } from '../../useResource';

/**
 * The chair's check of the draft, loaded only while `wanted` (it reads the whole draft on the
 * server). One load serves both the approval panel and the meeting page's next step, so that
 * "check again" in the panel updates both.
 */
export function useApprovalCheck(
  meetingId: string,
  wanted: boolean,
): LoadedResource<ApprovalCheck | null> {
  const load = useCallback(
    (signal: AbortSignal) =>
      wanted ? memoApi.approvalCheck(meetingId, signal) : Promise.resolve(null),
    [meetingId, wanted],
  );
  return useResource(load);
}
