import { useTranslation } from 'react-i18next';
import type { Meeting, Party } from '../../../shared/api/types';
import type { AttendanceStatus } from '../../../shared/meetings';
import { PartyBadge } from '../../components/PartyBadge';

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
