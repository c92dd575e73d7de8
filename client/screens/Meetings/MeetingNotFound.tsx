import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';

/** An address to a meeting that does not exist (or is not this group's): say so, and lead back. */
export function MeetingNotFound() {
  const { t } = useTranslation();
  const { group } = useGroup();
  return (
    <Page title={t('meeting.notFound')}>
      <p>{t('meeting.notFoundText')}</p>
      <p>
        <Link to={`/groups/${group.id}/meetings`}>{t('meeting.backToMeetings')}</Link>
      </p>
    </Page>
  );
}
