import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AcceptInvitationRequest } from '../../../shared/api/schemas';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { NewPasswordFields, withConfirmation } from '../../components/NewPasswordFields';
import { TextField } from '../../components/TextField';
import { currentLocale } from '../../i18n';
import { useSession } from '../../session';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';

/** Accepting an invitation by creating an account: name and password, then straight in. */
export function NewAccountForm({ token }: { token: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const accept = useAction(async (request: AcceptInvitationRequest) => {
    let me = await api.acceptInvitation(request);
    // A new account keeps the language the person chose while reading the invitation.
    const chosen = currentLocale();
    if (me.locale !== chosen) me = await api.updateMe({ locale: chosen }).catch(() => me);
    session.signIn(me);
    await navigate('/', { replace: true });
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(AcceptInvitationRequest, { token, name, password }, t);
    const found = withConfirmation(result.ok ? {} : result.errors, password, confirmation, t);
    setErrors(found);
    if (result.ok && Object.keys(found).length === 0) accept.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <h2>{t('invite.createAccount')}</h2>
      <ErrorMessage error={accept.error} messages={{ not_found: t('invite.invalid') }} />
      <TextField
        id="invite-name"
        label={t('invite.name')}
        error={errors.name}
        required
        autoComplete="name"
        value={name}
        onValueChange={setName}
      />
      <NewPasswordFields
        idPrefix="invite"
        labels={{ password: t('invite.password'), confirmation: t('invite.passwordConfirmation') }}
        hint={t('invite.passwordHint')}
        password={password}
        confirmation={confirmation}
        onPasswordChange={setPassword}
        onConfirmationChange={setConfirmation}
        errors={errors}
      />
      <button type="submit" className="button-primary" disabled={accept.busy}>
        {t('invite.accept')}
      </button>
    </form>
  );
}
