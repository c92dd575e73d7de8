import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Meeting, MemoReview } from '../../../shared/api/types';
import { REVIEW_OUTCOMES } from '../../../shared/continuity';
import { can } from '../../../shared/permissions';
import { continuityApi } from '../../continuityApi';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';

/** "Muistio tarkastettiin kokouksessa X 9.3.2031 (korjauksin)", on either meeting. */
export function ReviewOutcomeText({ review }: { review: MemoReview }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <p className="review-outcome">
      {t(`continuity.review.outcome.${review.outcome}`, {
        title: review.at.meetingTitle,
        date: format.date(review.at.meetingStartsAt),
      })}
    </p>
  );
}

interface Props {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
}

/**
 * The previous meeting by date, a warning while its memo is not approved, the outcome recorded
 * and, for who may record it, the two outcomes. Corrections are made by reopening that memo on
 * its own page (the existing reopen flow), which this links to.
 */
export function PreviousMeetingReview({ meeting, onChange }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useGroup();
  const record = useAction(async (outcome: MemoReview['outcome']) => {
    const reviewOutcome = await continuityApi.recordReview(meeting.id, outcome);
    onChange({ ...meeting, reviewOutcome });
  });
  const previous = meeting.previousMeeting;
  if (!previous) return null;
  const memoPath = `/groups/${meeting.groupId}/meetings/${previous.meetingId}/memo`;

  return (
    <div className="previous-meeting">
      <p>
        {t('continuity.review.previousMeeting')}{' '}
        <Link to={`/groups/${meeting.groupId}/meetings/${previous.meetingId}`}>
          {previous.meetingTitle} {format.date(previous.meetingStartsAt)}
        </Link>
      </p>
      {previous.approvedVersion === null && (
        <p className="review-warning" role="status">
          {t('continuity.review.notApproved')}
        </p>
      )}
      {meeting.reviewOutcome && <ReviewOutcomeText review={meeting.reviewOutcome} />}
      {meeting.reviewOutcome?.outcome === 'reviewedWithCorrections' && (
        <p>
          <Link to={memoPath}>{t('continuity.review.reopenLink')}</Link>
        </p>
      )}
      {can(actor, 'memo.recordReview') && (
        <div className="actions">
          {REVIEW_OUTCOMES.map((outcome) => (
            <button
              key={outcome}
              type="button"
              disabled={record.busy}
              aria-pressed={meeting.reviewOutcome?.outcome === outcome}
              onClick={() => record.run(outcome)}
            >
              {t(`continuity.review.record.${outcome}`)}
            </button>
          ))}
        </div>
      )}
      <ErrorMessage error={record.error} />
    </div>
  );
}
