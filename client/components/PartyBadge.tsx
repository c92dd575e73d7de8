import type { Party } from '../../shared/api/types';

/** A party's name beside a swatch of its colour; text never sits on the colour itself. */
export function PartyBadge({ party, short = false }: { party: Party; short?: boolean }) {
  return (
    <span className="party-badge">
      <span className="swatch" style={{ backgroundColor: party.colour }} aria-hidden="true" />
      {short ? <abbr title={party.name}>{party.shortName}</abbr> : party.name}
    </span>
  );
}

/** The badge for a party id, or a dash when there is none. */
export function PartyOf({ parties, partyId }: { parties: Party[]; partyId: string | null }) {
  const party = parties.find((candidate) => candidate.id === partyId);
  return party ? <PartyBadge party={party} /> : <span aria-hidden="true">–</span>;
}
