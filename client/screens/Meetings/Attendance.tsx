import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting, Party } from '../../../shared/api/types';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../../shared/meetings';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PartyBadge } from '../../components/PartyBadge';
import { useAction } from '../../useAction';
import { SaveButtonRow } from '../../components/SaveButtonRow';

interface Props {
  meeting: Meeting;
  parties: Party[];
}

function statusOf(meeting: Meeting, partyId: string): AttendanceStatus {
  return meeting.attendance.find((entry) => entry.partyId === partyId)?.status ?? 'unknown';
}

export function AttendanceList({ meeting, parties }: Props) {
  const { t } = useTranslation();
  return (
    <ul className="attendance-list">
      {parties.map((party) => (
        <li key={party.id}>
          <PartyBadge party={party} />
          <span className={`attendance attendance-${statusOf(meeting, party.id)}`}>
            {t(`attendance.${statusOf(meeting, party.id)}`)}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Each party's attendance, recorded by an organiser. */
export function AttendanceEditor({
  meeting,
  parties,
  onChange,
}: Props & { onChange: (meeting: Meeting) => void }) {
  const { t } = useTranslation();
  const [statuses, setStatuses] = useState<Record<string, AttendanceStatus>>(() =>
    Object.fromEntries(parties.map((party) => [party.id, statusOf(meeting, party.id)])),
  );
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    setSaved(false);
    const attendance = parties.map((party) => ({
      partyId: party.id,
      status: statuses[party.id] ?? 'unknown',
    }));
    onChange(await api.setAttendance(meeting.id, { attendance }));
    setSaved(true);
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    save.run();
  }

  if (parties.length === 0) return <p>{t('attendance.noParties')}</p>;
  return (
    <form onSubmit={submit} className="form attendance-form">
      <ErrorMessage error={save.error} />
      <ul className="attendance-list">
        {parties.map((party) => {
          const id = `attendance-${party.id}`;
          return (
            <li key={party.id}>
              <label htmlFor={id}>
                <PartyBadge party={party} />
              </label>
              <select
                id={id}
                value={statuses[party.id] ?? 'unknown'}
                onChange={(event) => {
                  setSaved(false);
                  setStatuses((current) => ({
                    ...current,
                    [party.id]: event.target.value as AttendanceStatus,
                  }));
                }}
              >
                {ATTENDANCE_STATUSES.map((status) => (
                  <option key={status} value={status}>
                    {t(`attendance.${status}`)}
                  </option>
                ))}
              </select>
            </li>
          );
        })}
      </ul>
      <SaveButtonRow
        label={t('attendance.save')}
        busy={save.busy}
        doneMessage={saved ? t('attendance.saved') : null}
        variant="secondary"
      />
    </form>
  );
}
