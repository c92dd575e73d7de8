import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_SHORTCUTS } from '../../memo/commands';
import { confidentialityTarget, currentSectionId } from '../../memo/position';
import { ConfidentialitySelect } from './Confidentiality';
import { FormattingToolbar } from './FormattingToolbar';
import { useMemoRoom } from './roomContext';
import { shortcut } from './shortcuts';
import { Tool } from './Tool';

/** Formatting, the memo's typed blocks and confidentiality, each with its keyboard shortcut. */
export function Toolbar({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const { memoWritable, partyWritable, ownPartyId, addDissent } = useMemoRoom();
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => {
      const target = confidentialityTarget(current.state);
      return {
        targetKind: target?.kind ?? null,
        level: target?.confidentiality ?? 'groups',
        sectionId: currentSectionId(current.state),
      };
    },
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
        <ConfidentialitySelect
          keyShortcut={shortcut(MEMO_SHORTCUTS.confidentiality)}
          label={state.targetKind === 'section' ? t('memo.sectionLevel') : t('memo.currentLevel')}
          value={state.level}
          disabled={off || state.targetKind === null}
          onChange={(level) => chain().setConfidentiality(level).run()}
        />
      </div>
    </FormattingToolbar>
  );
}
