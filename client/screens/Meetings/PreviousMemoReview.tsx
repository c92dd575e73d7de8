import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrackedItem } from '../../../shared/api/memoVersions';
import type { Meeting } from '../../../shared/api/types';
import { memoVersionPath, TrackedItemList } from '../Continuity/TrackedItemList';
import { PreviousMeetingReview, ReviewOutcomeText } from './ReviewOutcome';

interface Props {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
}

/**
 * The previous meeting by date and the outcome of reviewing its memo, the previous approved memo
 * this meeting reviews, the follow-ups and dissents carried into it with their status now, and
 * where this meeting's own memo was reviewed. Nothing for a group's first meeting.
 */
export function PreviousMemoReview({ meeting, onChange }: Props) {
  const { t } = useTranslation();
  const { review, carried, previousMeeting, reviewedAt } = meeting;
  if (!review && carried.length === 0 && !previousMeeting && !reviewedAt) return null;

  const replace = (changed: TrackedItem) =>
    onChange({
      ...meeting,
      carried: carried.map((item) => (item.id === changed.id ? changed : item)),
    });

  return (
    <section aria-labelledby="review-heading">
      <h2 id="review-heading" tabIndex={-1}>
        {t('continuity.review.title')}
      </h2>
      {reviewedAt && <ReviewOutcomeText review={reviewedAt} />}
      <PreviousMeetingReview meeting={meeting} onChange={onChange} />
      {review && (
        <p>
          <Link to={memoVersionPath(meeting.groupId, review.meetingId, review.version)}>
            {t('continuity.review.memoLink', {
              title: review.meetingTitle,
              version: review.version,
            })}
          </Link>
        </p>
      )}
      <h3>{t('continuity.review.carried')}</h3>
      {carried.length === 0 ? (
        <p>{t('continuity.review.noneCarried')}</p>
      ) : (
        <TrackedItemList items={carried} showKind onChange={replace} />
      )}
    </section>
  );
}
