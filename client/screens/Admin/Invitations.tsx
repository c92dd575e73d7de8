import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatedInvitation, Invitation } from '../../../shared/api/types';
import { api } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { PartyOf } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';
import { CreatedInvitationNotice } from './CreatedInvitationNotice';
import { InviteForm } from './InviteForm';

export function Invitations() {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  const load = useCallback((signal: AbortSignal) => api.invitations(group.id, signal), [group.id]);
  const invitations = useResource(load);
  const [created, setCreated] = useState<CreatedInvitation | null>(null);
  const revoke = useAction(async (invitation: Invitation) => {
    await api.revokeInvitation(group.id, invitation.id);
    invitations.update((all) =>
      all.map((i) => (i.id === invitation.id ? { ...i, status: 'revoked' } : i)),
    );
  });

  function invited(invitation: CreatedInvitation) {
    setCreated(invitation);
    invitations.update((all) => [invitation, ...all]);
  }

  return (
    <section aria-labelledby="invitations-heading" className="admin-section">
      <h2 id="invitations-heading" tabIndex={-1}>
        {t('admin.invitations.title')}
      </h2>
      <h3>{t('admin.invitations.invite')}</h3>
      <InviteForm onInvited={invited} />
      <div role="status">{created && <CreatedInvitationNotice invitation={created} />}</div>
      <h3>{t('admin.invitations.list')}</h3>
      <ErrorMessage error={revoke.error} />
      <Loadable resource={invitations}>
        {(list) =>
          list.length === 0 ? (
            <p>{t('admin.invitations.empty')}</p>
          ) : (
            <DataTable
              caption={t('admin.invitations.list')}
              columns={[
                t('admin.invitations.email'),
                t('admin.role'),
                t('admin.party'),
                t('admin.invitations.status'),
                t('admin.invitations.expires'),
                t('admin.actions'),
              ]}
            >
              {list.map((invitation) => (
                <tr key={invitation.id}>
                  <th scope="row">{invitation.email}</th>
                  <td>{t(`roles.${invitation.role}`)}</td>
                  <td>
                    <PartyOf parties={group.parties} partyId={invitation.partyId} />
                  </td>
                  <td>
                    <span className={`status-badge invitation-${invitation.status}`}>
                      {t(`invitationStatus.${invitation.status}`)}
                    </span>
                  </td>
                  <td>{format.date(invitation.expiresAt)}</td>
                  <td>
                    {invitation.status === 'pending' && (
                      <ConfirmButton
                        label={t('admin.invitations.revoke')}
                        accessibleLabel={t('admin.invitations.revokeNamed', {
                          email: invitation.email,
                        })}
                        question={t('admin.invitations.confirmRevoke', {
                          email: invitation.email,
                        })}
                        disabled={revoke.busy}
                        onConfirm={() => revoke.run(invitation)}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loadable>
    </section>
  );
}
