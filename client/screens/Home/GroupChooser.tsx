import { useTranslation } from 'react-i18next';
import { Link, Navigate } from 'react-router';
import { Page } from '../../components/Page';
import { useMe } from '../../session';

/** `/`: straight into the only group, or a choice between several. */
export function GroupChooser() {
  const { t } = useTranslation();
  const me = useMe();
  const [only] = me.memberships;
  if (only && me.memberships.length === 1) {
    return <Navigate to={`/groups/${only.groupId}`} replace />;
  }
  return (
    <Page title={t('groups.title')}>
      {me.memberships.length === 0 ? (
        <p>{t('groups.none')}</p>
      ) : (
        <ul className="link-list">
          {me.memberships.map((membership) => (
            <li key={membership.groupId}>
              <Link to={`/groups/${membership.groupId}`}>{membership.groupName}</Link>{' '}
              <span className="muted">{t(`roles.${membership.role}`)}</span>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to="/my-follow-ups">{t('myFollowUps.link')}</Link>
      </p>
    </Page>
  );
}
