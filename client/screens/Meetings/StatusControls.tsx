import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/api/types';
import {
  MANUAL_STATUS_TRANSITIONS,
  MEETING_STATUSES,
  type MeetingStatus,
} from '../../../shared/meetings';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../useAction';

type Transition = `${MeetingStatus}_${MeetingStatus}`;
const LABELS = {
  planned_in_progress: 'meetingTransition.start',
  in_progress_planned: 'meetingTransition.backToPlanned',
  in_progress_drafting: 'meetingTransition.finish',
  drafting_in_progress: 'meetingTransition.resume',
} as const satisfies Partial<Record<Transition, string>>;

function labelKey(from: MeetingStatus, to: MeetingStatus) {
  const key: string = `${from}_${to}`;
  return key in LABELS ? LABELS[key as keyof typeof LABELS] : null;
}

/** The status change that moves a meeting on, as opposed to one that takes it back a stage. */
export function forwardTransition(status: MeetingStatus): MeetingStatus | undefined {
  const order = MEETING_STATUSES.indexOf(status);
  return MANUAL_STATUS_TRANSITIONS[status].find((to) => MEETING_STATUSES.indexOf(to) > order);
}

/**
 * Buttons for the status changes an organiser may make from the current status, within the
 * meeting page's next step: moving on is primary when `forwardIsNext`, going back never is.
 */
export function StatusControls({
  meeting,
  onChange,
  forwardIsNext,
}: {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
  forwardIsNext: boolean;
}) {
  const { t } = useTranslation();
  const change = useAction(async (status: MeetingStatus) => {
    onChange(await api.changeMeetingStatus(meeting.id, { status }));
  });
  const [confirming, setConfirming] = useState(false);
  const forward = forwardTransition(meeting.status);
  const allowed = MANUAL_STATUS_TRANSITIONS[meeting.status];
  // Moving on first: it is the step the sentence above speaks of. Cancelling asks first.
  const back = allowed.filter((to) => to !== forward && to !== 'cancelled');
  const targets = forward ? [forward, ...back] : back;
  const cancellable = allowed.includes('cancelled');
  if (targets.length === 0 && !cancellable) return null;
  if (confirming) {
    return (
      <div role="group" aria-labelledby="cancel-question" className="confirm-cancel">
        <ErrorMessage error={change.error} />
        <p id="cancel-question">{t('meetingTransition.cancel.question')}</p>
        <button
          type="button"
          className="button-danger"
          disabled={change.busy}
          onClick={() => change.run('cancelled')}
        >
          {t('meetingTransition.cancel.confirm')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setConfirming(false)}>
          {t('meetingTransition.cancel.keep')}
        </button>
      </div>
    );
  }
  return (
    <>
      <ErrorMessage error={change.error} />
      {targets.map((to) => {
        const key = labelKey(meeting.status, to);
        return (
          <button
            key={to}
            type="button"
            className={to === forward && forwardIsNext ? 'button-primary' : 'button-secondary'}
            disabled={change.busy}
            onClick={() => change.run(to)}
          >
            {key ? t(key) : t(`meetingStatus.${to}`)}
          </button>
        );
      })}
      {cancellable && (
        <button type="button" className="button-secondary" onClick={() => setConfirming(true)}>
          {t('meetingTransition.cancel.button')}
        </button>
      )}
    </>
  );
}
