import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentParty, ConsentView } from '../../../shared/api/consent';
import type { Party } from '../../../shared/api/types';
import type { PartyConsent } from '../../../shared/consent';
import { PartyBadge } from '../../components/PartyBadge';
import { useFormat } from '../../i18n/format';
import { ConsentAnswerForm } from './ConsentAnswerForm';
import { ConsentHistory } from './ConsentHistory';
import { ConsentStatusBadge } from './ConsentStatusBadge';
import './consent.css';

interface Props {
  consent: ConsentView;
  /** The panel's heading level where it sits (a statement's page: 2; a proposal in a list: 4). */
  headingLevel?: 2 | 3 | 4;
  /** The caller answered: the server's new state of the gate. */
  onAnswered: (consent: ConsentView) => void;
  /** The server refused an answer as stale (the text changed, or it was released): refetch. */
  onStale: () => void;
  /** Move focus to the heading when the panel appears, e.g. after the form that had it is gone. */
  focusOnMount?: boolean;
}

/**
 * The unanimity gate of one statement, declassification or publication, as negotiators see it:
 * each party's answer in the current round, objections with their reasons, consents an edit or a
 * change of the group's parties withdrew, the whole history, and the answer form for the caller's
 * own party (if they speak for one).
 */
export function ConsentPanel({
  consent,
  headingLevel = 2,
  onAnswered,
  onStale,
  focusOnMount = false,
}: Props) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const focusFirst = useRef(focusOnMount);
  useEffect(() => {
    if (focusFirst.current) heading.current?.focus();
  }, []);
  const Heading = `h${headingLevel}` as 'h2';
  const headingId = `consent-${consent.requestId}-heading`;
  const parties = consent.parties.map((party) => asParty(party, consent.groupId));

  return (
    <section className="consent-panel" aria-labelledby={headingId}>
      <Heading ref={heading} id={headingId} tabIndex={-1}>
        {t('consent.title')}
      </Heading>
      {consent.state === null || consent.round === null ? (
        <p className="note">
          {t(consent.status === 'editing' ? 'consent.editing' : 'consent.notYet')}
        </p>
      ) : (
        <>
          <ConsentSummary consent={consent} />
          <WithdrawnBanner consent={consent} parties={parties} />
          <ul className="consent-parties" aria-label={t('consent.partiesLabel')}>
            {consent.state.perParty.map((entry) => (
              <PartyRow
                key={entry.partyId}
                entry={entry}
                party={parties.find((party) => party.id === entry.partyId)}
                own={entry.partyId === consent.answersFor}
              />
            ))}
          </ul>
          {consent.status === 'in_consent' && consent.answersFor && (
            <ConsentAnswerForm
              consent={consent}
              party={parties.find((party) => party.id === consent.answersFor)}
              onAnswered={onAnswered}
              onStale={onStale}
              headingLevel={(headingLevel + 1) as 3 | 4 | 5}
            />
          )}
        </>
      )}
      <ConsentHistory consent={consent} parties={parties} />
    </section>
  );
}

/** PartyBadge takes a group's party; the gate lists the same fields (ended ones too). */
function asParty(party: ConsentParty, groupId: string): Party {
  return { ...party, groupId, endedAt: null, deputyOrder: [] };
}

