import { useTranslation } from 'react-i18next';
import { exportRoutes } from '../../../shared/api/routes/export';
import { audienceForRole, type Audience } from '../../../shared/confidentiality';
import { linkTo } from '../../api';
import { useGroup } from '../../group';
import { currentLocale } from '../../i18n';

/**
 * The group export (a zip) for the chair and administrators. The edition follows the member's
 * own audience, as the server decides it: a negotiator's holds confidential content, an
 * administrator's is the readers'. A negotiator may take the readers' edition too.
 */
export function GroupExport() {
  const { t } = useTranslation();
  const { group, actor } = useGroup();
  const own = audienceForRole(actor.role);
  const editions: Audience[] = own === 'negotiators' ? ['negotiators', 'groups'] : [own];
  const link = (audience: Audience) =>
    linkTo(exportRoutes.exportGroup, {
      params: { groupId: group.id },
      query: { lang: currentLocale(), audience },
    });
  return (
    <section aria-labelledby="group-export-heading" className="admin-section">
      <h2 id="group-export-heading" tabIndex={-1}>
        {t('admin.export.title')}
      </h2>
      <p>{t('admin.export.intro')}</p>
      <ul className="admin-export-links">
        {editions.map((audience) => (
          <li key={audience}>
            <a href={link(audience)} download className="button-link button-secondary">
              {t(`admin.export.download.${audience}`)}
            </a>{' '}
            {t(`admin.export.edition.${audience}`)}
          </li>
        ))}
      </ul>
    </section>
  );
}
