import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/api/types';
import { MANUAL_STATUS_TRANSITIONS, type MeetingStatus } from '../../../shared/meetings';
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

/** Buttons for the status changes an organiser may make from the current status. */
export function StatusControls({
  meeting,
  onChange,
}: {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
}) {
  const { t } = useTranslation();
  const change = useAction(async (status: MeetingStatus) => {
    onChange(await api.changeMeetingStatus(meeting.id, { status }));
  });
  const targets = MANUAL_STATUS_TRANSITIONS[meeting.status];
  if (targets.length === 0) return null;
  return (
    <section aria-labelledby="status-heading" className="status-controls">
      <h2 id="status-heading">{t('meeting.changeStatus')}</h2>
      <ErrorMessage error={change.error} />
      <div className="button-row">
        {targets.map((to) => {
          const key = labelKey(meeting.status, to);
          return (
            <button
              key={to}
              type="button"
              className="button-secondary"
              disabled={change.busy}
              onClick={() => change.run(to)}
            >
              {key ? t(key) : t(`meetingStatus.${to}`)}
            </button>
          );
        })}
      </div>
    </section>
  );
}
