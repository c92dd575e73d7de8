import type { ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_ATTRS, readConfidentiality } from '../../../shared/memo/format';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ConfidentialitySelect } from './Confidentiality';
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
      <ConfidentialitySelect
        label={t('memo.blockLevel')}
        value={level}
        disabled={!memoWritable}
        onChange={(next) => updateAttributes({ [MEMO_ATTRS.confidentiality]: next })}
      />
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
