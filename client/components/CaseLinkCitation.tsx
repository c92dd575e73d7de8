import { useTranslation } from 'react-i18next';
import { formatCaseLink, type CaseLink } from '../../shared/caseLinks';
import { DEFAULT_LOCALE } from '../../shared/locales';
import { isLocale } from '../i18n';

/**
 * An agenda item's council case as every screen cites it ("Kaupunginhallitus 12.1.2027 § 14,
 * dnro 123/2026"), linked to the public item when there is a URL. Read-only.
 */
export function CaseLinkText({ link }: { link: CaseLink }) {
  const { i18n } = useTranslation();
  const locale = isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE;
  const text = formatCaseLink(link, locale) || link.url;
  if (!link.url) return <>{text}</>;
  return (
    <a href={link.url} target="_blank" rel="noopener noreferrer">
      {text}
    </a>
  );
}

/** The case as a line of its own, after its label ("Kaupungin asia: …"). */
export function CaseLinkCitation({ link, label }: { link: CaseLink; label: string }) {
  return (
    <p className="case-link">
      <span className="case-link-label">{label}:</span> <CaseLinkText link={link} />
    </p>
  );
}
