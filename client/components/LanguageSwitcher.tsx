import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES } from '../../shared/locales';
import { api } from '../api';
import { applyLocale, currentLocale, isLocale } from '../i18n';
import { useSession } from '../session';

// Each language is named in itself, so a person who cannot read the current one finds their own.
const NATIVE_NAMES = { fi: 'suomi', sv: 'svenska', en: 'English' } as const;

/** Switches the interface language; a logged-in person's choice is saved to their profile. */
export function LanguageSwitcher({ id }: { id: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const [saveFailed, setSaveFailed] = useState(false);
  const me = session.state.status === 'ready' ? session.state.me : null;

  function change(value: string) {
    if (!isLocale(value)) return;
    applyLocale(value);
    setSaveFailed(false);
    if (me) {
      api.updateMe({ locale: value }).then(session.update, () => setSaveFailed(true));
    }
  }

  return (
    <div className="language-switcher">
      <label htmlFor={id}>{t('language.label')}</label>
      <select id={id} value={currentLocale()} onChange={(event) => change(event.target.value)}>
        {LOCALES.map((locale) => (
          <option key={locale} value={locale} lang={locale}>
            {NATIVE_NAMES[locale]}
          </option>
        ))}
      </select>
      {saveFailed && (
        <span role="alert" className="inline-error">
          {t('language.saveFailed')}
        </span>
      )}
    </div>
  );
}
