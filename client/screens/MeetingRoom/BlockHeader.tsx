import type { ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_ATTRS, readConfidentiality } from '../../../shared/memo/format';
import { ConfirmButton } from '../../components/ConfirmButton';
import { LevelControl, LockIcon } from './Confidentiality';
import { useMemoRoom } from './roomContext';

interface Props extends Pick<ReactNodeViewProps, 'node' | 'updateAttributes' | 'deleteNode'> {
  label: string;
}

/** The head of an agreed point or follow-up: what it is, its level, and removing it. */
export function BlockHeader({ node, updateAttributes, deleteNode, label }: Props) {
  const { t } = useTranslation();
  const { memoWritable } = useMemoRoom();
  const level = readConfidentiality(node.attrs[MEMO_ATTRS.confidentiality]);
  return (
    <div className="memo-block-head" contentEditable={false}>
      <span className="memo-block-label">{label}</span>
      {/* Inside a confidential item the block is confidential whatever its own level: the
          stylesheet shows the note instead of the control there (the section's view re-renders
          on its level; this block's view would not). */}
      <span className="memo-block-level">
        <LevelControl
          label={t('memo.blockLevelOf', { block: label })}
          value={level}
          readOnly={!memoWritable}
          onChange={(next) => updateAttributes({ [MEMO_ATTRS.confidentiality]: next })}
        />
      </span>
      <span className="level-badge level-badge-confidential memo-block-inherited">
        <LockIcon />
        {t('memo.confidentialWithItem')}
      </span>
      {memoWritable && (
        <ConfirmButton
          label={t('common.remove')}
          accessibleLabel={t('memo.removeBlock', { block: label })}
          question={t('memo.removeBlockQuestion')}
          onConfirm={deleteNode}
        />
      )}
    </div>
  );
}
