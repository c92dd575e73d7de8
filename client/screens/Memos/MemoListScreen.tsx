import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { Link } from 'react-router';
import { DataTable } from '../../components/DataTable';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { versionRoute } from '../Version/paths';
import { NewBadge } from './NewBadge';
import { useApprovedMemos } from './useApprovedMemos';

/** Every approved memo of the group, newest first. */
export function MemoListScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  const memos = useApprovedMemos(group.id);
  return (
    <Page title={t('memos.title')}>
      <Loadable resource={memos}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState message={t('memos.none')} hint={t('memos.noneHint')} />
          ) : (
            <DataTable
              caption={t('memos.title')}
              columns={[
                t('memos.columns.meeting'),
                t('memos.columns.meetingDate'),
                t('memos.columns.version'),
                t('memos.columns.approved'),
              ]}
            >
              {list.map((memo) => (
                <tr key={memo.meetingId}>
                  <td>
                    <Link to={versionRoute(group.id, memo.meetingId, memo.latest.version)}>
                      {memo.meetingTitle}
                    </Link>{' '}
                    {!memo.read && <NewBadge />}
                  </td>
                  <td>{format.dateTime(memo.meetingStartsAt)}</td>
                  <td>{memo.latest.version}</td>
                  <td>
                    <time dateTime={memo.latest.approvedAt}>
                      {format.dateTime(memo.latest.approvedAt)}
                    </time>
                    <span className="muted"> · {memo.latest.approvedBy.name}</span>
                  </td>
                </tr>
              ))}
            </DataTable>
          )
        }
      </Loadable>
    </Page>
  );
}
