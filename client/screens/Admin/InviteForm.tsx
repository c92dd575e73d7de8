import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateInvitationRequest } from '../../../shared/api/schemas';
import type { CreatedInvitation } from '../../../shared/api/types';
import { assignableRoles } from '../../../shared/permissions';
import { roleMayHaveParty, roleRequiresParty, type Role } from '../../../shared/roles';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useGroup } from '../../group';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { PartySelect, RoleSelect } from './selects';

export function InviteForm({ onInvited }: { onInvited: (invitation: CreatedInvitation) => void }) {
  const { t } = useTranslation();
  const { group, actor } = useGroup();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('representative');
  const [partyId, setPartyId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const invite = useAction(async (request: CreateInvitationRequest) => {
    onInvited(await api.createInvitation(group.id, request));
    setEmail('');
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(CreateInvitationRequest, { email, role, partyId: partyId || null }, t);
    const found = result.ok ? {} : { ...result.errors };
    if (roleRequiresParty(role) && !partyId) found.partyId = t('validation.partyRequired');
    setErrors(found);
    if (result.ok && Object.keys(found).length === 0) invite.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorMessage error={invite.error} messages={{ conflict: t('admin.invitations.conflict') }} />
      <div className="field-row">
        <TextField
          id="invite-email"
          label={t('admin.invitations.email')}
          error={errors.email}
          required
          type="email"
          autoComplete="off"
          value={email}
          onValueChange={setEmail}
        />
        <RoleSelect
          id="invite-role"
          label={t('admin.role')}
          roles={assignableRoles(actor)}
          value={role}
          onChange={setRole}
          error={errors.role}
        />
        <PartySelect
          id="invite-party"
          label={t('admin.party')}
          hint={
            roleRequiresParty(role)
              ? t('admin.partyRequiredHint')
              : roleMayHaveParty(role)
                ? t('admin.partyOptionalHint')
                : t('admin.partyNoneHint')
          }
          parties={group.parties}
          value={partyId}
          onChange={setPartyId}
          error={errors.partyId}
        />
      </div>
      <button type="submit" className="button-primary" disabled={invite.busy}>
        {t('admin.invitations.send')}
      </button>
    </form>
  );
}
