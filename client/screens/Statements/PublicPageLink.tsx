import { useTranslation } from 'react-i18next';
import { publicPagePath } from '../../consentApi';
import { currentLocale } from '../../i18n';

/**
 * The group's public page (released statements and public memos, no login). Served by the server,
 * not by this app, so a plain link; it opens in a new tab to keep the person's place here.
 */
export function PublicPageLink({ groupId }: { groupId: string }) {
  const { t } = useTranslation();
  return (
    <a href={publicPagePath(groupId, currentLocale())} target="_blank" rel="noopener">
      {t('statements.publicPage')}
      <span className="visually-hidden"> {t('versions.newTab')}</span>
    </a>
  );
}
