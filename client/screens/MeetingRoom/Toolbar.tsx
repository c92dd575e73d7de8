import { useEditorState, type Editor } from '@tiptap/react';
import { useTranslation } from 'react-i18next';
import { MEMO_SHORTCUTS } from '../../memo/commands';
import { confidentialityTarget, currentSectionId } from '../../memo/position';
import { ConfidentialitySelect } from './Confidentiality';
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
        bold: current.isActive('bold'),
        italic: current.isActive('italic'),
        underline: current.isActive('underline'),
        strike: current.isActive('strike'),
        bulletList: current.isActive('bulletList'),
        orderedList: current.isActive('orderedList'),
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
    <div role="toolbar" aria-label={t('memo.toolbar')} className="memo-toolbar">
      <div className="tool-group">
        <Tool
          label={t('memo.bold')}
          keys="Mod-B"
          symbol={<b>B</b>}
          pressed={state.bold}
          disabled={off}
          onClick={() => chain().toggleBold().run()}
        />
        <Tool
          label={t('memo.italic')}
          keys="Mod-I"
          symbol={<i>I</i>}
          pressed={state.italic}
          disabled={off}
          onClick={() => chain().toggleItalic().run()}
        />
        <Tool
          label={t('memo.underline')}
          keys="Mod-U"
          symbol={<u>U</u>}
          pressed={state.underline}
          disabled={off}
          onClick={() => chain().toggleUnderline().run()}
        />
        <Tool
          label={t('memo.strike')}
          keys="Mod-Shift-S"
          symbol={<s>S</s>}
          pressed={state.strike}
          disabled={off}
          onClick={() => chain().toggleStrike().run()}
        />
      </div>
      <div className="tool-group">
        <Tool
          label={t('memo.bulletList')}
          keys="Mod-Shift-8"
          symbol="•"
          pressed={state.bulletList}
          disabled={off}
          onClick={() => chain().toggleBulletList().run()}
        />
        <Tool
          label={t('memo.orderedList')}
          keys="Mod-Shift-7"
          symbol="1."
          pressed={state.orderedList}
          disabled={off}
          onClick={() => chain().toggleOrderedList().run()}
        />
      </div>
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
    </div>
  );
}
