import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrackedItem } from '../../../shared/api/memoVersions';
import { continuityRoutes } from '../../../shared/api/routes/continuity';
import { linkTo } from '../../api';
import { continuityApi } from '../../continuityApi';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { useGroup } from '../../group';
import { useResource } from '../../useResource';
import { TrackedItemList } from '../Continuity/TrackedItemList';

/**
 * The group's follow-ups and dissents from approved memos still to be done (open, in progress or
 * taken to preparation), oldest meeting first. An item finished here stays in view (with a way
 * back) until the page is loaded again.
 */
export function OpenFollowUps() {
  const { t } = useTranslation();
  const { group } = useGroup();
  const load = useCallback(
    (signal: AbortSignal) => continuityApi.trackedItems(group.id, { unfinished: 'true' }, signal),
    [group.id],
  );
  const items = useResource(load);
  const replace = (changed: TrackedItem) =>
    items.update((list) => list.map((item) => (item.id === changed.id ? changed : item)));

  return (
    <section className="panel" aria-labelledby="open-items-heading">
      <h2 id="open-items-heading">{t('continuity.home.title')}</h2>
      <p>
        <Link to="/my-follow-ups">{t('myFollowUps.link')}</Link>
        {' · '}
        <a
          href={linkTo(continuityRoutes.exportFollowUps, { params: { groupId: group.id } })}
          download
        >
          {t('myFollowUps.csv')}
        </a>
      </p>
      <Loadable resource={items}>
        {(list) => {
          const followUps = list.filter((item) => item.kind === 'followUp');
          const dissents = list.filter((item) => item.kind === 'dissent');
          return (
            <>
              <section aria-labelledby="open-follow-ups-heading">
                <h3 id="open-follow-ups-heading">{t('continuity.home.followUps')}</h3>
                {followUps.length === 0 ? (
                  <EmptyState
                    message={t('continuity.home.noFollowUps')}
                    hint={t('continuity.home.noFollowUpsWhen')}
                  />
                ) : (
                  <TrackedItemList items={followUps} onChange={replace} />
                )}
              </section>
              <section aria-labelledby="open-dissents-heading">
                <h3 id="open-dissents-heading">{t('continuity.home.dissents')}</h3>
                {dissents.length === 0 ? (
                  <EmptyState
                    message={t('continuity.home.noDissents')}
                    hint={t('continuity.home.noDissentsWhen')}
                  />
                ) : (
                  <TrackedItemList items={dissents} onChange={replace} />
                )}
              </section>
            </>
          );
        }}
      </Loadable>
    </section>
  );
}
