import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LoginRequest } from '../../../shared/api/schemas';
import type { Me } from '../../../shared/api/types';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';

interface Props {
  idPrefix: string;
  initialEmail?: string;
  onLoggedIn: (me: Me) => void;
}

export function LoginForm({ idPrefix, initialEmail = '', onLoggedIn }: Props) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const login = useAction(async (request: LoginRequest) => {
    onLoggedIn(await api.login(request));
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(LoginRequest, { email, password }, t);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) login.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="form">
      <ErrorMessage
        error={login.error}
        messages={{
          unauthenticated: t('login.badCredentials'),
          rate_limited: t('login.rateLimited'),
        }}
      />
      <TextField
        id={`${idPrefix}-email`}
        label={t('login.email')}
        error={errors.email}
        required
        type="email"
        autoComplete="username"
        value={email}
        onValueChange={setEmail}
      />
      <TextField
        id={`${idPrefix}-password`}
        label={t('login.password')}
        error={errors.password}
        required
        type="password"
        autoComplete="current-password"
        value={password}
        onValueChange={setPassword}
      />
      <button type="submit" className="button-primary" disabled={login.busy}>
        {login.busy ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
