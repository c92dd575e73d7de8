import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { ResetPasswordRequest } from '../../../shared/api/schemas';
import { api, isApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
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
    const found = result.ok ? {} : { ...result.errors };
    if (!found.password && password !== confirmation) {
      found.confirmation = t('validation.passwordsDiffer');
    }
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
          <TextField
            id="reset-password"
            label={t('passwordReset.password')}
            hint={t('passwordReset.passwordHint')}
            error={errors.password}
            required
            type="password"
            autoComplete="new-password"
            value={password}
            onValueChange={setPassword}
          />
          <TextField
            id="reset-password-confirmation"
            label={t('passwordReset.passwordConfirmation')}
            error={errors.confirmation}
            required
            type="password"
            autoComplete="new-password"
            value={confirmation}
            onValueChange={setConfirmation}
          />
          <button type="submit" className="button-primary" disabled={reset.busy}>
            {reset.busy ? t('passwordReset.saving') : t('passwordReset.save')}
          </button>
        </form>
      </Page>
    </div>
  );
}
