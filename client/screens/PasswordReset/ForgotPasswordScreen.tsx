import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RequestPasswordResetRequest } from '../../../shared/api/schemas';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Page } from '../../components/Page';
import { TextField } from '../../components/TextField';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';

/**
 * "Forgot your password?": the server answers alike whether or not the account exists, so the
 * screen says the same for every address.
 */
export function ForgotPasswordScreen() {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [sentTo, setSentTo] = useState<string | null>(null);
  const ask = useAction(async (request: RequestPasswordResetRequest) => {
    await api.requestPasswordReset(request);
    setSentTo(request.email);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(RequestPasswordResetRequest, { email }, t);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) ask.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  return (
    <div className="narrow">
      <Page title={t('passwordReset.requestTitle')}>
        <div role="status">
          {sentTo && (
            <div className="alert alert-success">
              <p>{t('passwordReset.sent', { email: sentTo })}</p>
              <p>{t('passwordReset.noEmail')}</p>
            </div>
          )}
        </div>
        {!sentTo && (
          <>
            <p className="lead">{t('passwordReset.requestIntro')}</p>
            <form onSubmit={submit} noValidate className="form">
              <ErrorMessage
                error={ask.error}
                messages={{ rate_limited: t('passwordReset.rateLimited') }}
              />
              <TextField
                id="forgot-email"
                label={t('passwordReset.email')}
                error={errors.email}
                required
                type="email"
                autoComplete="username"
                value={email}
                onValueChange={setEmail}
              />
              <button type="submit" className="button-primary" disabled={ask.busy}>
                {ask.busy ? t('passwordReset.submitting') : t('passwordReset.submit')}
              </button>
            </form>
          </>
        )}
        <p>
          <Link to="/login">{t('passwordReset.backToLogin')}</Link>
        </p>
      </Page>
    </div>
  );
}
