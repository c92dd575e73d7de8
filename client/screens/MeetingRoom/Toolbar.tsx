import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_SHORTCUTS } from '../../memo/commands';
import { confidentialityTarget, currentSectionId, selectionPlace } from '../../memo/position';
import { MEMO_NODES, readConfidentiality } from '../../../shared/memo/format';
import { FormattingToolbar } from './FormattingToolbar';
import { useMemoRoom } from './roomContext';
import { Tool } from './Tool';

/**
 * Formatting and the memo's typed blocks, each with its keyboard shortcut. Levels are set where
 * they show, in the item's and the block's header; a plain paragraph has no header, so the toolbar
 * offers one toggle for the paragraph at the caret (the shortcut steps through every level).
 */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const { memoWritable, partyWritable, ownPartyId, addDissent } = useMemoRoom();
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      sectionId: currentSectionId(current.state),
      paragraph: paragraphLevel(current.state),
    }),
  });
  const chain = () => editor.chain().focus();
  const inSection = state.sectionId !== null;
  const off = !memoWritable;

  return (
    <FormattingToolbar editor={editor} label={t('memo.toolbar')} disabled={off}>
      <div className="tool-group">
        <Tool
          label={t('memo.insertAgreedPoint')}
          keys={MEMO_SHORTCUTS.agreedPoint}
          disabled={off || !inSection}
          onClick={() => chain().insertAgreedPoint().run()}
        />
        {ownPartyId && (
          <Tool
            label={t('memo.insertDissent')}
            keys={MEMO_SHORTCUTS.dissent}
            disabled={!partyWritable || !inSection}
            onClick={() => state.sectionId && addDissent(state.sectionId)}
          />
        )}
        <Tool
          label={t('memo.insertFollowUp')}
          keys={MEMO_SHORTCUTS.followUp}
          disabled={off || !inSection}
          onClick={() => chain().insertFollowUp().run()}
        />
      </div>
      <div className="tool-group">
        <Tool
          label={t('memo.confidentialParagraph')}
          keys={MEMO_SHORTCUTS.confidentiality}
          // Inside a confidential item every paragraph already is; there is nothing to mark.
          disabled={off || state.paragraph === null || state.paragraph.inConfidentialItem}
          pressed={state.paragraph?.level === 'confidential'}
          onClick={() =>
            chain()
              .setConfidentiality(
                state.paragraph?.level === 'confidential' ? 'groups' : 'confidential',
              )
              .run()
          }
        />
      </div>
    </FormattingToolbar>
  );
}

/** The level of the plain block (paragraph, list) at the caret; null in a title or typed block. */
function paragraphLevel(state: Parameters<typeof confidentialityTarget>[0]) {
  const place = selectionPlace(state);
  const target = confidentialityTarget(state);
  if (!place?.block || !target || target.kind !== 'block') return null;
  const typed: string[] = [MEMO_NODES.agreedPoint, MEMO_NODES.followUp];
  if (typed.includes(target.node.type.name)) return null;
  return {
    level: target.confidentiality,
    inConfidentialItem: readConfidentiality(place.section.attrs.confidentiality) === 'confidential',
  };
}
