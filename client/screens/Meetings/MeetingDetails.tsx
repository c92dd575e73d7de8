import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/api/types';
import { isMeetingLocked } from '../../../shared/meetings';
import { can } from '../../../shared/permissions';
import { useGroup } from '../../group';
import { CaseLinkCitation } from '../../components/CaseLinkCitation';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useFormat } from '../../i18n/format';
import { AgendaDocuments, useMeetingDocuments } from './AgendaDocuments';
import { AttendanceList } from './Attendance';
import { PeopleAttendanceSection } from './PeopleAttendance';
import { isRedacted } from './draft';
import { MeetingStatusBadge } from './MeetingStatusBadge';

/** When and where: the facts a member looks up before the meeting. */
export function MeetingFacts({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <dl className="summary">
      <dt>{t('meeting.status')}</dt>
      <dd>
        <MeetingStatusBadge status={meeting.status} />
      </dd>
      <dt>{t('meeting.startsAt')}</dt>
      <dd>{format.dateTime(meeting.startsAt, 'full')}</dd>
      {meeting.location && (
        <>
          <dt>{t('meeting.location')}</dt>
          <dd>{meeting.location}</dd>
        </>
      )}
      {meeting.videoLink && (
        <>
          <dt>{t('meeting.videoLink')}</dt>
          <dd>
            <a href={meeting.videoLink} target="_blank" rel="noopener noreferrer">
              {t('meeting.joinVideo')}
            </a>
          </dd>
        </>
      )}
      {meeting.councilMeetingDate && (
        <>
          <dt>{t('meeting.councilMeetingDate')}</dt>
          <dd>{format.calendarDate(meeting.councilMeetingDate)}</dd>
        </>
      )}
    </dl>
  );
}

export function AgendaSection({ meeting }: { meeting: Meeting }) {
  const { t } = useTranslation();
  const documents = useMeetingDocuments(meeting.id);
  const listing = documents.result.status === 'ready' ? documents.result.data : [];
  return (
    <section id="agenda" aria-labelledby="agenda-view-heading">
      <h2 id="agenda-view-heading" tabIndex={-1}>
        {t('agenda.title')}
      </h2>
      {meeting.agenda.length === 0 ? (
        <p>{t('agenda.none')}</p>
      ) : (
        <ol className="agenda-view">
          {meeting.agenda.map((item) =>
            isRedacted(item) ? (
              <li key={item.id} className="redacted">
                {t('agenda.redacted')}
              </li>
            ) : (
              <li key={item.id}>
                <h3>{item.title}</h3>
                <p className={`confidentiality confidentiality-${item.confidentiality}`}>
                  {t('agenda.confidentiality')}: {t(`confidentiality.${item.confidentiality}`)}
                </p>
                {item.caseLink && (
                  <CaseLinkCitation link={item.caseLink} label={t('agenda.caseLink.label')} />
                )}
                {item.description && <p className="description">{item.description}</p>}
                <AgendaDocuments
                  meetingId={meeting.id}
                  agendaItemId={item.id}
                  documents={listing}
                  locked={meeting.status === 'approved'}
                  onChanged={documents.reload}
                />
              </li>
            ),
          )}
        </ol>
      )}
      {documents.result.status === 'error' && (
        <ErrorMessage error={documents.result.error} onRetry={documents.reload} />
      )}
    </section>
  );
}

export function AttendanceSection({
  meeting,
  onChange,
}: {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
}) {
  const { t } = useTranslation();
  const { group, actor } = useGroup();
  return (
    <section id="attendance" aria-labelledby="attendance-heading">
      <h2 id="attendance-heading" tabIndex={-1}>
        {t('attendance.title')}
      </h2>
      {can(actor, 'member.view') ? (
        // Person by person (issue 19) for whoever may see the members; readers keep the parties.
        <PeopleAttendanceSection
          meeting={meeting}
          onChange={onChange}
          editable={can(actor, 'meeting.recordAttendance') && !isMeetingLocked(meeting.status)}
        />
      ) : (
        <AttendanceList meeting={meeting} parties={group.parties} />
      )}
    </section>
  );
}
