import { useTranslation } from 'react-i18next';
import type { RoomSaveStatus } from '../../memo/saveStatus';
import { useSaveAnnouncement } from '../../memo/useSaveAnnouncement';

/**
 * The save status as shown, and what screen readers hear about it: the memo's and the joint
 * statement's status bars both start with it.
 */
export function SaveStatus({ save }: { save: RoomSaveStatus }) {
  const { t } = useTranslation();
  const announcement = useSaveAnnouncement(save);
  return (
    <>
      <p className={`save-status save-${save}`}>
        <span className="status-dot" aria-hidden="true" />
        {t(`memo.save.${save}`)}
      </p>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}
