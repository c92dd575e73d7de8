import { useCallback, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  orderDeputies,
  substitutedBy,
  suggestSubstitute,
  type PersonAttendance,
  type PersonAttendanceStatus,
} from '../../../shared/attendance';
import type { Meeting, Member, Party } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { isDeputy, standsInFor } from '../../../shared/roles';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { PartyBadge } from '../../components/PartyBadge';
import { SaveButtonRow } from '../../components/SaveButtonRow';
import { useGroup } from '../../group';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';
import { AttendanceList } from './Attendance';

// Who attends, person by person (issue 19): the organisers record each negotiator as present,
// absent, or absent and substituted by a deputy of the same party (the first free one in the
// party's order is suggested); everyone else who may see the members reads the same, and readers
// keep the parties' attendance.

type Choice = PersonAttendanceStatus | 'unset';
interface Row {
  status: Choice;
  substituteUserId: string | null;
}

const negotiators = (members: Member[]) =>
  members.filter((member) => can(member, 'group.negotiate'));

function rowsOf(meeting: Meeting): Record<string, Row> {
  return Object.fromEntries(
    meeting.people.map((entry) => [
      entry.userId,
      { status: entry.status, substituteUserId: entry.substituteUserId },
    ]),
  );
}

/** The list the server stores: unset rows left out; a deputy who stands in is present. */
function peopleOf(rows: Record<string, Row>): PersonAttendance[] {
  const standing = new Set(
    Object.values(rows)
      .filter((row) => row.status === 'substituted')
      .map((row) => row.substituteUserId),
  );
  const people: PersonAttendance[] = [];
  for (const [userId, row] of Object.entries(rows)) {
    const status = standing.has(userId) ? 'present' : row.status;
    if (status === 'unset') continue;
    people.push({
      userId,
      status,
      substituteUserId: status === 'substituted' ? row.substituteUserId : null,
    });
  }
  return people;
}

/** Officers first, then each party's people: its representatives, then deputies in order. */
function sections(members: Member[], parties: Party[]) {
  const people = negotiators(members);
  return {
    officers: people.filter((m) => !m.partyId || !parties.some((p) => p.id === m.partyId)),
    parties: parties.map((party) => {
      const own = people.filter((m) => m.partyId === party.id);
      const deputies = orderDeputies(
        own.filter((m) => isDeputy(m.role)),
        party.deputyOrder,
      );
      return { party, members: [...own.filter((m) => !isDeputy(m.role)), ...deputies], deputies };
    }),
  };
}

