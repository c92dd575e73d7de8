import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RoomSaveStatus } from './saveStatus';

/**
 * What screen readers hear about saving: going offline, changes that cannot be saved, and the
 * first "all saved" after such a problem; not the saving and saved of every keystroke.
 */
export function useSaveAnnouncement(save: RoomSaveStatus): string {
  const { t } = useTranslation();
  const [announced, setAnnounced] = useState('');
  let next = announced;
  if (save === 'offline' || save === 'notStoring' || save === 'unsaved')
    next = t(`memo.save.${save}`);
  else if (save === 'saved' && announced !== '') next = t('memo.save.saved');
  // Derived from the previous announcement: changing it during render is React's own pattern.
  if (next !== announced) setAnnounced(next);
  return next;
}
