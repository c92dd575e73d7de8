import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/permissions';
import { api } from '../../api';
import { Loadable } from '../../components/Loadable';
import { EmptyState } from '../../components/EmptyState';
import { Page } from '../../components/Page';
import { PartyOf } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useResource } from '../../useResource';
import { MeetingStatusBadge } from '../Meetings/MeetingStatusBadge';
import { ReadMemoLink } from '../Memos/ReadMemoLink';
import { useApprovedMemos } from '../Memos/useApprovedMemos';
import { OpenFollowUps } from './OpenFollowUps';
import { RecentMemos } from './RecentMemos';

const UPCOMING_SHOWN = 5;

export function GroupHome() {
  const { t } = useTranslation();
  const format = useFormat();
  const { group, actor } = useGroup();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const meetings = await api.meetings(group.id, signal);
      const startOfToday = new Date();
      startOfToday.setHours(0, 0, 0, 0);
      return meetings
        .filter((meeting) => new Date(meeting.startsAt) >= startOfToday)
        .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
        .slice(0, UPCOMING_SHOWN);
    },
    [group.id],
  );
  const upcoming = useResource(load);
  const memos = useApprovedMemos(group.id);
  const newest = memos.result.status === 'ready' ? memos.result.data[0] : undefined;
  const meetingsPath = `/groups/${group.id}/meetings`;
  const mayCreate = can(actor, 'meeting.create');

  return (
    <Page
      title={group.name}
      actions={
        mayCreate && (
          <Link to={`${meetingsPath}/new`} className="button-link button-primary">
            {t('meetings.new')}
          </Link>
        )
      }
    >
      <p className="lead">
        {group.municipality && <>{group.municipality} · </>}
        {t('home.yourRole', { role: t(`roles.${group.myRole}`) })}
        {group.myPartyId && (
          <>
            {' · '}
            <PartyOf parties={group.parties} partyId={group.myPartyId} />
          </>
        )}
      </p>
      {newest && (
        <ReadMemoLink
          groupId={group.id}
          meetingId={newest.meetingId}
          version={newest.latest.version}
          meetingTitle={newest.meetingTitle}
          approvedAt={newest.latest.approvedAt}
        />
      )}
      <div className="panels">
        <section className="panel" aria-labelledby="upcoming-heading">
          <h2 id="upcoming-heading">{t('home.upcoming')}</h2>
          <Loadable resource={upcoming}>
            {(meetings) =>
              meetings.length === 0 ? (
                <EmptyState
                  message={t('home.noUpcoming')}
                  hint={t(mayCreate ? 'home.noUpcomingCreate' : 'home.noUpcomingWait')}
                  action={
                    mayCreate && (
                      <Link to={`${meetingsPath}/new`} className="button-link button-secondary">
                        {t('home.planMeeting')}
                      </Link>
                    )
                  }
                />
              ) : (
                <ul className="meeting-cards">
                  {meetings.map((meeting) => (
                    <li key={meeting.id}>
                      <Link to={`${meetingsPath}/${meeting.id}`}>{meeting.title}</Link>
                      <span>{format.dateTime(meeting.startsAt)}</span>
                      {meeting.location && <span className="muted">{meeting.location}</span>}
                      <MeetingStatusBadge status={meeting.status} />
                    </li>
                  ))}
                </ul>
              )
            }
          </Loadable>
          <p>
            <Link to={meetingsPath}>{t('home.allMeetings')}</Link>
          </p>
        </section>
        <RecentMemos memos={memos} />
        <OpenFollowUps />
      </div>
    </Page>
  );
}
