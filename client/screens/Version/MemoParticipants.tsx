import type { MemoMeetingFacts } from '../../../shared/api/memoVersions';
import type { ContentParty } from '../../../shared/memo/content';
import { participantLines } from '../../../shared/memo/participants';
import { MemoParty } from './MemoParty';
import { useMemoLabels } from './useMemoLabels';

/** Who took part: the officers, then each party with its attendance and its people. */
export function MemoParticipants({
  facts,
  parties,
}: {
  facts: MemoMeetingFacts;
  parties: readonly ContentParty[];
}) {
  const labels = useMemoLabels();
  const lines = participantLines(facts, parties, labels);
  return (
    <section className="memo-doc-participants" aria-labelledby="memo-doc-participants">
      <h2 id="memo-doc-participants">{labels.participants}</h2>
      <ul>
        {lines.officers.length > 0 && <li>{lines.officers.join(', ')}</li>}
        {lines.parties.map(({ partyId, status, attendance, people }) => (
          <li key={partyId} className={`memo-doc-attendance-${status}`}>
            <MemoParty partyId={partyId} parties={parties} />
            {': '}
            {[attendance, ...people].join(' · ')}
          </li>
        ))}
      </ul>
    </section>
  );
}
