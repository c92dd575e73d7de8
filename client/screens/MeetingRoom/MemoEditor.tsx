import { EditorContent } from '@tiptap/react';
import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { confidentialityMarksKey } from '../../memo/confidentialityMarks';
import { memoExtensions } from '../../memo/extensions';
import type { MeetingRooms } from '../../memo/meetingRooms';
import { useRoomEditor } from '../../memo/useRoomEditor';
import { AgreedPointView } from './AgreedPointView';
import { FollowUpView } from './FollowUpView';
import { SectionView } from './SectionView';
import { Toolbar } from './Toolbar';

const VIEWS = { section: SectionView, agreedPoint: AgreedPointView, followUp: FollowUpView };

interface Props {
  rooms: MeetingRooms;
  writable: boolean;
  /** Stable for the room: the editor's extensions are made once. */
  addDissent: (sectionId: string) => boolean;
}

/** The collaborative editor bound to the memo room, with its toolbar. */
export const MemoEditor = memo(function MemoEditor({ rooms, writable, addDissent }: Props) {
  const { t, i18n } = useTranslation();

  // Made once per room: the extensions bind the room's document and provider.
  const extensions = useMemo(
    () =>
      memoExtensions({
        doc: rooms.memo.doc,
        provider: rooms.memo.provider,
        views: VIEWS,
        levelLabel: (level) => i18n.t(`confidentiality.${level}`),
        addDissent,
      }),
    [rooms, i18n, addDissent],
  );
  const editor = useRoomEditor({
    room: rooms,
    extensions,
    writable,
    className: 'memo-document',
    label: t('memo.editorLabel'),
  });

  // Labels drawn by the editor itself follow the interface language.
  useEffect(() => {
    editor.view.dispatch(editor.state.tr.setMeta(confidentialityMarksKey, 'refresh'));
  }, [editor, t]);

  return (
    <div className="memo-editor">
      <Toolbar editor={editor} />
      <EditorContent editor={editor} />
    </div>
  );
});
