import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/permissions';
import { api } from '../../api';
import { DataTable } from '../../components/DataTable';
import { EmptyState } from '../../components/EmptyState';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useResource } from '../../useResource';
import { MeetingStatusBadge } from './MeetingStatusBadge';

export function MeetingList() {
  const { t } = useTranslation();
  const format = useFormat();
  const { group, actor } = useGroup();
  const load = useCallback((signal: AbortSignal) => api.meetings(group.id, signal), [group.id]);
  const meetings = useResource(load);
  const meetingsPath = `/groups/${group.id}/meetings`;
  const mayCreate = can(actor, 'meeting.create');

  return (
    <Page
      title={t('meetings.title')}
      actions={
        mayCreate && (
          <Link to={`${meetingsPath}/new`} className="button-link button-primary">
            {t('meetings.new')}
          </Link>
        )
      }
    >
      <Loadable resource={meetings}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState
              message={t('meetings.empty')}
              hint={t(mayCreate ? 'meetings.emptyCreate' : 'home.noUpcomingWait')}
              action={
                mayCreate && (
                  <Link to={`${meetingsPath}/new`} className="button-link button-secondary">
                    {t('meetings.createFirst')}
                  </Link>
                )
              }
            />
          ) : (
            <DataTable
              caption={t('meetings.title')}
              columns={[
                t('meetings.columns.title'),
                t('meetings.columns.startsAt'),
                t('meetings.columns.location'),
                t('meetings.columns.agenda'),
                t('meetings.columns.status'),
              ]}
            >
              {list.map((meeting) => (
                <tr key={meeting.id}>
                  <td>
                    <Link to={`${meetingsPath}/${meeting.id}`}>{meeting.title}</Link>
                  </td>
                  <td>{format.dateTime(meeting.startsAt)}</td>
                  <td>{meeting.location}</td>
                  <td>{t('meetings.agendaCount', { count: meeting.agendaItemCount })}</td>
                  <td>
                    <MeetingStatusBadge status={meeting.status} />
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
