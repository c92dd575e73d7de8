import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreateMeetingRequest } from '../../../shared/api/schemas';
import { isApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { AgendaBuilder } from './AgendaBuilder';
import { requestFromDraft, type MeetingDraft } from './draft';

interface Props {
  initial: MeetingDraft;
  submitLabel: string;
  onSave: (request: CreateMeetingRequest) => Promise<void>;
  onCancel?: () => void;
  /** Offered when the save lost a race with someone else's save. */
  onReload?: () => void;
  /** Ask once more before saving a start time in the past (a new meeting). */
  confirmPast?: boolean;
}

export function MeetingForm({
  initial,
  submitLabel,
  onSave,
  onCancel,
  onReload,
  confirmPast,
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  // The past start time the chair was warned about; saving it again means they meant it (a
  // meeting recorded afterwards). Another time asks anew.
  const [pastWarned, setPastWarned] = useState<string | null>(null);
  const save = useAction(onSave);

  function set<K extends keyof MeetingDraft>(field: K, value: MeetingDraft[K]) {
    setDraft((current) => ({ ...current, [field]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(CreateMeetingRequest, requestFromDraft(draft), t, {
      startsAt: t('validation.dateTime'),
      videoLink: t('validation.url'),
      councilMeetingDate: t('validation.date'),
    });
    setErrors(result.ok ? {} : result.errors);
    if (!result.ok) focusFirstInvalid(event.currentTarget);
    else if (
      confirmPast &&
      pastWarned !== result.data.startsAt &&
      new Date(result.data.startsAt).getTime() < Date.now()
    )
      setPastWarned(result.data.startsAt);
    else save.run(result.data);
  }

  const warnedNow =
    pastWarned !== null && requestFromDraft(draft).startsAt === pastWarned ? pastWarned : null;

  const conflict = isApiError(save.error, 'conflict');
  const errorCount = Object.keys(errors).length;

  return (
    <form onSubmit={submit} noValidate className="form meeting-form">
      {errorCount > 0 && (
        <div role="alert" className="alert alert-error">
          <p>{t('validation.summary', { count: errorCount })}</p>
        </div>
      )}
      <ErrorMessage
        error={save.error}
        messages={{ conflict: t('meeting.conflict') }}
        {...(conflict && onReload ? { onRetry: onReload, retryLabel: t('meeting.reload') } : {})}
      />
      <section aria-labelledby="meeting-details-heading">
        <h2 id="meeting-details-heading">{t('meeting.details')}</h2>
        <TextField
          id="meeting-title"
          label={t('meeting.title')}
          error={errors.title}
          required
          value={draft.title}
          onValueChange={(value) => set('title', value)}
        />
        <div className="field-row">
          <TextField
            id="meeting-starts-at"
            label={t('meeting.startsAt')}
            error={errors.startsAt}
            required
            type="datetime-local"
            value={draft.startsAt}
            onValueChange={(value) => set('startsAt', value)}
          />
          <TextField
            id="meeting-council-date"
            label={t('meeting.councilMeetingDate')}
            hint={t('meeting.councilMeetingDateHint')}
            error={errors.councilMeetingDate}
            type="date"
            value={draft.councilMeetingDate}
            onValueChange={(value) => set('councilMeetingDate', value)}
          />
        </div>
        <TextField
          id="meeting-location"
          label={t('meeting.location')}
          error={errors.location}
          value={draft.location}
          onValueChange={(value) => set('location', value)}
        />
        <TextField
          id="meeting-video-link"
          label={t('meeting.videoLink')}
          hint={t('meeting.videoLinkHint')}
          error={errors.videoLink}
          type="url"
          inputMode="url"
          value={draft.videoLink}
          onValueChange={(value) => set('videoLink', value)}
        />
      </section>
      <AgendaBuilder
        items={draft.agenda}
        onChange={(agenda) => set('agenda', agenda)}
        errors={errors}
      />
      {warnedNow && (
        <div role="alert" className="alert alert-warning">
          <p>{t('meeting.pastWarning', { startsAt: format.dateTime(warnedNow, 'full') })}</p>
        </div>
      )}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={save.busy}>
          {save.busy ? t('common.saving') : warnedNow ? t('meeting.createPast') : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
