import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { MemoSummary } from '../../../shared/memo/summary';
import { useMemoRoom } from './roomContext';
import { ROOM_SHORTCUTS, shortcut } from './shortcuts';
import { StanceMatrix } from './StanceMatrix';
import { useOpenStanceJump } from './useOpenStanceJump';

interface Props {
  summary: MemoSummary;
  parties: Party[];
}

/**
 * Above the memo: for someone who speaks for a party, the way to their party's next open stance;
 * for everyone, the stance matrix on request.
 */
export function StanceTools({ summary, parties }: Props) {
  const { t } = useTranslation();
  const { ownPartyId, partyWritable } = useMemoRoom();
  const speaks = !!ownPartyId && partyWritable;
  const { jump, done } = useOpenStanceJump(speaks);
  const [matrixOpen, setMatrixOpen] = useState(false);
  const matrixId = useId();
  const keys = shortcut(ROOM_SHORTCUTS.nextOpenStance);
  return (
    <>
      <div className="stance-tools">
        {speaks && (
          <button
            type="button"
            className="button-secondary"
            title={`${t('memo.nextOpenStanceHint')} (${keys.shown})`}
            aria-keyshortcuts={keys.aria}
            onClick={jump}
          >
            {t('memo.nextOpenStance')}
          </button>
        )}
        <button
          type="button"
          className="button-secondary"
          aria-expanded={matrixOpen}
          aria-controls={matrixId}
          onClick={() => setMatrixOpen((open) => !open)}
        >
          {t('memo.matrix.show')}
        </button>
        <p role="status" className="stance-tools-status">
          {speaks && done ? t('memo.allStancesMarked') : ''}
        </p>
      </div>
      <div id={matrixId} hidden={!matrixOpen}>
        {matrixOpen && <StanceMatrix summary={summary} parties={parties} />}
      </div>
    </>
  );
}
