import { useTranslation } from 'react-i18next';
import type { MeetingStatus } from '../../../shared/meetings';

export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const { t } = useTranslation();
  return <span className={`status-badge status-${status}`}>{t(`meetingStatus.${status}`)}</span>;
}
