import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { memoApi } from '../../memoApi';
import { useResource } from '../../useResource';
import { versionRoute } from '../Version/paths';

interface Props {
  groupId: string;
  meetingId: string;
}

/** Shown over a locked live memo: it is approved, and here is the version to read. */
export function LockedMemoNotice({ groupId, meetingId }: Props) {
  const { t } = useTranslation();
  // Loaded when the lock shows, i.e. after the approval stored its version.
  const load = useCallback(
    (signal: AbortSignal) => memoApi.history(meetingId, signal),
    [meetingId],
  );
  const { result } = useResource(load);
  const latest = result.status === 'ready' ? result.data.versions.at(-1) : undefined;
  return (
    <div className="alert alert-info memo-locked">
      <p>{t('memo.locked')}</p>
      {latest && (
        <p>
          <Link to={versionRoute(groupId, meetingId, latest.version)}>
            {t('approval.readApproved', { version: latest.version })}
          </Link>
        </p>
      )}
    </div>
  );
}
