import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ChangePasswordRequest } from '../../../shared/api/schemas';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { SaveButtonRow } from '../../components/SaveButtonRow';

export function PasswordForm() {
  const { t } = useTranslation();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [changed, setChanged] = useState(false);
  const change = useAction(async (request: ChangePasswordRequest) => {
    await api.changePassword(request);
    setCurrentPassword('');
    setNewPassword('');
    setConfirmation('');
    setChanged(true);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setChanged(false);
    const result = validate(ChangePasswordRequest, { currentPassword, newPassword }, t);
    const found = result.ok ? {} : { ...result.errors };
    if (!found.newPassword && newPassword !== confirmation) {
      found.confirmation = t('validation.passwordsDiffer');
    }
    setErrors(found);
    if (result.ok && Object.keys(found).length === 0) change.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  const input = (value: string, set: (value: string) => void, autoComplete: string) =>
    function PasswordInput(control: object) {
      return (
        <input
          {...control}
          type="password"
          autoComplete={autoComplete}
          value={value}
          onChange={(event) => set(event.target.value)}
        />
      );
    };

  return (
    <section aria-labelledby="password-heading" className="admin-section">
      <h2 id="password-heading">{t('profile.changePassword')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <ErrorMessage
          error={change.error}
          messages={{
            forbidden: t('profile.wrongPassword'),
            bad_request: t('profile.wrongPassword'),
            rate_limited: t('profile.rateLimited'),
          }}
        />
        <Field
          id="password-current"
          label={t('profile.currentPassword')}
          error={errors.currentPassword}
          required
        >
          {input(currentPassword, setCurrentPassword, 'current-password')}
        </Field>
        <Field
          id="password-new"
          label={t('profile.newPassword')}
          hint={t('invite.passwordHint')}
          error={errors.newPassword}
          required
        >
          {input(newPassword, setNewPassword, 'new-password')}
        </Field>
        <Field
          id="password-confirmation"
          label={t('profile.confirmPassword')}
          error={errors.confirmation}
          required
        >
          {input(confirmation, setConfirmation, 'new-password')}
        </Field>
        <SaveButtonRow
          label={t('profile.changePassword')}
          busy={change.busy}
          doneMessage={changed ? t('profile.passwordChanged') : null}
        />
      </form>
    </section>
  );
}
