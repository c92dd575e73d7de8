import type { TrackedItem, TrackedItemStatus } from '../shared/api/memoVersions';
import { groupPath, request, segment } from './api';

export interface TrackedItemQuery {
  status?: TrackedItemStatus;
  kind?: TrackedItem['kind'];
}

/** The continuity endpoints: follow-ups and dissents tracked across meetings. */
export const continuityApi = {
  trackedItems: (groupId: string, query: TrackedItemQuery, signal?: AbortSignal) => {
    const params = new URLSearchParams(
      Object.entries(query).filter((entry): entry is [string, string] => !!entry[1]),
    ).toString();
    const search = params ? `?${params}` : '';
    return request<TrackedItem[]>(
      'GET',
      `${groupPath(groupId)}/tracked-items${search}`,
      undefined,
      signal,
    );
  },
  setStatus: (itemId: string, status: TrackedItemStatus) =>
    request<TrackedItem>('PUT', `/api/tracked-items/${segment(itemId)}/status`, { status }),
};
