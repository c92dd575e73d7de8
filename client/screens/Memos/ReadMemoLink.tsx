import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../i18n/format';
import { versionRoute } from '../Version/paths';

interface Props {
  groupId: string;
  meetingId: string;
  version: number;
  /** Said under the button, so a reader knows which memo opens (the group home names it). */
  meetingTitle?: string;
  approvedAt: string;
}

/**
 * The reader's way in: one large button to the newest approved version of a meeting's memo,
 * placed first wherever a memo can be read, so nobody has to find a small "Versio 1" link.
 */
export function ReadMemoLink({ groupId, meetingId, version, meetingTitle, approvedAt }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="read-memo">
      <Link
        to={versionRoute(groupId, meetingId, version)}
        className="button-link button-primary read-memo-button"
      >
        {t('memos.read')}
      </Link>
      <p className="read-memo-what">
        {meetingTitle && <strong>{meetingTitle}</strong>}
        {meetingTitle && ' · '}
        {t('memos.versionApproved', { version, date: format.date(approvedAt) })}
      </p>
    </div>
  );
}
