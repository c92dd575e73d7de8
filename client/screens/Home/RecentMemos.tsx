import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { Link } from 'react-router';
import type { ApprovedMemoListItem } from '../../../shared/api/memoVersions';
import { Loadable } from '../../components/Loadable';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { NewBadge } from '../Memos/NewBadge';
import type { LoadedResource } from '../../useResource';
import { versionRoute } from '../Version/paths';

const RECENT_SHOWN = 5;

/**
 * The group's newest approved memos on its home page, unread ones marked. The home page loads
 * them once for this list and for its "Lue muistio" button.
 */
export function RecentMemos({ memos }: { memos: LoadedResource<ApprovedMemoListItem[]> }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  return (
    <section className="panel" aria-labelledby="recent-memos-heading">
      <h2 id="recent-memos-heading">{t('memos.recent')}</h2>
      <Loadable resource={memos}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState message={t('memos.none')} hint={t('memos.noneHint')} />
          ) : (
            <ul className="meeting-cards memo-cards">
              {list.slice(0, RECENT_SHOWN).map((memo) => (
                <li key={memo.meetingId}>
                  <span className="memo-card-title">
                    <Link to={versionRoute(group.id, memo.meetingId, memo.latest.version)}>
                      {memo.meetingTitle}
                    </Link>
                    {!memo.read && <NewBadge />}
                  </span>
                  <span>{format.date(memo.meetingStartsAt)}</span>
                  <span className="muted">
                    {t('memos.versionApproved', {
                      version: memo.latest.version,
                      date: format.date(memo.latest.approvedAt),
                    })}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </Loadable>
      <p>
        <Link to={`/groups/${group.id}/memos`}>{t('memos.all')}</Link>
      </p>
    </section>
  );
}
