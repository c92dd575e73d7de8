import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_SHORTCUTS } from '../../memo/commands';
import { currentSectionId } from '../../memo/position';
import { FormattingToolbar } from './FormattingToolbar';
import { useMemoRoom } from './roomContext';
import { Tool } from './Tool';

/**
 * Formatting and the memo's typed blocks, each with its keyboard shortcut. Levels are set where
 * they show, in the item's and the block's header (the shortcut still steps the block at the caret).
 */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const { memoWritable, partyWritable, ownPartyId, addDissent } = useMemoRoom();
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({ sectionId: currentSectionId(current.state) }),
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
    </FormattingToolbar>
  );
}
