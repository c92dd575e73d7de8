import { useTranslation } from 'react-i18next';
import { can } from '../../../shared/permissions';
import { useGroup } from '../../group';

/** What the memo is, for negotiators; when it can be read, for the party groups' readers. */
export function MemoNote() {
  const { t } = useTranslation();
  const { actor } = useGroup();
  return (
    <aside className="note" aria-label={t('meeting.memoNoteLabel')}>
      <p>{t(can(actor, 'group.negotiate') ? 'meeting.memoNote' : 'meeting.memoForReaders')}</p>
    </aside>
  );
}
