import { useTranslation } from 'react-i18next';
import { InPageLink } from '../../components/InPageLink';

export interface ContentsEntry {
  /** The section's heading, which takes focus (tabIndex -1). */
  headingId: string;
  label: string;
}

/**
 * A short in-page list of the sections below, in the order the page shows them, so that on a
 * phone the approval or the attendance is one tap away rather than a long scroll.
 */
export function PageContents({ entries }: { entries: readonly ContentsEntry[] }) {
  const { t } = useTranslation();
  if (entries.length < 3) return null;
  return (
    <nav className="page-contents" aria-label={t('meetingStage.contents')}>
      <ul>
        {entries.map(({ headingId, label }) => (
          <li key={headingId}>
            <InPageLink targetId={headingId}>{label}</InPageLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
