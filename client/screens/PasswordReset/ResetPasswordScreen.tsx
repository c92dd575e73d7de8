import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ResetPasswordRequest } from '../../../shared/api/schemas';
import { api, isApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { NewPasswordFields, withConfirmation } from '../../components/NewPasswordFields';
import { useSession } from '../../session';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { tokenFromHash } from '../AcceptInvitation/AcceptInvitationScreen';

/** The link's screen: the new password twice, then straight in (every other session has ended). */
export function ResetPasswordScreen() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const [token] = useState(() => tokenFromHash(location.hash));
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  // The token is kept in this screen only: not left in the address bar or the history.
  useEffect(() => {
    if (location.hash) void navigate(location.pathname, { replace: true });
  }, [location.hash, location.pathname, navigate]);

  const reset = useAction(async (request: ResetPasswordRequest) => {
    session.signIn(await api.resetPassword(request));
    await navigate('/', { replace: true });
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(ResetPasswordRequest, { token, password }, t);
    const found = withConfirmation(result.ok ? {} : result.errors, password, confirmation, t);
    setErrors(found);
    if (result.ok && Object.keys(found).length === 0) reset.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  const requestNew = (
    <p>
      <Link to="/forgot-password">{t('passwordReset.requestNew')}</Link>
    </p>
  );
  if (!token) {
    return (
      <div className="narrow">
        <Page title={t('passwordReset.title')}>
          <div role="alert" className="alert alert-error">
            <p>{t('passwordReset.missingToken')}</p>
          </div>
          {requestNew}
        </Page>
      </div>
    );
  }
  return (
    <div className="narrow">
      <Page title={t('passwordReset.title')}>
        <p className="lead">{t('passwordReset.intro')}</p>
        <form onSubmit={submit} noValidate className="form">
          <ErrorMessage error={reset.error} messages={{ not_found: t('passwordReset.invalid') }} />
          {isApiError(reset.error, 'not_found') && requestNew}
          <NewPasswordFields
            idPrefix="reset"
            labels={{
              password: t('passwordReset.password'),
              confirmation: t('passwordReset.passwordConfirmation'),
            }}
            hint={t('invite.passwordHint')}
            password={password}
            confirmation={confirmation}
            onPasswordChange={setPassword}
            onConfirmationChange={setConfirmation}
            errors={errors}
          />
          <button type="submit" className="button-primary" disabled={reset.busy}>
            {reset.busy ? t('passwordReset.saving') : t('passwordReset.save')}
          </button>
        </form>
      </Page>
    </div>
  );
}
