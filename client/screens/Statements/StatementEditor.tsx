import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import { memo, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { RejectReason } from '../../../shared/memo/protocol';
import { Loading } from '../../components/Loadable';
import type { RoomSync } from '../../memo/roomSync';
import { deleteDatabase, offlineStoreName } from '../../memo/offlineStore';
import type { RoomSaveStatus } from '../../memo/saveStatus';
import { useSaveAnnouncement } from '../../memo/useSaveAnnouncement';
import { statementExtensions } from '../../statement/extensions';
import { useRoomSnapshot } from '../../statement/useStatementRoom';
import { RejectionNotice } from '../MeetingRoom/RejectionNotice';
import { Tool } from '../MeetingRoom/Tool';

interface Props {
  room: RoomSync;
  /** The person may draft statements and the statement is not released. */
  canEdit: boolean;
  userId: string;
  /** Told whenever the room's save status changes (putting to consent waits for "saved"). */
  onSaveStatus: (status: RoomSaveStatus) => void;
}

/** The statement's live text: save status, what the server allows, toolbar and editor. */
export function StatementEditor({ room, canEdit, userId, onSaveStatus }: Props) {
  const { t } = useTranslation();
  const snapshot = useRoomSnapshot(room);
  const access = snapshot.access;
  const writable = canEdit && access?.mode !== 'read';

  useEffect(() => onSaveStatus(snapshot.status), [onSaveStatus, snapshot.status]);

  const rejections = useMemo(
    () =>
      snapshot.rejection
        ? [
            {
              key: `collab:${snapshot.rejection.seq}:${snapshot.rejection.reason}`,
              reason: snapshot.rejection.reason,
            },
          ]
        : [],
    [snapshot.rejection],
  );
  const reloadFromServer = useCallback(() => {
    void deleteDatabase(offlineStoreName(userId, room.room))
      .catch(() => undefined)
      .then(() => window.location.reload());
  }, [room, userId]);
  const rejectionTexts = useMemo(
    () => ({
      message: (reason: RejectReason) => t(`statements.rejected.${reason}`),
      reload: t('statements.reload'),
    }),
    [t],
  );

  return (
    <div className="statement-editor-area">
      <SaveStatus save={snapshot.status} />
      {access?.mode === 'read' && (
        <p className="note">
          {t(access.reason === 'locked' ? 'statements.access.locked' : 'statements.access.read')}
        </p>
      )}
      {snapshot.closedCode !== null && (
        <p role="alert" className="alert alert-error">
          {t('statements.sessionEnded')}
        </p>
      )}
      <RejectionNotice rejections={rejections} onReload={reloadFromServer} texts={rejectionTexts} />
      {snapshot.loaded ? (
        <LiveEditor room={room} writable={writable} />
      ) : (
        <Loading
          message={t(
            snapshot.status === 'offline'
              ? 'statements.waitingForConnection'
              : 'statements.loadingText',
          )}
        />
      )}
    </div>
  );
}

function SaveStatus({ save }: { save: RoomSaveStatus }) {
  const { t } = useTranslation();
  const announcement = useSaveAnnouncement(save);
  return (
    <div className="memo-status-bar statement-status-bar">
      <p className={`save-status save-${save}`}>
        <span className="status-dot" aria-hidden="true" />
        {t(`memo.save.${save}`)}
      </p>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}

/** The collaborative editor bound to the statement room, with its toolbar. */
const LiveEditor = memo(function LiveEditor({
  room,
  writable,
}: {
  room: RoomSync;
  writable: boolean;
}) {
  const { t } = useTranslation();
  // Made once per room: the extensions bind the room's document and provider.
  const extensions = useMemo(
    () => statementExtensions({ doc: room.doc, provider: room.provider }),
    [room],
  );
  const editor = useEditor(
    {
      extensions,
      editable: writable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: {
        attributes: {
          class: 'statement-document',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': t('statements.editorLabel'),
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
    editor.view.dom.setAttribute('aria-label', t('statements.editorLabel'));
  }, [editor, t]);

  return (
    <div className="memo-editor statement-editor">
      <StatementToolbar editor={editor} disabled={!writable} />
      <EditorContent editor={editor} />
    </div>
  );
});

function StatementToolbar({ editor, disabled }: { editor: Editor; disabled: boolean }) {
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
    <div role="toolbar" aria-label={t('statements.toolbar')} className="memo-toolbar">
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
    </div>
  );
}
