import { useTranslation } from 'react-i18next';
import { isNegotiator } from '../../../shared/roles';
import { useGroup } from '../../group';

/** What the memo is, for negotiators; when it can be read, for the party groups' readers. */
export function MemoNote() {
  const { t } = useTranslation();
  const { actor } = useGroup();
  return (
    <aside className="note" aria-label={t('meeting.memoNoteLabel')}>
      <p>{t(isNegotiator(actor.role) ? 'meeting.memoNote' : 'meeting.memoForReaders')}</p>
    </aside>
  );
}
