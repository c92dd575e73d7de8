import { createContext, useCallback, useContext, useMemo } from 'react';
import { Outlet, useParams } from 'react-router';
import type { Group } from '../shared/api/types';
import type { Actor } from '../shared/permissions';
import { api } from './api';
import { Loadable } from './components/Loadable';
import { useResource } from './useResource';

interface GroupContextValue {
  group: Group;
  /** The person as the permission table sees them in this group. */
  actor: Actor;
  updateGroup: (change: (group: Group) => Group) => void;
}

const GroupContext = createContext<GroupContextValue | null>(null);

function GroupProvider({
  group,
  updateGroup,
}: {
  group: Group;
  updateGroup: (change: (group: Group) => Group) => void;
}) {
  const value = useMemo(
    () => ({ group, actor: { role: group.myRole, partyId: group.myPartyId }, updateGroup }),
    [group, updateGroup],
  );
  return (
    <GroupContext value={value}>
      <Outlet />
    </GroupContext>
  );
}

/** Loads the group of the URL once for all of its screens. */
export function GroupRoute() {
  const { groupId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => api.group(groupId, signal), [groupId]);
  const resource = useResource(load);
  return (
    <Loadable resource={resource}>
      {(group) => <GroupProvider group={group} updateGroup={resource.update} />}
    </Loadable>
  );
}

export function useGroup(): GroupContextValue {
  const value = useContext(GroupContext);
  if (!value) throw new Error('useGroup outside GroupRoute');
  return value;
}
