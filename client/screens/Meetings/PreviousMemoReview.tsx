import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrackedItem } from '../../../shared/api/memoVersions';
import type { Meeting } from '../../../shared/api/types';
import { memoVersionPath, TrackedItemList } from '../Continuity/TrackedItemList';

interface Props {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
}

/**
 * The previous approved memo this meeting reviews, and the follow-ups and dissents carried into
 * it with their status now. Nothing when the meeting was created before any memo was approved.
 */
export function PreviousMemoReview({ meeting, onChange }: Props) {
  const { t } = useTranslation();
  const { review, carried } = meeting;
  if (!review && carried.length === 0) return null;

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
