import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyFollowUp } from '../../../shared/api/memoVersions';
import { continuityRoutes } from '../../../shared/api/routes/continuity';
import { linkTo } from '../../api';
import { continuityApi } from '../../continuityApi';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useResource } from '../../useResource';
import { memoVersionPath } from '../Continuity/TrackedItemList';
import { Fact, OwnerAndDue, StatusCaseLink, TrackedStatusBadge } from '../Continuity/TrackedFacts';

/** `/my-follow-ups`: "Omat jatkotoimet", what the person owns in every group, late ones first. */
export function MyFollowUps() {
  const { t } = useTranslation();
  const load = useCallback((signal: AbortSignal) => continuityApi.myFollowUps(signal), []);
  const items = useResource(load);
  return (
    <Page title={t('myFollowUps.title')}>
      <p className="muted">{t('myFollowUps.intro')}</p>
      <p>
        <a href={linkTo(continuityRoutes.exportMyFollowUps, {})} download>
          {t('myFollowUps.csv')}
        </a>
      </p>
      <Loadable resource={items}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState message={t('myFollowUps.none')} hint={t('myFollowUps.noneWhen')} />
          ) : (
            <ul className="tracked-items">
              {list.map((item) => (
                <MyFollowUpRow key={item.id} item={item} />
              ))}
            </ul>
          )
        }
      </Loadable>
    </Page>
  );
}

function MyFollowUpRow({ item }: { item: MyFollowUp }) {
  const { t } = useTranslation();
  return (
    <li className={item.overdue ? 'tracked-overdue' : undefined}>
      <p className="tracked-text">
        {item.overdue && <span className="status-badge tracked-late">{t('myFollowUps.late')}</span>}{' '}
        {item.text}
      </p>
      <dl className="tracked-meta">
        <Fact label={t('myFollowUps.group')}>
          <Link to={`/groups/${item.groupId}`}>{item.groupName}</Link>
        </Fact>
        <OwnerAndDue owner={item.owner} due={item.due} />
        <Fact label={t('continuity.item.status')}>
          <TrackedStatusBadge status={item.status} />
        </Fact>
        <StatusCaseLink link={item.statusCaseLink} />
        <Fact label={t('continuity.item.memo')}>
          <Link to={memoVersionPath(item.groupId, item.meetingId, item.version)}>
            {t('continuity.item.memoLink', { title: item.meetingTitle, version: item.version })}
          </Link>
        </Fact>
      </dl>
    </li>
  );
}
