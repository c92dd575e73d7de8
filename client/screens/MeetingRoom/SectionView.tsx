import { NodeViewContent, NodeViewWrapper, type ReactNodeViewProps } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_ATTRS, readConfidentiality } from '../../../shared/memo/format';
import { CaseLinkCitation } from '../../components/CaseLinkCitation';
import { MEMO_SHORTCUTS } from '../../memo/commands';
import { placeholderStyle } from '../../memo/placeholder';
import { LevelControl } from './Confidentiality';
import { DissentList } from './DissentList';
import { useMemoRoom } from './roomContext';
import { shortcut } from './shortcuts';

/** One agenda item's section: its level (set here only), its text, and the parties' dissents. */
export function SectionView({ node, updateAttributes }: ReactNodeViewProps) {
  const { t } = useTranslation();
  const { memoWritable, caseLinks } = useMemoRoom();
  const level = readConfidentiality(node.attrs[MEMO_ATTRS.confidentiality]);
  const sectionId: unknown = node.attrs[MEMO_ATTRS.id];
  const agendaItemId: unknown = node.attrs[MEMO_ATTRS.agendaItemId];
  const caseLink = typeof agendaItemId === 'string' ? caseLinks.get(agendaItemId) : undefined;
  return (
    <NodeViewWrapper as="section" className={`memo-section memo-level-${level}`}>
      <div className="memo-section-bar" contentEditable={false}>
        <LevelControl
          label={t('memo.sectionLevel')}
          hint={t('memo.levelShortcut', { keys: shortcut(MEMO_SHORTCUTS.confidentiality).shown })}
          value={level}
          readOnly={!memoWritable}
          onChange={(next) => updateAttributes({ [MEMO_ATTRS.confidentiality]: next })}
        />
        {caseLink && <CaseLinkCitation link={caseLink} label={t('agenda.caseLink.label')} />}
      </div>
      <NodeViewContent
        className="memo-section-content"
        style={placeholderStyle(t('memo.placeholder.notes'))}
      />
      {typeof sectionId === 'string' && <DissentList sectionId={sectionId} />}
    </NodeViewWrapper>
  );
}
