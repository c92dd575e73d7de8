import { useTranslation } from 'react-i18next';

/** Memos are written live in the meeting room, which is not part of this screen. */
export function MemoNote() {
  const { t } = useTranslation();
  return (
    <aside className="note" aria-label={t('meeting.memoNoteLabel')}>
      <p>{t('meeting.memoNote')}</p>
    </aside>
  );
}
