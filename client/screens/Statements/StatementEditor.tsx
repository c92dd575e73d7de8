import { EditorContent } from '@tiptap/react';
import { memo, useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COLLAB_CLOSE_REASON, type RejectReason } from '../../../shared/memo/protocol';
import { Loading } from '../../components/Loadable';
import type { RoomSync } from '../../memo/roomSync';
import { deleteDatabase, offlineStoreName } from '../../memo/offlineStore';
import type { RoomSaveStatus } from '../../memo/saveStatus';
import { useRoomEditor } from '../../memo/useRoomEditor';
import { statementExtensions } from '../../statements/extensions';
import { useRoomSnapshot } from '../../statements/useStatementRoom';
import { FormattingToolbar } from '../MeetingRoom/FormattingToolbar';
import { RejectionNotice } from '../MeetingRoom/RejectionNotice';
import { SaveStatus } from '../MeetingRoom/SaveStatus';

interface Props {
  room: RoomSync;
  /** The person may draft statements, and the statement is a draft or being edited. */
  canEdit: boolean;
  /** What a locked room means here: in consent (until "Muokkaa tekstiä"), or released. */
  lockedNote: 'inConsent' | 'locked';
  userId: string;
  /** Told whenever the room's save status changes (putting to consent waits for "saved"). */
  onSaveStatus: (status: RoomSaveStatus) => void;
}

/** The statement's live text: save status, what the server allows, toolbar and editor. */
export function StatementEditor({ room, canEdit, lockedNote, userId, onSaveStatus }: Props) {
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
      <div className="memo-status-bar statement-status-bar">
        <SaveStatus save={snapshot.status} />
      </div>
      {access?.mode === 'read' && (
        <p className="note">
          {t(
            access.reason === 'locked'
              ? `statements.access.${lockedNote}`
              : 'statements.access.read',
          )}
        </p>
      )}
      {snapshot.closedCode !== null && (
        <p role="alert" className="alert alert-error">
          {t(
            snapshot.closedReason === COLLAB_CLOSE_REASON.membership
              ? 'statements.accessChanged'
              : 'statements.sessionEnded',
          )}
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
  const editor = useRoomEditor({
    room,
    extensions,
    writable,
    className: 'statement-document',
    label: t('statements.editorLabel'),
  });

  return (
    <div className="memo-editor statement-editor">
      <FormattingToolbar editor={editor} label={t('statements.toolbar')} disabled={!writable} />
      <EditorContent editor={editor} />
    </div>
  );
});
