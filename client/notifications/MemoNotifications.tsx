import {
  createContext,
  useContext,
  useEffect,
  useEffectEvent,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import type { ConsentNotice } from '../../shared/api/consent';
import type { FollowUpReminder, MeetingInvited, MemoDelivered } from '../../shared/realtime/events';
import { useFormat, type Formatters } from '../i18n/format';
import { versionRoute } from '../screens/Version/paths';
import { useMe } from '../session';
import { ConsentNoticeMessage, consentNoticeText } from './ConsentNoticeMessage';
import './notifications.css';

type Listener = (notice: MemoDelivered) => void;
/** `null`: the connection was lost for a while, so anything may have changed. */
type ConsentListener = (requestId: string | null) => void;
type MeetingListener = (notice: MeetingInvited) => void;

/** A group's delegations of approval changed; `null`: after a lost connection, any may have. */
type DelegationListener = (groupId: string | null) => void;

interface NotificationsContextValue {
  subscribe: (listener: Listener) => () => void;
  subscribeConsent: (listener: ConsentListener) => () => void;
  subscribeMeeting: (listener: MeetingListener) => () => void;
  subscribeDelegations: (listener: DelegationListener) => () => void;
}

const NotificationsContext = createContext<NotificationsContextValue | null>(null);

/** More would cover the page; the memo list shows every new memo anyway. */
const MAX_SHOWN = 3;

type Notice =
  | { kind: 'memo'; notice: MemoDelivered }
  | { kind: 'meeting'; notice: MeetingInvited }
  | { kind: 'followUp'; notice: FollowUpReminder }
  | { kind: 'consent'; notice: ConsentNotice };

type Shown = Notice & { key: string };

/**
 * For a logged-in person: listens for newly delivered memos, for meeting invitations (and their
 * updates and cancellations) and for consent notices (a statement or declassification awaits
 * their party, changed, was objected to or released), shows each as a
 * notice that stays until closed, announces it politely, and tells subscribed screens (memo
 * lists, statements, consent panels) to refresh.
 */
export function MemoNotificationsProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const listeners = useRef(new Set<Listener>());
  const consentListeners = useRef(new Set<ConsentListener>());
  const meetingListeners = useRef(new Set<MeetingListener>());
  const delegationListeners = useRef(new Set<DelegationListener>());
  const [shown, setShown] = useState<Shown[]>([]);
  const [announcement, setAnnouncement] = useState<Notice | null>(null);
  const { pathname } = useLocation();
  const path = useRef(pathname);
  useEffect(() => {
    path.current = pathname;
  }, [pathname]);

  useEffect(() => {
    const show = (item: Shown) => {
      setShown((list) =>
        [...list.filter((other) => other.key !== item.key), item].slice(-MAX_SHOWN),
      );
      setAnnouncement(item);
    };
    const onMemoDelivered = (notice: MemoDelivered) => {
      listeners.current.forEach((listener) => listener(notice));
      // The meeting's page and live memo show it already (that is where the chair approves):
      // a notice there would only repeat it.
      const meetingPath = `/groups/${notice.groupId}/meetings/${notice.meetingId}`;
      if (path.current === meetingPath || path.current === `${meetingPath}/memo`) return;
      // One notice per meeting: a newer version replaces the older one's.
      show({ kind: 'memo', notice, key: `memo:${notice.meetingId}` });
    };
    const onMeetingInvited = (notice: MeetingInvited) => {
      meetingListeners.current.forEach((listener) => listener(notice));
      // The meeting's page shows the invitation's state itself (that is where the chair sends it)
      // and reloads on it.
      if (path.current === meetingRoute(notice.groupId, notice.meetingId)) return;
      // One notice per meeting: an update or cancellation replaces the invitation's.
      show({ kind: 'meeting', notice, key: `meeting:${notice.meetingId}` });
    };
    const onFollowUpReminder = (notice: FollowUpReminder) => {
      // One notice per follow-up: "late" replaces "due soon".
      show({ kind: 'followUp', notice, key: `followUp:${notice.itemId}` });
    };
    const onConsentNotice = (notice: ConsentNotice) => {
      // The request's own screen shows the change live, with more than a notice could say.
      if (path.current === pathOnly(notice.path)) return;
      // One notice per request: the newest news about it replaces the older.
      show({ kind: 'consent', notice, key: `consent:${notice.requestId}` });
    };
    const tellConsent = (requestId: string | null) =>
      consentListeners.current.forEach((listener) => listener(requestId));
    const tellDelegations = (groupId: string | null) =>
      delegationListeners.current.forEach((listener) => listener(groupId));
    // Socket.io's client is loaded after the first screen, keeping it out of the initial bundle
    // (readers open memos from links). Should loading fail (offline), only the live notices are
    // missed: the memo lists still mark new memos.
    let stop: (() => void) | null = null;
    let cancelled = false;
    import('../realtime/userNotices').then(
      ({ listenToUserNotices }) => {
        if (!cancelled)
          stop = listenToUserNotices({
            memoDelivered: onMemoDelivered,
            meetingInvited: onMeetingInvited,
            followUpReminder: onFollowUpReminder,
            consentNotice: onConsentNotice,
            consentChanged: tellConsent,
            approvalDelegationChanged: tellDelegations,
            reconnected: () => {
              tellConsent(null);
              tellDelegations(null);
            },
          });
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
      subscribeConsent: (listener) => {
        consentListeners.current.add(listener);
        return () => consentListeners.current.delete(listener);
      },
      subscribeMeeting: (listener) => {
        meetingListeners.current.add(listener);
        return () => meetingListeners.current.delete(listener);
      },
      subscribeDelegations: (listener) => {
        delegationListeners.current.add(listener);
        return () => delegationListeners.current.delete(listener);
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
  const onNotice = useEffectEvent(listener);
  useEffect(() => context?.subscribe((notice) => onNotice(notice)), [context]);
}

/**
 * Run `listener` whenever an invitation, its update or the cancellation of `meetingId` went out
 * (by anyone, this person included): the meeting's page reloads to show its new state.
 */
export function useMeetingInvited(meetingId: string, listener: () => void): void {
  const context = useContext(NotificationsContext);
  const onNotice = useEffectEvent(listener);
  useEffect(
    () =>
      context?.subscribeMeeting((notice) => {
        if (notice.meetingId === meetingId) onNotice();
      }),
    [context, meetingId],
  );
}

/**
 * Run `listener` whenever the consent state of `requestId` changes (any request's when null), and
 * after a lost connection came back (with null: anything may have changed meanwhile).
 */
export function useConsentChanged(requestId: string | null, listener: () => void): void {
  const context = useContext(NotificationsContext);
  const onChange = useEffectEvent(listener);
  useEffect(
    () =>
      context?.subscribeConsent((changed) => {
        if (requestId === null || changed === null || changed === requestId) onChange();
      }),
    [context, requestId],
  );
}

/**
 * Calls `listener` when the delegations of approval of `groupId` change (issue 19: who acts for
 * the chair), or after a lost connection.
 */
export function useDelegationsChanged(groupId: string, listener: () => void): void {
  const context = useContext(NotificationsContext);
  const onChange = useEffectEvent(listener);
  useEffect(
    () =>
      context?.subscribeDelegations((changed) => {
        if (changed === null || changed === groupId) onChange();
      }),
    [context, groupId],
  );
}

/** The path part of a client route (a notice's path may carry a query or fragment). */
function pathOnly(path: string): string {
  return path.split(/[?#]/, 1)[0] ?? path;
}

interface NoticesProps {
  shown: Shown[];
  announcement: Notice | null;
  onDismiss: (key: string) => void;
}

/** The meeting's page, where its agenda, time and invitation are shown. */
function meetingRoute(groupId: string, meetingId: string): string {
  return `/groups/${groupId}/meetings/${meetingId}`;
}

function meetingInvitedText(t: TFunction, format: Formatters, notice: MeetingInvited): string {
  return t(`notifications.meetingInvited.${notice.kind}`, {
    title: notice.meetingTitle,
    time: format.dateTime(notice.startsAt),
  });
}

/** The toast's title, link and message for a memo or meeting notice (consent ones have their own). */
function noticeParts(t: TFunction, format: Formatters, item: Notice) {
  switch (item.kind) {
    case 'memo':
      return {
        title: item.notice.meetingTitle,
        to: versionRoute(item.notice.groupId, item.notice.meetingId, item.notice.version),
        open: t('notifications.open'),
        message: t(
          item.notice.declassified
            ? 'notifications.memoDeclassified'
            : 'notifications.memoDelivered',
          { title: item.notice.meetingTitle, version: item.notice.version },
        ),
      };
    case 'meeting':
      return {
        title: item.notice.meetingTitle,
        to: meetingRoute(item.notice.groupId, item.notice.meetingId),
        open: t('notifications.openMeeting'),
        message: meetingInvitedText(t, format, item.notice),
      };
    case 'followUp':
      return {
        title: t('myFollowUps.title'),
        to: '/my-follow-ups',
        open: t('notifications.openFollowUps'),
        message: t(`notifications.followUp.${item.notice.kind}`, {
          date: format.calendarDate(item.notice.due),
        }),
      };
    case 'consent':
      return {
        title: item.notice.title,
        to: item.notice.path,
        open: t(`consentNotices.open.${item.notice.requestKind}`),
        message: consentNoticeText(t, item.notice),
      };
  }
}

function Notices({ shown, announcement, onDismiss }: NoticesProps) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="toasts" aria-label={t('notifications.label')}>
      {/* Only the message is announced, not the links and buttons around it. */}
      <p role="status" className="visually-hidden">
        {announcement && noticeParts(t, format, announcement).message}
      </p>
      {shown.length > 0 && (
        <ul className="toast-list">
          {shown.map((item) => {
            const { title, to, open, message } = noticeParts(t, format, item);
            return (
              <li
                key={item.key}
                className={item.kind === 'consent' ? `toast toast-${item.notice.kind}` : 'toast'}
              >
                {item.kind === 'consent' ? (
                  <ConsentNoticeMessage notice={item.notice} />
                ) : (
                  <p className="toast-message">{message}</p>
                )}
                <div className="toast-actions">
                  <Link to={to} onClick={() => onDismiss(item.key)}>
                    {open}
                    <span className="visually-hidden">: {title}</span>
                  </Link>
                  <button
                    type="button"
                    className="button-secondary"
                    aria-label={t('notifications.dismissOne', { title })}
                    onClick={() => onDismiss(item.key)}
                  >
                    {t('notifications.dismiss')}
                  </button>
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
