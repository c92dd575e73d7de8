import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_ATTRS, readConfidentiality } from '../../../shared/memo/format';
import { placeholderStyle } from '../../memo/placeholder';
import { BlockHeader } from './BlockHeader';
import { StanceRow } from './StanceRow';

/** A view agreed together, with every party's stance on it. */
export function AgreedPointView({ node, updateAttributes, deleteNode }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const level = readConfidentiality(node.attrs[MEMO_ATTRS.confidentiality]);
  const id: unknown = node.attrs[MEMO_ATTRS.id];
  return (
    <NodeViewWrapper className={`memo-typed memo-agreed memo-level-${level}`}>
      <BlockHeader
        node={node}
        updateAttributes={updateAttributes}
        deleteNode={deleteNode}
        label={t('memo.agreedPoint')}
      />
      <NodeViewContent
        className="memo-typed-content"
        style={placeholderStyle(t('memo.placeholder.agreedPoint'))}
      />
      {typeof id === 'string' && <StanceRow agreedPointId={id} />}
    </NodeViewWrapper>
  );
}
