import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { MemoSummary } from '../../../shared/memo/summary';
import { StanceMatrix } from './StanceMatrix';

interface Props {
  summary: MemoSummary;
  parties: Party[];
}

/** Above the memo: the stance matrix, shown on request. */
export function StanceTools({ summary, parties }: Props) {
  const { t } = useTranslation();
  const [matrixOpen, setMatrixOpen] = useState(false);
  const matrixId = useId();
  return (
    <>
      <div className="stance-tools">
        <button
          type="button"
          className="button-secondary"
          aria-expanded={matrixOpen}
          aria-controls={matrixId}
          onClick={() => setMatrixOpen((open) => !open)}
        >
          {t('memo.matrix.show')}
        </button>
      </div>
      <div id={matrixId} hidden={!matrixOpen}>
        {matrixOpen && <StanceMatrix summary={summary} parties={parties} />}
      </div>
    </>
  );
}