export function PeopleAttendanceSection({
  meeting,
  onChange,
  editable,
}: {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const { group } = useGroup();
  const load = useCallback((signal: AbortSignal) => api.members(group.id, signal), [group.id]);
  const members = useResource(load);
  return (
    <>
      {group.deputiesSpeak === 'whenSubstituting' && (
        <p className="muted">{t('attendance.deputiesRule')}</p>
      )}
      <Loadable resource={members}>
        {(list) =>
          editable ? (
            <PeopleAttendanceEditor meeting={meeting} members={list} onChange={onChange} />
          ) : (
            <PeopleAttendanceList meeting={meeting} members={list} />
          )
        }
      </Loadable>
    </>
  );
}

/** "Pekka Virtanen (Edustaja): poissa, sijaisena Åsa Demari". */
function PeopleAttendanceList({ meeting, members }: { meeting: Meeting; members: Member[] }) {
  const { t } = useTranslation();
  const { group } = useGroup();
  if (meeting.people.length === 0)
    return <AttendanceList meeting={meeting} parties={group.parties} />;
  const nameOf = (userId: string | null) => members.find((m) => m.userId === userId)?.name ?? '';
  const said = (member: Member) => {
    const standsIn = substitutedBy(meeting.people, member.userId);
    if (standsIn) return t('attendance.substituting', { name: nameOf(standsIn.userId) });
    const entry = meeting.people.find((p) => p.userId === member.userId);
    if (!entry) return t('attendance.notRecorded');
    if (entry.status === 'substituted')
      return t('attendance.substitutedBy', { name: nameOf(entry.substituteUserId) });
    return t(entry.status === 'present' ? 'attendance.personPresent' : 'attendance.personAbsent');
  };
  const { officers, parties } = sections(members, group.parties);
  const line = (member: Member) => (
    <li key={member.userId}>
      {member.name} ({t(`roles.${member.role}`)}): {said(member)}
    </li>
  );
  return (
    <>
      <AttendanceList meeting={meeting} parties={group.parties} />
      <h3>{t('attendance.people')}</h3>
      {officers.length > 0 && (
        <>
          <h4>{t('attendance.officers')}</h4>
          <ul className="attendance-people">{officers.map(line)}</ul>
        </>
      )}
      {parties.map(({ party, members: own }) =>
        own.length === 0 ? null : (
          <div key={party.id}>
            <h4>
              <PartyBadge party={party} />
            </h4>
            <ul className="attendance-people">{own.map(line)}</ul>
          </div>
        ),
      )}
    </>
  );
}

function PeopleAttendanceEditor({
  meeting,
  members,
  onChange,
}: {
  meeting: Meeting;
  members: Member[];
  onChange: (meeting: Meeting) => void;
}) {
  const { t } = useTranslation();
  const { group } = useGroup();
  const [rows, setRows] = useState(() => rowsOf(meeting));
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    // Someone recorded earlier who has since left the group is no longer listed, or sent.
    const present = new Set(negotiators(members).map((m) => m.userId));
    const updated = await api.setPeopleAttendance(meeting.id, {
      people: peopleOf(rows).filter(
        (entry) =>
          present.has(entry.userId) &&
          (entry.substituteUserId === null || present.has(entry.substituteUserId)),
      ),
      revision: meeting.revision,
    });
    setRows(rowsOf(updated));
    onChange(updated);
    setSaved(true);
  });
  const { officers, parties } = sections(members, group.parties);
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.name ?? '';

  function choose(member: Member, status: Choice, deputies: Member[]) {
    setSaved(false);
    setRows((current) => {
      let substituteUserId: string | null = null;
      if (status === 'substituted') {
        const people = peopleOf(current);
        substituteUserId =
          current[member.userId]?.substituteUserId ??
          suggestSubstitute(deputies, people, member.userId)?.userId ??
          null;
      }
      return { ...current, [member.userId]: { status, substituteUserId } };
    });
  }

  function chooseSubstitute(member: Member, substituteUserId: string) {
    setSaved(false);
    setRows((current) => ({
      ...current,
      [member.userId]: { status: 'substituted', substituteUserId },
    }));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    save.run();
  }

  const people = peopleOf(rows);
  const row = (member: Member, deputies: Member[]) => {
    const id = `attendance-person-${member.userId}`;
    const current = rows[member.userId] ?? { status: 'unset', substituteUserId: null };
    const standsIn = substitutedBy(people, member.userId);
    const substitutable = deputies.length > 0 && standsInFor('deputy', member.role);
    const suggestion = suggestSubstitute(deputies, people, member.userId);
    return (
      <li key={member.userId} className="attendance-person">
        {standsIn ? (
          <span>
            {member.name} <span className="muted">({t(`roles.${member.role}`)})</span>
          </span>
        ) : (
          <label htmlFor={id}>
            {member.name} <span className="muted">({t(`roles.${member.role}`)})</span>
          </label>
        )}
        {standsIn ? (
          <span className="attendance attendance-present">
            {t('attendance.substituting', { name: nameOf(standsIn.userId) })}
          </span>
        ) : (
          <select
            id={id}
            value={current.status}
            onChange={(event) => choose(member, event.target.value as Choice, deputies)}
          >
            <option value="unset">{t('attendance.notRecorded')}</option>
            <option value="present">{t('attendance.personPresent')}</option>
            <option value="absent">{t('attendance.personAbsent')}</option>
            {substitutable && (
              <option value="substituted">{t('attendance.personSubstituted')}</option>
            )}
          </select>
        )}
        {current.status === 'substituted' && !standsIn && (
          <span className="attendance-substitute">
            <label htmlFor={`${id}-substitute`}>{t('attendance.substitute')}</label>
            <select
              id={`${id}-substitute`}
              value={current.substituteUserId ?? ''}
              onChange={(event) => chooseSubstitute(member, event.target.value)}
            >
              {current.substituteUserId === null && <option value="" />}
              {deputies.map((deputy) => (
                <option key={deputy.userId} value={deputy.userId}>
                  {deputy.userId === suggestion?.userId
                    ? t('attendance.suggested', { name: deputy.name })
                    : deputy.name}
                </option>
              ))}
            </select>
          </span>
        )}
      </li>
    );
  };

  return (
    <form onSubmit={submit} className="form attendance-form">
      <ErrorMessage error={save.error} />
      <p className="muted">{t('attendance.partyFromPeople')}</p>
      {officers.length > 0 && (
        <fieldset>
          <legend>{t('attendance.officers')}</legend>
          <ul className="attendance-people">{officers.map((m) => row(m, []))}</ul>
        </fieldset>
      )}
      {parties.map(({ party, members: own, deputies }) => (
        <fieldset key={party.id}>
          <legend>
            <PartyBadge party={party} />{' '}
            <span className="muted">
              {t(
                `attendance.${meeting.attendance.find((a) => a.partyId === party.id)?.status ?? 'unknown'}`,
              )}
            </span>
          </legend>
          <ul className="attendance-people">{own.map((m) => row(m, deputies))}</ul>
        </fieldset>
      ))}
      <SaveButtonRow
        label={t('attendance.save')}
        busy={save.busy}
        doneMessage={saved ? t('attendance.saved') : null}
        variant="secondary"
      />
    </form>
  );
}
