import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  delegationCurrent,
  helsinkiDay,
  type ApprovalDelegation,
} from '../../../shared/actingChair';
import type { Member, MeetingSummary } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { memoApi } from '../../memoApi';
import { useDelegationsChanged } from '../../notifications/MemoNotifications';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';

/** A vice-chair: someone who may approve only with a delegation. */
const approvesOnlyAsActingChair = (member: Member) =>
  !can(member, 'memo.approve') && can(member, 'memo.approve', { actingChair: true });

/**
 * "Puheenjohtajan sijainen" (issue 19): the chair (or an administrator, when the chair cannot be
 * reached) hands the approval to a vice-chair for one meeting or a period, and may end it early.
 * The chair keeps the right to approve meanwhile.
 */
export function ActingChair() {
  const { t } = useTranslation();
  const { group } = useGroup();
  const load = useCallback(
    async (signal: AbortSignal) => {
      const [delegations, members, meetings] = await Promise.all([
        memoApi.delegations(group.id, signal),
        api.members(group.id, signal),
        api.meetings(group.id, signal),
      ]);
      return { delegations, members, meetings };
    },
    [group.id],
  );
  const data = useResource(load);
  useDelegationsChanged(group.id, data.reload);
  return (
    <section aria-labelledby="acting-chair-heading" className="admin-section">
      <h2 id="acting-chair-heading" tabIndex={-1}>
        {t('actingChair.title')}
      </h2>
      <p>{t('actingChair.intro')}</p>
      <Loadable resource={data}>
        {(loaded) => (
          <>
            <DelegationList
              delegations={loaded.delegations}
              meetings={loaded.meetings}
              onChanged={data.reload}
            />
            <DelegateForm
              viceChairs={loaded.members.filter(approvesOnlyAsActingChair)}
              meetings={loaded.meetings}
              onCreated={data.reload}
            />
          </>
        )}
      </Loadable>
    </section>
  );
}

function DelegationList({
  delegations,
  meetings,
  onChanged,
}: {
  delegations: ApprovalDelegation[];
  meetings: MeetingSummary[];
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { group } = useGroup();
  const end = useAction(async (id: string) => {
    await memoApi.endDelegation(group.id, id);
    onChanged();
  });
  const current = delegations.filter((delegation) => delegationCurrent(delegation));
  if (current.length === 0) return <p>{t('actingChair.none')}</p>;
  return (
    <>
      <ErrorMessage error={end.error} />
      <ul className="acting-chair-list">
        {current.map((delegation) => (
          <li key={delegation.id}>
            <DelegationText delegation={delegation} meetings={meetings} />{' '}
            <button
              type="button"
              className="button-secondary"
              disabled={end.busy}
              onClick={() => end.run(delegation.id)}
            >
              {t('actingChair.end', { name: delegation.delegate.name })}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

function DelegationText({
  delegation,
  meetings,
}: {
  delegation: ApprovalDelegation;
  meetings: MeetingSummary[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { scope } = delegation;
  const when =
    scope.kind === 'meeting'
      ? t('actingChair.forMeeting', {
          title: meetings.find((meeting) => meeting.id === scope.meetingId)?.title ?? '',
        })
      : t('actingChair.forPeriod', {
          from: format.calendarDate(scope.from),
          to: format.calendarDate(scope.to),
        });
  return (
    <span>
      {t(delegation.inForce ? 'actingChair.inForce' : 'actingChair.upcoming', {
        name: delegation.delegate.name,
        when,
      })}{' '}
      <span className="muted">
        {t(delegation.byAdministrator ? 'actingChair.byAdministrator' : 'actingChair.byChair', {
          name: delegation.createdBy.name,
        })}
      </span>
    </span>
  );
}

function DelegateForm({
  viceChairs,
  meetings,
  onCreated,
}: {
  viceChairs: Member[];
  meetings: MeetingSummary[];
  onCreated: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  const today = helsinkiDay(new Date());
  const open = meetings.filter(
    (meeting) => meeting.status !== 'approved' && meeting.status !== 'cancelled',
  );
  const [delegate, setDelegate] = useState(viceChairs[0]?.userId ?? '');
  const [kind, setKind] = useState<'meeting' | 'period'>('meeting');
  const [meetingId, setMeetingId] = useState(open[0]?.id ?? '');
  const [from, setFrom] = useState(today);
  const [to, setTo] = useState(today);
  const create = useAction(async () => {
    await memoApi.delegate(group.id, {
      delegateUserId: delegate,
      scope: kind === 'meeting' ? { kind, meetingId } : { kind, from, to },
    });
    onCreated();
  });
  if (viceChairs.length === 0) return <p>{t('actingChair.noViceChair')}</p>;

  function submit(event: FormEvent) {
    event.preventDefault();
    create.run();
  }

  return (
    <form onSubmit={submit} className="acting-chair-form">
      <ErrorMessage error={create.error} />
      <label htmlFor="acting-chair-delegate">{t('actingChair.delegate')}</label>
      <select
        id="acting-chair-delegate"
        value={delegate}
        onChange={(event) => setDelegate(event.target.value)}
      >
        {viceChairs.map((member) => (
          <option key={member.userId} value={member.userId}>
            {member.name}
          </option>
        ))}
      </select>
      <fieldset>
        <legend>{t('actingChair.scope')}</legend>
        <label>
          <input
            type="radio"
            name="acting-chair-scope"
            checked={kind === 'meeting'}
            onChange={() => setKind('meeting')}
          />{' '}
          {t('actingChair.oneMeeting')}
        </label>
        <label>
          <input
            type="radio"
            name="acting-chair-scope"
            checked={kind === 'period'}
            onChange={() => setKind('period')}
          />{' '}
          {t('actingChair.period')}
        </label>
      </fieldset>
      {kind === 'meeting' ? (
        <>
          <label htmlFor="acting-chair-meeting">{t('actingChair.meeting')}</label>
          <select
            id="acting-chair-meeting"
            value={meetingId}
            onChange={(event) => setMeetingId(event.target.value)}
            required
          >
            {open.map((meeting) => (
              <option key={meeting.id} value={meeting.id}>
                {meeting.title} ({format.dateTime(meeting.startsAt)})
              </option>
            ))}
          </select>
        </>
      ) : (
        <>
          <label>
            {t('actingChair.from')}
            <input
              type="date"
              value={from}
              min={today}
              onChange={(event) => setFrom(event.target.value)}
              required
            />
          </label>
          <label>
            {t('actingChair.to')}
            <input
              type="date"
              value={to}
              min={from}
              onChange={(event) => setTo(event.target.value)}
              required
            />
          </label>
        </>
      )}
      <button type="submit" className="button-primary" disabled={create.busy}>
        {t('actingChair.submit')}
      </button>
    </form>
  );
}
