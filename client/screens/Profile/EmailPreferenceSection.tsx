import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_PREFERENCES, type EmailPreference } from '../../../shared/api/mail';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { SaveButtonRow } from '../../components/SaveButtonRow';
import { useMe, useSession } from '../../session';
import { useAction } from '../../useAction';

/** How much email the user gets (issue 19); account mail always goes. */
export function EmailPreferenceSection() {
  const { t } = useTranslation();
  const me = useMe();
  const session = useSession();
  const [choice, setChoice] = useState<EmailPreference>(me.emailPreference);
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    session.update(await api.updateMe({ emailPreference: choice }));
    setSaved(true);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    save.run();
  }

  return (
    <section aria-labelledby="email-preference-heading" className="admin-section">
      <h2 id="email-preference-heading">{t('emailPreference.title')}</h2>
      <form onSubmit={submit} className="form">
        <ErrorMessage error={save.error} />
        <fieldset>
          <legend>{t('emailPreference.legend')}</legend>
          {EMAIL_PREFERENCES.map((preference) => (
            <label key={preference} className="radio-label">
              <input
                type="radio"
                name="email-preference"
                value={preference}
                checked={choice === preference}
                onChange={() => setChoice(preference)}
              />{' '}
              {t(`emailPreference.options.${preference}`)}
            </label>
          ))}
        </fieldset>
        <p>{t('emailPreference.always')}</p>
        <SaveButtonRow
          label={t('common.save')}
          busy={save.busy}
          doneMessage={saved ? t('common.saved') : null}
        />
      </form>
    </section>
  );
}
