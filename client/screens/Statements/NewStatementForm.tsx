import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementView } from '../../../shared/api/consent';
import type { MeetingSummary } from '../../../shared/api/types';
import { CreateStatementRequest } from '../../../shared/api/schemas';
import { api } from '../../api';
import { consentApi } from '../../consentApi';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { StatementTitleField } from './StatementTitleField';

interface Props {
  groupId: string;
  onCreated: (statement: StatementView) => void;
}

/** A new joint statement: its title, and optionally the meeting and agenda item it belongs to. */
export function NewStatementForm({ groupId, onCreated }: Props) {
  const { t } = useTranslation();
  const [title, setTitle] = useState('');
  const [meetingId, setMeetingId] = useState('');
  const [agendaItemId, setAgendaItemId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const create = useAction(async (body: CreateStatementRequest) => {
    onCreated(await consentApi.createStatement(groupId, body));
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(
      CreateStatementRequest,
      {
        title,
        ...(meetingId && { meetingId }),
        ...(meetingId && agendaItemId && { agendaItemId }),
      },
      t,
    );
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setErrors({});
    create.run(result.data);
  }

  return (
    <section className="panel statement-new" aria-labelledby="statement-new-heading">
      <h2 id="statement-new-heading">{t('statements.new.title')}</h2>
      <p className="field-hint">{t('statements.new.intro')}</p>
      <form className="form" onSubmit={submit} noValidate>
        <StatementTitleField
          id="statement-title"
          value={title}
          onValueChange={setTitle}
          error={errors.title}
        />
        <MeetingChoice
          groupId={groupId}
          meetingId={meetingId}
          onMeeting={(id) => {
            setMeetingId(id);
            setAgendaItemId('');
          }}
          agendaItemId={agendaItemId}
          onAgendaItem={setAgendaItemId}
        />
        <ErrorMessage
          error={create.error}
          messages={{ not_found: t('statements.new.meetingGone') }}
        />
        <div className="button-row">
          <button type="submit" className="button-primary" disabled={create.busy}>
            {t('statements.new.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}

interface ChoiceProps {
  groupId: string;
  meetingId: string;
  onMeeting: (meetingId: string) => void;
  agendaItemId: string;
  onAgendaItem: (agendaItemId: string) => void;
}

/** The optional meeting, newest first, and then one of its agenda items. */
function MeetingChoice({ groupId, meetingId, onMeeting, agendaItemId, onAgendaItem }: ChoiceProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const loadMeetings = useCallback(
    async (signal: AbortSignal): Promise<MeetingSummary[]> =>
      (await api.meetings(groupId, signal)).sort((a, b) => b.startsAt.localeCompare(a.startsAt)),
    [groupId],
  );
  const meetings = useResource(loadMeetings);
  const list = meetings.result.status === 'ready' ? meetings.result.data : [];

  const loadMeeting = useCallback(
    (signal: AbortSignal) => (meetingId ? api.meeting(meetingId, signal) : Promise.resolve(null)),
    [meetingId],
  );
  const meeting = useResource(loadMeeting);
  const agenda =
    meeting.result.status === 'ready' && meeting.result.data
      ? meeting.result.data.agenda.flatMap((item, index) =>
          'redacted' in item ? [] : [{ id: item.id, title: item.title, number: index + 1 }],
        )
      : [];

  return (
    <>
      <Field
        id="statement-meeting"
        label={t('statements.new.meeting')}
        hint={t('statements.new.meetingHint')}
      >
        {(control) => (
          <select
            {...control}
            value={meetingId}
            onChange={(event) => onMeeting(event.target.value)}
            aria-busy={meetings.result.status === 'loading'}
          >
            <option value="">{t('statements.new.noMeeting')}</option>
            {list.map((option) => (
              <option key={option.id} value={option.id}>
                {option.title} ({format.date(option.startsAt)})
              </option>
            ))}
          </select>
        )}
      </Field>
      {meetingId && agenda.length > 0 && (
        <Field id="statement-agenda-item" label={t('statements.new.agendaItem')}>
          {(control) => (
            <select
              {...control}
              value={agendaItemId}
              onChange={(event) => onAgendaItem(event.target.value)}
            >
              <option value="">{t('statements.new.noAgendaItem')}</option>
              {agenda.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.number}. {item.title}
                </option>
              ))}
            </select>
          )}
        </Field>
      )}
    </>
  );
}
