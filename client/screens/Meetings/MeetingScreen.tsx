import { Fragment, useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import type { CreateMeetingRequest } from '../../../shared/api/schemas';
import type { Meeting } from '../../../shared/api/types';
import { isMeetingLocked } from '../../../shared/meetings';
import { can } from '../../../shared/permissions';
import { api } from '../../api';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useMeetingInvited } from '../../notifications/MemoNotifications';
import { useResource } from '../../useResource';
import { MeetingMemoVersions, useMemoHistory } from '../Approval/MeetingMemoVersions';
import { useApprovalCheck } from '../Approval/useApprovalCheck';
import { useApprovalRight } from '../Approval/useApprovalRight';
import { draftFromMeeting, isRedacted } from './draft';
import { AgendaSection, AttendanceSection, MeetingFacts } from './MeetingDetails';
import { MeetingForm } from './MeetingForm';
import { MeetingInvitation } from './MeetingInvitation';
import { MeetingNotFound } from './MeetingNotFound';
import { MeetingStage } from './MeetingStage';
import { MemoNote } from './MemoNote';
import { PageContents, type ContentsEntry } from './PageContents';
import { PreviousMemoReview } from './PreviousMemoReview';

export function MeetingScreen() {
  const { meetingId = '' } = useParams();
  const load = useCallback((signal: AbortSignal) => api.meeting(meetingId, signal), [meetingId]);
  const meeting = useResource(load);
  return (
    <Loadable resource={meeting} notFound={<MeetingNotFound />}>
      {(loaded) => (
        <LoadedMeeting
          meeting={loaded}
          onChange={(saved) => meeting.update(() => saved)}
          onReload={meeting.reload}
        />
      )}
    </Loadable>
  );
}

interface Props {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
  onReload: () => void;
}

function LoadedMeeting({ meeting, onChange, onReload }: Props) {
  const { t } = useTranslation();
  const { actor } = useGroup();
  const location = useLocation();
  const [editing, setEditingState] = useState(false);
  const [switched, setSwitched] = useState(false);
  const [notice, setNotice] = useState<'created' | 'saved' | null>(
    (location.state as { created?: boolean } | null)?.created ? 'created' : null,
  );
  const history = useMemoHistory(meeting.id);
  // Someone sent the invitation or an update, or cancelled the meeting: show it without a reload
  // by hand. Never under an open edit form, whose unsaved work a new revision would replace.
  useMeetingInvited(meeting.id, () => {
    if (!editing) onReload();
  });
  const versions = history.result.status === 'ready' ? history.result.data.versions : [];
  const newest = versions.at(-1);
  // The chair's check, while there is a draft to approve: the next step and the panel share it.
  const memoOpen = history.result.status === 'ready' && history.result.data.status === 'open';
  const { mayApprove } = useApprovalRight(meeting.id);
  const check = useApprovalCheck(
    meeting.id,
    mayApprove && meeting.status !== 'planned' && memoOpen,
  );
  // An organiser sees every item; should one still arrive redacted, saving would drop it.
  const editable =
    can(actor, 'meeting.edit') &&
    !isMeetingLocked(meeting.status) &&
    !meeting.agenda.some(isRedacted);

  // A notice speaks of the last step only: starting the meeting, marking attendance or
  // approving makes "Meeting created." stale.
  function changed(next: Meeting) {
    setNotice(null);
    onChange(next);
  }

  function setEditing(value: boolean) {
    setEditingState(value);
    setSwitched(true);
  }

  async function save(request: CreateMeetingRequest) {
    const saved = await api.updateMeeting(meeting.id, { ...request, revision: meeting.revision });
    onChange(saved);
    setEditing(false);
    setNotice('saved');
  }

  if (editing) {
    return (
      <Page key="edit" title={t('meeting.editTitle', { title: meeting.title })} focusOnMount>
        <MeetingForm
          // A reload brings a new revision: start the form again from it.
          key={meeting.revision}
          initial={draftFromMeeting(meeting)}
          submitLabel={t('common.save')}
          onSave={save}
          onCancel={() => setEditing(false)}
          onReload={onReload}
        />
      </Page>
    );
  }

  // What the person needs now comes first: attendance while the meeting runs, the approval and
  // the versions once it is over. Each part brings its entries for the page's contents.
  const parts: Record<
    'agenda' | 'attendance' | 'memo',
    { node: ReactNode; contents: ContentsEntry[] }
  > = {
    agenda: {
      node: (
        <Fragment key="agenda">
          <AgendaSection meeting={meeting} />
          <PreviousMemoReview meeting={meeting} onChange={changed} />
        </Fragment>
      ),
      contents: [
        { headingId: 'agenda-view-heading', label: t('agenda.title') },
        ...(meeting.review || meeting.carried.length > 0
          ? [{ headingId: 'review-heading', label: t('continuity.review.title') }]
          : []),
      ],
    },
    attendance: {
      node: <AttendanceSection key="attendance" meeting={meeting} onChange={changed} />,
      contents: [{ headingId: 'attendance-heading', label: t('attendance.title') }],
    },
    memo: {
      node: (
        <MeetingMemoVersions
          key="memo"
          meeting={meeting}
          history={history}
          check={check}
          onMeetingChanged={() => {
            setNotice(null);
            onReload();
          }}
        />
      ),
      contents: [
        ...(mayApprove && meeting.status !== 'planned'
          ? [{ headingId: 'approval-heading', label: t('approval.title') }]
          : []),
        { headingId: 'versions-heading', label: t('versions.title') },
      ],
    },
  };
  const order =
    meeting.status === 'planned'
      ? (['agenda', 'attendance', 'memo'] as const)
      : meeting.status === 'in_progress'
        ? (['attendance', 'agenda', 'memo'] as const)
        : (['memo', 'attendance', 'agenda'] as const);

  return (
    <Page
      key="view"
      title={meeting.title}
      focusOnMount={switched}
      actions={
        editable && (
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              setNotice(null);
              setEditing(true);
            }}
          >
            {t('meeting.edit')}
          </button>
        )
      }
    >
      <p role="status" className={notice ? 'alert alert-success' : 'visually-hidden'}>
        {notice && t(`meeting.${notice}`)}
      </p>
      <MeetingStage meeting={meeting} onChange={changed} newest={newest} check={check.result} />
      <MeetingFacts meeting={meeting} />
      <MeetingInvitation meeting={meeting} onChange={changed} />
      <PageContents entries={order.flatMap((part) => parts[part].contents)} />
      {order.map((part) => parts[part].node)}
      <MemoNote meeting={meeting} latestVersion={newest?.version} />
    </Page>
  );
}
