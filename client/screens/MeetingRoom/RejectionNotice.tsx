import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RejectReason } from '../../../shared/memo/protocol';

export interface Rejection {
  /** Unique per notice, so a dismissed one stays dismissed. */
  key: string;
  reason: RejectReason;
}

interface Props {
  rejections: Rejection[];
  /** Start again from the server's copy, dropping local edits the server will never take. */
  onReload: () => void;
  /** What the notice says and offers; the memo's words unless given (e.g. for a statement). */
  texts?: { message: (reason: RejectReason) => string; reload: string };
}

/** The newest edit the server dropped, said politely, with what the person can do. */
export function RejectionNotice({ rejections, onReload, texts }: Props) {
  const { t } = useTranslation();
  const message = texts?.message ?? ((reason: RejectReason) => t(`memo.rejected.${reason}`));
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  // The same rejection can arrive on both channels: dismissing closes everything shown so far.
  const visible = rejections.filter((rejection) => !dismissed.has(rejection.key)).at(-1);
  return (
    <div
      role="status"
      className={visible ? 'alert alert-warning memo-rejection' : 'visually-hidden'}
    >
      {visible && (
        <>
          <p>{message(visible.reason)}</p>
          <div className="button-row">
            {visible.reason !== 'store_failed' && (
              <button type="button" className="button-secondary" onClick={onReload}>
                {texts?.reload ?? t('memo.reloadMemo')}
              </button>
            )}
            <button
              type="button"
              className="button-secondary"
              onClick={() =>
                setDismissed(new Set([...dismissed, ...rejections.map(({ key }) => key)]))
              }
            >
              {t('memo.dismiss')}
            </button>
          </div>
        </>
      )}
    </div>
  );
}
