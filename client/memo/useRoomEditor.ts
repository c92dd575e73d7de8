import type { Extensions } from '@tiptap/core';
import { useEditor, type Editor } from '@tiptap/react';
import { useEffect } from 'react';

interface RoomEditorOptions {
  /** What the extensions are bound to: the editor is made anew only for another room. */
  room: object;
  extensions: Extensions;
  writable: boolean;
  /** The class of the editable document. */
  className: string;
  /** The editor's accessible name, kept in the interface language. */
  label: string;
}

/**
 * A collaborative TipTap editor over a live room, as the memo and the joint statement use it: an
 * accessible multi-line textbox that re-renders only when asked and follows what the server allows.
 */
export function useRoomEditor({
  room,
  extensions,
  writable,
  className,
  label,
}: RoomEditorOptions): Editor {
  const editor = useEditor(
    {
      extensions,
      editable: writable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: className,
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': label,
        },
      },
    },
    [room],
  );

  useEffect(() => {
    editor.setEditable(writable);
    editor.view.dom.setAttribute('aria-readonly', String(!writable));
  }, [editor, writable]);

  useEffect(() => {
    editor.view.dom.setAttribute('aria-label', label);
  }, [editor, label]);

  return editor;
}
