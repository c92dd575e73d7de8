import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loadable } from '../../components/Loadable';
import { useGroup } from '../../group';
import { memoApi } from '../../memoApi';
import { useResource } from '../../useResource';
import { ApprovalPanel } from './ApprovalPanel';
import { useApprovalCheck } from './useApprovalCheck';
import { useApprovalRight } from './useApprovalRight';

/**
 * The chair's way to the approval from the live memo: a button that opens the approval panel
 * above the memo, so the draft stays in view while its check is read.
 */
export function RoomApproval({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!useApprovalRight(meetingId).mayApprove) return null;
  return (
    <div className="room-approval">
      <button
        type="button"
        className="button-secondary room-approval-toggle"
        aria-expanded={open}
        aria-controls="room-approval-panel"
        onClick={() => setOpen((value) => !value)}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'} </span>
        {t('approval.roomToggle')}
      </button>
      <div id="room-approval-panel" hidden={!open}>
        {/* Mounted only when open: the check reads the whole draft on the server. */}
        {open && <RoomApprovalPanel meetingId={meetingId} />}
      </div>
    </div>
  );
}

function RoomApprovalPanel({ meetingId }: { meetingId: string }) {
  const { group } = useGroup();
  const load = useCallback(
    (signal: AbortSignal) => memoApi.history(meetingId, signal),
    [meetingId],
  );
  const history = useResource(load);
  const { reload, update } = history;
  const open = history.result.status === 'ready' && history.result.data.status === 'open';
  const check = useApprovalCheck(meetingId, open);
  return (
    <Loadable resource={history}>
      {(loaded) => (
        <ApprovalPanel
          groupId={group.id}
          meetingId={meetingId}
          history={loaded}
          check={check}
          onChanged={(next) => (next ? update(() => next) : reload())}
        />
      )}
    </Loadable>
  );
}
