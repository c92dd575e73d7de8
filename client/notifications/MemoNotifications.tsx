import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { MemoDelivered } from '../../shared/realtime/events';
import { versionRoute } from '../screens/Version/paths';
import { useMe } from '../session';
import './notifications.css';

type Listener = (notice: MemoDelivered) => void;

interface NotificationsContextValue {
  subscribe: (listener: Listener) => () => void;
}

const NotificationsContext = createContext<NotificationsContextValue | null>(null);

/** More would cover the page; the memo list shows every new memo anyway. */
const MAX_SHOWN = 3;

interface Shown {
  key: string;
  notice: MemoDelivered;
}

/**
 * For a logged-in person: listens for newly delivered memos, shows each as a notice that stays
 * until closed, announces it politely, and tells subscribed screens (memo lists) to refresh.
 */
export function MemoNotificationsProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const listeners = useRef(new Set<Listener>());
  const [shown, setShown] = useState<Shown[]>([]);
  const [announcement, setAnnouncement] = useState<MemoDelivered | null>(null);
  const { pathname } = useLocation();
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
  }, [pathname]);

  useEffect(() => {
    const onMemoDelivered = (notice: MemoDelivered) => {
      listeners.current.forEach((listener) => listener(notice));
      // The meeting's page and live memo show it already (that is where the chair approves):
      // a notice there would only repeat it.
      const meetingPath = `/groups/${notice.groupId}/meetings/${notice.meetingId}`;
      if (path.current === meetingPath || path.current === `${meetingPath}/memo`) return;
      // One notice per meeting: a newer version replaces the older one's.
      const key = notice.meetingId;
      setShown((list) =>
        [...list.filter((item) => item.key !== key), { key, notice }].slice(-MAX_SHOWN),
      );
      setAnnouncement(notice);
    };
    // Socket.io's client is loaded after the first screen, keeping it out of the initial bundle
    // (readers open memos from links). Should loading fail (offline), only the live notices are
    // missed: the memo lists still mark new memos.
    let stop: (() => void) | null = null;
    let cancelled = false;
    import('../realtime/userNotices').then(
      ({ listenToUserNotices }) => {
        if (!cancelled) stop = listenToUserNotices({ memoDelivered: onMemoDelivered });
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [me.id]);

  const value = useMemo<NotificationsContextValue>(
    () => ({
      subscribe: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
    }),
    [],
  );

  return (
    <NotificationsContext value={value}>
      {children}
      <Notices
        shown={shown}
        announcement={announcement}
        onDismiss={(key) => setShown((list) => list.filter((item) => item.key !== key))}
      />
    </NotificationsContext>
  );
}

/** Run `listener` for every memo delivered while this component is mounted. */
export function useMemoDelivered(listener: Listener): void {
  const context = useContext(NotificationsContext);
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => context?.subscribe((notice) => latest.current(notice)), [context]);
}

interface NoticesProps {
  shown: Shown[];
  announcement: MemoDelivered | null;
  onDismiss: (key: string) => void;
}

function Notices({ shown, announcement, onDismiss }: NoticesProps) {
  const { t } = useTranslation();
  const message = (notice: MemoDelivered) =>
    t('notifications.memoDelivered', { title: notice.meetingTitle, version: notice.version });
  return (
    <section className="toasts" aria-label={t('notifications.label')}>
      {/* Only the message is announced, not the links and buttons around it. */}
      <p role="status" className="visually-hidden">
        {announcement && message(announcement)}
      </p>
      {shown.length > 0 && (
        <ul className="toast-list">
          {shown.map(({ key, notice }) => (
            <li key={key} className="toast">
              <p className="toast-message">{message(notice)}</p>
              <div className="toast-actions">
                <Link
                  to={versionRoute(notice.groupId, notice.meetingId, notice.version)}
                  onClick={() => onDismiss(key)}
                >
                  {t('notifications.open')}
                  <span className="visually-hidden">: {notice.meetingTitle}</span>
                </Link>
                <button
                  type="button"
                  className="button-secondary"
                  aria-label={t('notifications.dismissOne', { title: notice.meetingTitle })}
                  onClick={() => onDismiss(key)}
                >
                  {t('notifications.dismiss')}
                </button>
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