function ConsentSummary({ consent }: { consent: ConsentView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = consent.state!;
  const consented = state.perParty.filter((party) => party.status === 'consented').length;
  const total = state.perParty.length;
  const outcome =
    consent.status === 'released'
      ? t('consent.outcome.released')
      : state.outcome === 'blocked'
        ? t('consent.outcome.blocked', { count: state.objections.length })
        : t('consent.outcome.pending', { count: consented, total });
  return (
    <div className={`consent-summary consent-summary-${consent.status}-${state.outcome}`}>
      <p className="consent-outcome">{outcome}</p>
      <p className="consent-meta">
        <span>{t('consent.roundN', { round: consent.round })}</span>
        {consent.deadline && (
          <span>
            {t('consent.deadline')}{' '}
            <time dateTime={consent.deadline}>{format.dateTime(consent.deadline)}</time>
          </span>
        )}
        {consent.releasedAt && (
          <span>
            {t('consent.releasedAt')}{' '}
            <time dateTime={consent.releasedAt}>{format.dateTime(consent.releasedAt)}</time>
          </span>
        )}
      </p>
    </div>
  );
}

/**
 * Why the current round began, when that withdrew consents: the text was edited (or, in rounds
 * stored before edits were deliberate, changed) or the group's parties changed. Names the parties
 * whose consent was withdrawn and who have not consented since. The live region is always there,
 * so the banner is announced when it appears during a visit.
 */
function WithdrawnBanner({ consent, parties }: { consent: ConsentView; parties: Party[] }) {
  const { t } = useTranslation();
  const banner = withdrawnBanner(consent);
  const names = (banner?.withdrawn ?? []).map(
    (partyId) => parties.find((party) => party.id === partyId)?.shortName ?? '–',
  );
  const keys =
    banner?.cause === 'parties_changed' ? 'consent.partiesChanged' : 'consent.textChanged';
  return (
    <div role="status" className="consent-withdrawn-region">
      {consent.status === 'in_consent' && banner && (
        <div className="alert alert-warning consent-withdrawn">
          <p className="consent-withdrawn-title">{t(`${keys}.title`)}</p>
          <p>
            {names.length > 0
              ? t(`${keys}.withdrawn`, { parties: names.join(', '), round: consent.round })
              : t(`${keys}.noneWithdrawn`, { round: consent.round })}
          </p>
        </div>
      )}
    </div>
  );
}

interface Banner {
  cause: 'text_changed' | 'parties_changed';
  /** In party order: withdrawn, and not consented again in the current round. */
  withdrawn: string[];
}

/**
 * Null when the current round began by a first request; else what began it and the consents it
 * withdrew. An unbroken run of earlier rounds that ended the same way adds theirs (in rounds
 * stored before issue 13 every stored edit began a round).
 */
function withdrawnBanner(consent: ConsentView): Banner | null {
  const newestFirst = [...consent.rounds].sort((a, b) => b.round - a.round);
  const current = newestFirst[0];
  if (current?.round !== consent.round) return null;
  const withdrawn = new Set<string>();
  let cause: Banner['cause'] | null = null;
  for (const [index, round] of newestFirst.entries()) {
    const previous = newestFirst[index + 1];
    if (round.cause === 'text_changed' || round.cause === 'parties_changed') {
      if (cause && round.cause !== cause) break;
      cause = round.cause;
      round.withdrawn.forEach((partyId) => withdrawn.add(partyId));
    } else if (round.cause === 'request' && previous?.end?.cause === 'edited') {
      // Put to consent again after an edit: the edit withdrew the previous round's consents.
      cause ??= 'text_changed';
      previous.end.withdrawn.forEach((partyId) => withdrawn.add(partyId));
      break;
    } else break;
  }
  if (!cause) return null;
  const perParty = consent.state?.perParty ?? [];
  return {
    cause,
    withdrawn: perParty
      .filter((entry) => withdrawn.has(entry.partyId) && entry.status !== 'consented')
      .map((entry) => entry.partyId),
  };
}

function PartyRow({
  entry,
  party,
  own,
}: {
  entry: PartyConsent;
  party: Party | undefined;
  own: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const details: ReactNode[] = [];
  if (entry.status === 'objected' && entry.answer?.reason)
    details.push(
      <p key="reason" className="consent-reason">
        <span className="consent-detail-label">{t('consent.reason')}:</span> {entry.answer.reason}
      </p>,
    );
  if ((entry.status === 'asked_time' || entry.status === 'overdue') && entry.deadline)
    details.push(
      <p key="deadline">
        {t(entry.status === 'overdue' ? 'consent.timeOverdue' : 'consent.timeUntil', {
          deadline: format.dateTime(entry.deadline),
        })}
      </p>,
    );
  if (entry.status === 'asked_time' && entry.answer?.reason)
    details.push(
      <p key="time-reason" className="consent-reason">
        <span className="consent-detail-label">{t('consent.reason')}:</span> {entry.answer.reason}
      </p>,
    );
  if (entry.answer)
    details.push(
      <p key="by" className="muted">
        {t('consent.answeredBy', {
          name: entry.answer.userName,
          time: format.dateTime(entry.answer.at),
        })}
      </p>,
    );
  return (
    <li className={`consent-party consent-party-${entry.status}`}>
      <div className="consent-party-head">
        {party ? <PartyBadge party={party} /> : <span>–</span>}
        {own && <span className="muted"> ({t('consent.ownParty')})</span>}
        <ConsentStatusBadge status={entry.status} />
      </div>
      {details}
    </li>
  );
}
