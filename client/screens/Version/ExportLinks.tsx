import { useTranslation } from 'react-i18next';
import type { MemoVersionView } from '../../../shared/api/memoVersions';
import type { Audience } from '../../../shared/confidentiality';
import { currentLocale } from '../../i18n';
import { exportLink } from '../../memoApi';
import { useMemoLabels } from './useMemoLabels';

interface Props {
  view: MemoVersionView;
  /** Negotiators may also take the public rendering, e.g. for publishing. */
  offerPublic: boolean;
}

/**
 * The server's renderings of the version: PDF, Markdown and a print page, for the audience on
 * screen (and the public one for negotiators), in the interface language.
 */
export function ExportLinks({ view, offerPublic }: Props) {
  const labels = useMemoLabels();
  const audiences: Audience[] =
    offerPublic && view.audience !== 'public' ? [view.audience, 'public'] : [view.audience];
  return (
    <div className="memo-version-exports">
      {audiences.map((audience) => (
        <ExportRow
          key={audience}
          view={view}
          audience={audience}
          label={labels.audience[audience]}
        />
      ))}
    </div>
  );
}

function ExportRow({
  view,
  audience,
  label,
}: {
  view: MemoVersionView;
  audience: Audience;
  label: string;
}) {
  const { t } = useTranslation();
  const locale = currentLocale();
  const link = (format: 'pdf' | 'md' | 'print') =>
    exportLink(view.meetingId, view.version, format, locale, audience);
  // Several rows share the visible words; the audience completes each link's name.
  const whose = <span className="visually-hidden"> ({label})</span>;
  return (
    <div className="memo-version-export-row">
      <span className="memo-version-export-label">{label}:</span>
      <ul className="memo-version-export-links">
        <li>
          <a href={link('pdf')} download className="button-link button-secondary">
            {t('versions.downloadPdf')}
            {whose}
          </a>
        </li>
        <li>
          <a href={link('md')} download className="button-link button-secondary">
            {t('versions.downloadMarkdown')}
            {whose}
          </a>
        </li>
        <li>
          <a
            href={link('print')}
            target="_blank"
            rel="noopener noreferrer"
            className="button-link button-secondary"
          >
            {t('versions.print')}
            {whose}
            <span className="visually-hidden"> {t('versions.newTab')}</span>
          </a>
        </li>
      </ul>
    </div>
  );
}
