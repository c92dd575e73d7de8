import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CreateMeetingRequest } from '../../../shared/api/schemas';
import { can } from '../../../shared/permissions';
import { api } from '../../api';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { emptyDraft } from './draft';
import { MeetingForm } from './MeetingForm';
import { MemoNote } from './MemoNote';

export function NewMeeting() {
  const { t } = useTranslation();
  const { group, actor } = useGroup();
  const navigate = useNavigate();
  const [initial] = useState(emptyDraft);
  const meetingsPath = `/groups/${group.id}/meetings`;

  async function create(request: CreateMeetingRequest) {
    const meeting = await api.createMeeting(group.id, request);
    await navigate(`${meetingsPath}/${meeting.id}`, { state: { created: true } });
  }

  return (
    <Page title={t('meetings.new')}>
      {can(actor, 'meeting.create') ? (
        <>
          <MemoNote />
          <MeetingForm
            initial={initial}
            submitLabel={t('meeting.create')}
            onSave={create}
            confirmPast
            onCancel={() => void navigate(meetingsPath)}
          />
        </>
      ) : (
        <p>{t('errors.forbidden')}</p>
      )}
    </Page>
  );
}
