import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { PresenceEntry } from '../../../shared/realtime/events';
import { PartyBadge } from '../../components/PartyBadge';
import type { RoomSaveStatus } from '../../memo/saveStatus';
import type { MeetingRoomState } from '../../realtime/useMeetingRoom';
import { SaveStatus } from './SaveStatus';

interface Props {
  save: RoomSaveStatus;
  connection: MeetingRoomState['connection'];
  presence: PresenceEntry[];
  parties: Party[];
}

/** Saving, connection and who is here: always in view above the memo. */
export function StatusBar({ save, connection, presence, parties }: Props) {
  const { t } = useTranslation();
  return (
    <div className="memo-status-bar">
      <SaveStatus save={save} />
      <p className={`live-status live-${connection}`}>{t(`memo.live.${connection}`)}</p>
      <Presence presence={presence} parties={parties} />
    </div>
  );
}

function Presence({ presence, parties }: { presence: PresenceEntry[]; parties: Party[] }) {
  const { t } = useTranslation();
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
                  {person.name} <span className="muted">({t(`roles.${person.role}`)})</span>
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
