import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { can } from '../../../shared/permissions';
import { consentApi } from '../../consentApi';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useConsentChanged } from '../../notifications/MemoNotifications';
import { useResource } from '../../useResource';
import { NewStatementForm } from './NewStatementForm';
import { statementRoute } from './paths';
import { PublicPageLink } from './PublicPageLink';
import { StatementStatusBadge } from './StatementStatusBadge';
import './statements.css';

/**
 * The group's joint statements: negotiators see drafts and those awaiting consent too, readers
 * only released ones. Negotiators start new ones here.
 */
export function StatementListScreen() {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { group, actor } = useGroup();
  const load = useCallback(
    async (signal: AbortSignal) =>
      (await consentApi.statements(group.id, signal)).sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt),
      ),
    [group.id],
  );
  const statements = useResource(load);
  useConsentChanged(null, statements.reload);
  const canDraft = can(actor, 'statement.draft');

  return (
    <Page title={t('statements.title')} actions={<PublicPageLink groupId={group.id} />}>
      <p className="lead">{t(canDraft ? 'statements.intro' : 'statements.introReader')}</p>
      <section aria-labelledby="statements-heading">
        <h2 id="statements-heading">{t('statements.listTitle')}</h2>
        <Loadable resource={statements}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState
                message={t(canDraft ? 'statements.none' : 'statements.noneReleased')}
                hint={t(canDraft ? 'statements.noneDraft' : 'statements.noneReleasedWhen')}
              />
            ) : (
              <DataTable
                caption={t('statements.listTitle')}
                columns={[
                  t('statements.columns.title'),
                  t('statements.columns.status'),
                  t('statements.columns.created'),
                  t('statements.columns.released'),
                ]}
              >
                {list.map((statement) => (
                  <tr key={statement.id}>
                    <td>
                      <Link to={statementRoute(group.id, statement.id)}>{statement.title}</Link>
                      {statement.round !== null && statement.status === 'in_consent' && (
                        <span className="muted">
                          {' '}
                          · {t('consent.roundN', { round: statement.round })}
                        </span>
                      )}
                    </td>
                    <td>
                      <StatementStatusBadge status={statement.status} outcome={statement.outcome} />
                    </td>
                    <td>
                      <time dateTime={statement.createdAt}>{format.date(statement.createdAt)}</time>
                      <span className="muted"> · {statement.createdBy.name}</span>
                    </td>
                    <td>
                      {statement.releasedAt ? (
                        <time dateTime={statement.releasedAt}>
                          {format.dateTime(statement.releasedAt)}
                        </time>
                      ) : (
                        <>
                          <span aria-hidden="true">–</span>
                          <span className="visually-hidden">{t('statements.notReleased')}</span>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </DataTable>
            )
          }
        </Loadable>
      </section>
      {canDraft && (
        <NewStatementForm
          groupId={group.id}
          onCreated={(created) => void navigate(statementRoute(group.id, created.id))}
        />
      )}
    </Page>
  );
}
