import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MyFollowUp } from '../../../shared/api/memoVersions';
import { continuityRoutes } from '../../../shared/api/routes/continuity';
import { linkTo } from '../../api';
import { continuityApi } from '../../continuityApi';
import { CaseLinkText } from '../../components/CaseLinkCitation';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useFormat } from '../../i18n/format';
import { useResource } from '../../useResource';
import { memoVersionPath } from '../Continuity/TrackedItemList';

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
  const format = useFormat();
  return (
    <li className={item.overdue ? 'tracked-overdue' : undefined}>
      <p className="tracked-text">
        {item.overdue && <span className="status-badge tracked-late">{t('myFollowUps.late')}</span>}{' '}
        {item.text}
      </p>
      <dl className="tracked-meta">
        <div>
          <dt>{t('myFollowUps.group')}</dt>
          <dd>
            <Link to={`/groups/${item.groupId}`}>{item.groupName}</Link>
          </dd>
        </div>
        {item.owner && (
          <div>
            <dt>{t('continuity.item.owner')}</dt>
            <dd>{item.owner}</dd>
          </div>
        )}
        {item.due && (
          <div>
            <dt>{t('continuity.item.due')}</dt>
            <dd>{format.calendarDate(item.due)}</dd>
          </div>
        )}
        <div>
          <dt>{t('continuity.item.status')}</dt>
          <dd>
            <span className={`status-badge tracked-${item.status}`}>
              {t(`continuity.status.${item.status}`)}
            </span>
          </dd>
        </div>
        {item.statusCaseLink && (
          <div>
            <dt>{t('continuity.statusCaseLink')}</dt>
            <dd>
              <CaseLinkText link={item.statusCaseLink} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('continuity.item.memo')}</dt>
          <dd>
            <Link to={memoVersionPath(item.groupId, item.meetingId, item.version)}>
              {t('continuity.item.memoLink', { title: item.meetingTitle, version: item.version })}
            </Link>
          </dd>
        </div>
      </dl>
    </li>
  );
}
