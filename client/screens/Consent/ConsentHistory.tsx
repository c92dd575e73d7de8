import { useTranslation } from 'react-i18next';
import type { ConsentRoundInfo, ConsentView } from '../../../shared/api/consent';
import type { Party } from '../../../shared/api/types';
import type { ConsentAnswer } from '../../../shared/consent';
import { useFormat } from '../../i18n/format';

interface Props {
  consent: ConsentView;
  parties: Party[];
}

/**
 * Every round and every answer ever given, oldest first: a later answer of a party replaces the
 * earlier one for the outcome, but both stay here, as do consents an edit or a change of the
 * group's parties withdrew, and how each round ended.
 */
export function ConsentHistory({ consent, parties }: Props) {
  const { t } = useTranslation();
  if (consent.rounds.length === 0 && consent.history.length === 0) return null;
  return (
    <details className="consent-history">
      <summary>{t('consent.history.title', { count: consent.history.length })}</summary>
      <ol className="consent-history-rounds">
        {historyEntries(consent).map((entry) =>
          entry.kind === 'round' ? (
            <RoundEntry
              key={entry.round.round}
              round={entry.round}
              answers={entry.answers}
              parties={parties}
            />
          ) : (
            <QuietRounds key={entry.first.round} first={entry.first} last={entry.last} />
          ),
        )}
      </ol>
    </details>
  );
}

type HistoryEntry =
  | { kind: 'round'; round: ConsentRoundInfo; answers: ConsentAnswer[] }
  /**
   * Rounds stored before edits were deliberate, begun by a stored edit that withdrew nothing and
   * got no answers (one per keystroke then).
   */
  | { kind: 'quiet'; first: ConsentRoundInfo; last: ConsentRoundInfo };

/** Every round in order with its answers; runs of quiet rounds folded into one entry. */
function historyEntries(consent: ConsentView): HistoryEntry[] {
  const entries: HistoryEntry[] = [];
  for (const round of [...consent.rounds].sort((a, b) => a.round - b.round)) {
    const answers = consent.history.filter((answer) => answer.round === round.round);
    const quiet =
      round.cause === 'text_changed' && round.withdrawn.length === 0 && answers.length === 0;
    const previous = entries.at(-1);
    if (quiet && previous?.kind === 'quiet') previous.last = round;
    else if (quiet) entries.push({ kind: 'quiet', first: round, last: round });
    else entries.push({ kind: 'round', round, answers });
  }
  return entries;
}

function QuietRounds({ first, last }: { first: ConsentRoundInfo; last: ConsentRoundInfo }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li>
      <p className="consent-history-round">
        <strong>
          {first.round === last.round
            ? t('consent.roundN', { round: first.round })
            : t('consent.roundRange', { from: first.round, to: last.round })}
        </strong>{' '}
        · {t('consent.history.textChanged')} ·{' '}
        <time dateTime={last.at}>{format.dateTime(last.at)}</time>
      </p>
    </li>
  );
}

function RoundEntry({
  round,
  answers,
  parties,
}: {
  round: ConsentRoundInfo;
  answers: ConsentAnswer[];
  parties: Party[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const shortName = (partyId: string) =>
    parties.find((party) => party.id === partyId)?.shortName ?? '–';
  const names = (partyIds: readonly string[]) => partyIds.map(shortName).join(', ');
  const started =
    round.cause === 'request'
      ? t('consent.history.requested', { name: round.by?.name ?? '–' })
      : round.cause === 'parties_changed'
        ? t('consent.history.partiesChanged')
        : t('consent.history.textChanged');
  const end = round.end;
  return (
    <li>
      <p className="consent-history-round">
        <strong>{t('consent.roundN', { round: round.round })}</strong> · {started} ·{' '}
        <time dateTime={round.at}>{format.dateTime(round.at)}</time>
        {round.withdrawn.length > 0 && (
          <>
            {' · '}
            {t('consent.history.withdrawn', { parties: names(round.withdrawn) })}
          </>
        )}
      </p>
      {end && (
        <p className="consent-history-end muted">
          {t(`consent.history.end.${end.cause}`, { name: end.by?.name ?? '–' })} ·{' '}
          <time dateTime={end.at}>{format.dateTime(end.at)}</time>
          {end.added.length > 0 && (
            <> · {t('consent.history.added', { parties: names(end.added) })}</>
          )}
          {end.removed.length > 0 && (
            <> · {t('consent.history.removed', { parties: names(end.removed) })}</>
          )}
          {end.cause === 'edited' && end.withdrawn.length > 0 && (
            <> · {t('consent.history.withdrawn', { parties: names(end.withdrawn) })}</>
          )}
        </p>
      )}
      {answers.length > 0 ? (
        <ul className="consent-history-answers">
          {answers.map((answer, index) => (
            <li key={`${answer.at}-${index}`}>
              <abbr title={parties.find((party) => party.id === answer.partyId)?.name}>
                {shortName(answer.partyId)}
              </abbr>
              : {t(`consent.answer.kind.${answer.answer}`)}
              {answer.deadline && (
                <> ({t('consent.timeUntil', { deadline: format.dateTime(answer.deadline) })})</>
              )}{' '}
              <span className="muted">
                – {answer.userName}, <time dateTime={answer.at}>{format.dateTime(answer.at)}</time>
              </span>
              {answer.reason && (
                <p className="consent-reason">
                  <span className="consent-detail-label">{t('consent.reason')}:</span>{' '}
                  {answer.reason}
                </p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('consent.history.noAnswers')}</p>
      )}
    </li>
  );
}
