import { useTranslation } from 'react-i18next';
import './memos.css';

/** Marks a memo whose latest version the person has not opened yet. */
export function NewBadge() {
  const { t } = useTranslation();
  return <span className="new-badge">{t('memos.new')}</span>;
}
