import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams } from 'react-router';
import type { CreateMeetingRequest } from '../../../shared/api/schemas';
import type { Meeting } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { api } from '../../api';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useResource } from '../../useResource';
import { MeetingMemoVersions, useMemoHistory } from '../Approval/MeetingMemoVersions';
import { ReadMemoLink } from '../Memos/ReadMemoLink';
import { draftFromMeeting, isRedacted } from './draft';
import { MeetingDetails } from './MeetingDetails';
import { MeetingForm } from './MeetingForm';
import { MeetingNotFound } from './MeetingNotFound';

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
  const negotiator = can(actor, 'group.negotiate');
  const history = useMemoHistory(meeting.id);
  const versions = history.result.status === 'ready' ? history.result.data.versions : [];
  const newest = versions.at(-1);
  // An organiser sees every item; should one still arrive redacted, saving would drop it.
  const editable =
    can(actor, 'meeting.edit') && meeting.status !== 'approved' && !meeting.agenda.some(isRedacted);

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

  return (
    <Page
      key="view"
      title={meeting.title}
      focusOnMount={switched}
      actions={
        (editable || negotiator) && (
          <>
            {negotiator && (
              <Link
                to={`/groups/${meeting.groupId}/meetings/${meeting.id}/memo`}
                // Once approved, reading the memo ("Lue muistio" below) is the main way on; while
                // a reopened memo is redrafted, the live memo is.
                className={`button-link ${meeting.status === 'approved' ? 'button-secondary' : 'button-primary'}`}
              >
                {t('meeting.openMemo')}
              </Link>
            )}
            {editable && (
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
            )}
          </>
        )
      }
    >
      <p role="status" className={notice ? 'alert alert-success' : 'visually-hidden'}>
        {notice && t(`meeting.${notice}`)}
      </p>
      {newest && (
        <ReadMemoLink
          groupId={meeting.groupId}
          meetingId={meeting.id}
          version={newest.version}
          approvedAt={newest.approvedAt}
        />
      )}
      <MeetingDetails meeting={meeting} onChange={changed} latestVersion={newest?.version} />
      <MeetingMemoVersions
        meeting={meeting}
        history={history}
        onMeetingChanged={() => {
          setNotice(null);
          onReload();
        }}
      />
    </Page>
  );
}
