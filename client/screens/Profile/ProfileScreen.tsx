import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateProfileRequest } from '../../../shared/api/schemas';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { LanguageSwitcher } from '../../components/LanguageSwitcher';
import { Page } from '../../components/Page';
import { useMe, useSession } from '../../session';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { CalendarFeedSection } from './CalendarFeedSection';
import { EmailPreferenceSection } from './EmailPreferenceSection';
import { PasswordForm } from './PasswordForm';
import { SaveButtonRow } from '../../components/SaveButtonRow';

export function ProfileScreen() {
  const { t } = useTranslation();
  return (
    <Page title={t('profile.title')}>
      <NameForm />
      <section aria-labelledby="profile-language-heading" className="admin-section">
        <h2 id="profile-language-heading">{t('language.label')}</h2>
        <p>{t('profile.languageHint')}</p>
        <LanguageSwitcher id="language-profile" />
      </section>
      <PasswordForm />
      <EmailPreferenceSection />
      <CalendarFeedSection />
    </Page>
  );
}

function NameForm() {
  const { t } = useTranslation();
  const me = useMe();
  const session = useSession();
  const [name, setName] = useState(me.name);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useAction(async (request: UpdateProfileRequest) => {
    session.update(await api.updateMe(request));
    setSaved(true);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const result = validate(UpdateProfileRequest, { name }, t);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) save.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  return (
    <section aria-labelledby="profile-details-heading" className="admin-section">
      <h2 id="profile-details-heading">{t('profile.details')}</h2>
      <form onSubmit={submit} noValidate className="form">
        <ErrorMessage error={save.error} />
        <dl className="summary">
          <dt>{t('login.email')}</dt>
          <dd>{me.email}</dd>
        </dl>
        <TextField
          id="profile-name"
          label={t('profile.name')}
          error={errors.name}
          required
          autoComplete="name"
          value={name}
          onValueChange={setName}
        />
        <SaveButtonRow
          label={t('common.save')}
          busy={save.busy}
          doneMessage={saved ? t('common.saved') : null}
        />
      </form>
    </section>
  );
}
