import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_ATTRS, readConfidentiality } from '../../../shared/memo/format';
import { ConfidentialitySelect } from './Confidentiality';
import { DissentList } from './DissentList';
import { useMemoRoom } from './roomContext';

/** One agenda item's section: its level, its text, and the parties' dissents below it. */
export function SectionView({ node, updateAttributes }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const { memoWritable } = useMemoRoom();
  const level = readConfidentiality(node.attrs[MEMO_ATTRS.confidentiality]);
  const sectionId: unknown = node.attrs[MEMO_ATTRS.id];
  return (
    <NodeViewWrapper as="section" className={`memo-section memo-level-${level}`}>
      <div className="memo-section-bar" contentEditable={false}>
        <ConfidentialitySelect
          label={t('memo.sectionLevel')}
          value={level}
          disabled={!memoWritable}
          onChange={(next) => updateAttributes({ [MEMO_ATTRS.confidentiality]: next })}
        />
      </div>
      <NodeViewContent className="memo-section-content" />
      {typeof sectionId === 'string' && <DissentList sectionId={sectionId} />}
    </NodeViewWrapper>
  );
}
