import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { PresenceEntry } from '../../../shared/realtime/events';
import { PartyBadge } from '../../components/PartyBadge';
import { meetingRoomStatus, type RoomSaveStatus } from '../../memo/saveStatus';
import type { MeetingRoomState } from '../../realtime/useMeetingRoom';
import { SaveStatus } from './SaveStatus';

interface Props {
  save: RoomSaveStatus;
  connection: MeetingRoomState['connection'];
  presence: PresenceEntry[];
  parties: Party[];
  /** Grows each time edits made without a connection have been stored (MeetingRooms). */
  offlineEditsMerged: number;
}

/**
 * Saving, connection and who is here: always in view above the memo, as one status (see
 * meetingRoomStatus). Who is present is known only while connected: offline, the last list
 * would be a guess.
 */
export function StatusBar({ save, connection, presence, parties, offlineEditsMerged }: Props) {
  const { t } = useTranslation();
  const status = meetingRoomStatus(save, connection);
  const merged = useMergedNotice(offlineEditsMerged, status);
  return (
    <div className="memo-status-bar">
      <SaveStatus save={status} />
      {merged && <p className="merged-notice">{t('memo.offlineMerged')}</p>}
      {status === 'saved' || status === 'saving' ? (
        <Presence presence={presence} parties={parties} />
      ) : (
        <p className="muted">{t('memo.presenceUnknown')}</p>
      )}
    </div>
  );
}

/**
 * Whether to say that the edits made offline are now in the memo: from the moment everything is
 * saved after they were stored (the other rooms may still be reconnecting, or catching up, when
 * they are) until the next edit or the next loss of connection.
 */
function useMergedNotice(count: number, status: RoomSaveStatus): boolean {
  const [seen, setSeen] = useState(count);
  const [phase, setPhase] = useState<'hidden' | 'pending' | 'shown'>('hidden');
  // Derived from the previous render's values: changing state during render is React's pattern.
  if (count !== seen) {
    setSeen(count);
    setPhase('pending');
  } else if (phase === 'pending' && status === 'saved') setPhase('shown');
  else if (phase === 'shown' && status !== 'saved') setPhase('hidden');
  return phase === 'shown' && status === 'saved';
}

function Presence({ presence, parties }: { presence: PresenceEntry[]; parties: Party[] }) {
  const { t, i18n } = useTranslation();
  // Parties in the group's order, then those who speak for no party (chair, secretary).
  const groups = [
    ...parties.map((party) => ({
      key: party.id,
      party,
      people: presence.filter((entry) => entry.partyId === party.id),
    })),
    {
      key: 'none',
      party: null,
      people: presence.filter(
        (entry) => !entry.partyId || !parties.some((party) => party.id === entry.partyId),
      ),
    },
  ].filter((group) => group.people.length > 0);

  return (
    <section className="presence" aria-label={t('memo.presence', { count: presence.length })}>
      <span className="presence-title">{t('memo.presence', { count: presence.length })}</span>
      <ul className="presence-groups">
        {groups.map(({ key, party, people }) => (
          <li key={key}>
            {party ? (
              <PartyBadge party={party} short />
            ) : (
              <span className="presence-no-party">{t('memo.noParty')}</span>
            )}
            <ul className="presence-people">
              {people.map((person) => (
                <li key={person.userId}>
                  {/* Mid-sentence, a role is written in lower case: "Eero Koskinen (puheenjohtaja)". */}
                  {person.name}{' '}
                  <span className="muted">
                    ({t(`roles.${person.role}`).toLocaleLowerCase(i18n.language)})
                  </span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
