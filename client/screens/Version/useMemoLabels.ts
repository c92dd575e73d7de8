import { useTranslation } from 'react-i18next';
import { DEFAULT_LOCALE } from '../../../shared/locales';
import { MEMO_LABELS, type MemoLabels } from '../../../shared/memo/labels';
import { isLocale } from '../../i18n';

/**
 * The memo's own words (headings, stances, levels, disclaimer) in the interface language: the
 * same table the print page, Markdown and PDF use, so every rendering says the same.
 */
export function useMemoLabels(): MemoLabels {
  const { i18n } = useTranslation();
  return MEMO_LABELS[isLocale(i18n.language) ? i18n.language : DEFAULT_LOCALE];
}
