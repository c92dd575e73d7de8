import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Meeting } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { useGroup } from '../../group';
import { useMemoHistory } from '../Approval/MeetingMemoVersions';
import { versionRoute } from '../Version/paths';

/**
 * What the memo is, for negotiators; for the party groups' readers, whether it can be read yet
 * (and where), which follows the meeting's status. A new meeting has none: `meeting` is absent.
 * `latestVersion` is the newest approved version the page already loaded (undefined while none).
 */
export function MemoNote({
  meeting,
  latestVersion,
}: {
  meeting?: Meeting;
  latestVersion?: number;
}) {
  const { t } = useTranslation();
  const { actor } = useGroup();
  return (
    <aside className="note" aria-label={t('meeting.memoNoteLabel')}>
      {can(actor, 'group.negotiate') ? (
        <p>{t('meeting.memoNote')}</p>
      ) : meeting ? (
        <ReaderMemoStatus meeting={meeting} latestVersion={latestVersion} />
      ) : (
        <p>{t('meeting.memoForReaders')}</p>
      )}
    </aside>
  );
}

/**
 * For a reader: the newest approved version with a link to it, or when it can be read. A
 * reopened meeting is no longer `approved` but its earlier version stays readable, so the
 * history decides, not the status alone.
 */
export function ReaderMemoStatus({
  meeting,
  latestVersion,
}: {
  meeting: Meeting;
  latestVersion: number | undefined;
}) {
  const { t } = useTranslation();
  if (latestVersion === undefined) {
    // While loading, the status alone says enough; never "not yet" for an approved meeting.
    return (
      <p>{t(meeting.status === 'approved' ? 'meeting.memoApproved' : 'meeting.memoForReaders')}</p>
    );
  }
  return (
    <p>
      {t(meeting.status === 'approved' ? 'meeting.memoApproved' : 'meeting.memoReopened')}{' '}
      <Link to={versionRoute(meeting.groupId, meeting.id, latestVersion)}>
        {t('meeting.readApprovedMemo', { version: latestVersion })}
      </Link>
    </p>
  );
}

/** The reader's status where no page has loaded the history yet (the meeting room's address). */
export function LoadedReaderMemoStatus({ meeting }: { meeting: Meeting }) {
  const { result } = useMemoHistory(meeting.id);
  const latest = result.status === 'ready' ? result.data.versions.at(-1) : undefined;
  return <ReaderMemoStatus meeting={meeting} latestVersion={latest?.version} />;
}
