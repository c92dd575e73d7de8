import { useEditorState, type Editor } from '@tiptap/react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Tool } from './Tool';

interface Props {
  editor: Editor;
  /** The toolbar's accessible name. */
  label: string;
  disabled: boolean;
  /** Further tool groups after the text formatting (the memo's typed blocks, confidentiality). */
  children?: ReactNode;
}

/**
 * A rich-text toolbar: the four marks and the two lists, each with its keyboard shortcut, then
 * whatever the editor adds. The memo and the joint statement share it.
 */
export function FormattingToolbar({ editor, label, disabled, children }: Props) {
  const { t } = useTranslation();
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      underline: current.isActive('underline'),
      strike: current.isActive('strike'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
    }),
  });
  const chain = () => editor.chain().focus();
  return (
    <div role="toolbar" aria-label={label} className="memo-toolbar">
      <div className="tool-group">
        <Tool
          label={t('memo.bold')}
          keys="Mod-B"
          symbol={<b>B</b>}
          pressed={state.bold}
          disabled={disabled}
          onClick={() => chain().toggleBold().run()}
        />
        <Tool
          label={t('memo.italic')}
          keys="Mod-I"
          symbol={<i>I</i>}
          pressed={state.italic}
          disabled={disabled}
          onClick={() => chain().toggleItalic().run()}
        />
        <Tool
          label={t('memo.underline')}
          keys="Mod-U"
          symbol={<u>U</u>}
          pressed={state.underline}
          disabled={disabled}
          onClick={() => chain().toggleUnderline().run()}
        />
        <Tool
          label={t('memo.strike')}
          keys="Mod-Shift-S"
          symbol={<s>S</s>}
          pressed={state.strike}
          disabled={disabled}
          onClick={() => chain().toggleStrike().run()}
        />
      </div>
      <div className="tool-group">
        <Tool
          label={t('memo.bulletList')}
          keys="Mod-Shift-8"
          symbol="•"
          pressed={state.bulletList}
          disabled={disabled}
          onClick={() => chain().toggleBulletList().run()}
        />
        <Tool
          label={t('memo.orderedList')}
          keys="Mod-Shift-7"
          symbol="1."
          pressed={state.orderedList}
          disabled={disabled}
          onClick={() => chain().toggleOrderedList().run()}
        />
      </div>
      {children}
    </div>
  );
}
