import type { ContentParty } from '../../../shared/memo/content';
import { PartyBadge } from '../../components/PartyBadge';
import { useGroup } from '../../group';

interface Props {
  partyId: string;
  /** The parties the version froze: their names as they were at approval. */
  parties: readonly ContentParty[];
  short?: boolean;
}

/**
 * A party of a frozen memo: named as at approval, with the group's colour when the party still
 * exists (a party removed since keeps its name but loses the swatch).
 */
export function MemoParty({ partyId, parties, short = false }: Props) {
  const { group } = useGroup();
  const frozen = parties.find((party) => party.partyId === partyId);
  const current = group.parties.find((party) => party.id === partyId);
  const name = frozen?.name ?? current?.name ?? partyId;
  const shortName = frozen?.shortName ?? current?.shortName ?? name;
  if (current) {
    return <PartyBadge party={{ ...current, name, shortName }} short={short} />;
  }
  return (
    <span className="party-badge">{short ? <abbr title={name}>{shortName}</abbr> : name}</span>
  );
}
