import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, Party } from '../../../shared/api/types';
import { assignableRoles, can } from '../../../shared/permissions';
import { ROLES, roleRequiresParty, type Role } from '../../../shared/roles';
import { api } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { PartyOf } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useMe } from '../../session';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';
import { PartySelect, RoleSelect } from './selects';

/** Group officers first, then party by party, so each party's people stand together. */
function sortMembers(members: Member[], parties: Party[]): Member[] {
  const partyIndex = (member: Member) => parties.findIndex((party) => party.id === member.partyId);
  return [...members].sort(
    (a, b) =>
      partyIndex(a) - partyIndex(b) ||
      ROLES.indexOf(a.role) - ROLES.indexOf(b.role) ||
      a.name.localeCompare(b.name),
  );
}

export function Members() {
  const { t } = useTranslation();
  const { group } = useGroup();
  const load = useCallback((signal: AbortSignal) => api.members(group.id, signal), [group.id]);
  const members = useResource(load);

  return (
    <section aria-labelledby="members-heading" className="admin-section">
      <h2 id="members-heading" tabIndex={-1}>
        {t('admin.members.title')}
      </h2>
      <Loadable resource={members}>
        {(list) => (
          <DataTable
            caption={t('admin.members.title')}
            columns={[
              t('admin.members.name'),
              t('admin.role'),
              t('admin.party'),
              t('admin.actions'),
            ]}
          >
            {sortMembers(list, group.parties).map((member) => (
              <MemberRow
                key={member.userId}
                member={member}
                onSaved={(saved) =>
                  members.update((all) => all.map((m) => (m.userId === saved.userId ? saved : m)))
                }
                onRemoved={() =>
                  members.update((all) => all.filter((m) => m.userId !== member.userId))
                }
              />
            ))}
          </DataTable>
        )}
      </Loadable>
    </section>
  );
}

interface RowProps {
  member: Member;
  onSaved: (member: Member) => void;
  onRemoved: () => void;
}

function MemberRow({ member, onSaved, onRemoved }: RowProps) {
  const { t } = useTranslation();
  const me = useMe();
  const { group, actor } = useGroup();
  const [role, setRole] = useState<Role>(member.role);
  const [partyId, setPartyId] = useState(member.partyId ?? '');
  const [partyError, setPartyError] = useState<string>();
  const save = useAction(async () => {
    onSaved(await api.updateMember(group.id, member.userId, { role, partyId: partyId || null }));
  });
  const remove = useAction(async () => {
    await api.removeMember(group.id, member.userId);
    onRemoved();
  });

  const roles = assignableRoles(actor);
  // One's own membership, or one above one's own powers, is shown but not offered for change.
  const manageable =
    member.userId !== me.id && can(actor, 'member.changeRole', { member, role: member.role });
  const changed = role !== member.role || partyId !== (member.partyId ?? '');
  const prefix = `member-${member.userId}`;

  function submit() {
    if (roleRequiresParty(role) && !partyId) {
      setPartyError(t('validation.partyRequired'));
      return;
    }
    setPartyError(undefined);
    save.run();
  }

  if (!manageable) {
    return (
      <tr>
        <th scope="row">
          {member.name}
          {member.userId === me.id && <span className="muted"> ({t('admin.members.you')})</span>}
          <span className="member-email">{member.email}</span>
        </th>
        <td>{t(`roles.${member.role}`)}</td>
        <td>
          <PartyOf parties={group.parties} partyId={member.partyId} />
        </td>
        <td />
      </tr>
    );
  }

  return (
    <tr>
      <th scope="row">
        {member.name}
        <span className="member-email">{member.email}</span>
      </th>
      <td>
        <RoleSelect
          id={`${prefix}-role`}
          label={t('admin.members.roleOf', { name: member.name })}
          hideLabel
          roles={roles}
          value={role}
          onChange={setRole}
        />
      </td>
      <td>
        <PartySelect
          id={`${prefix}-party`}
          label={t('admin.members.partyOf', { name: member.name })}
          hideLabel
          parties={group.parties}
          value={partyId}
          onChange={setPartyId}
          error={partyError}
        />
      </td>
      <td>
        <div className="button-row">
          <button
            type="button"
            className="button-secondary"
            disabled={!changed || save.busy}
            aria-label={t('admin.members.saveNamed', { name: member.name })}
            onClick={submit}
          >
            {t('common.save')}
          </button>
          <ConfirmButton
            label={t('common.remove')}
            accessibleLabel={t('admin.members.removeNamed', { name: member.name })}
            question={t('admin.members.confirmRemove', { name: member.name })}
            disabled={remove.busy}
            onConfirm={() => remove.run()}
          />
        </div>
        <ErrorMessage
          error={save.error ?? remove.error}
          messages={{
            conflict: t('admin.members.conflict'),
            validation_failed: t('validation.partyRequired'),
          }}
        />
      </td>
    </tr>
  );
}
