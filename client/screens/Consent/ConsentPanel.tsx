import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentParty, ConsentView } from '../../../shared/api/consent';
import type { Party } from '../../../shared/api/types';
import type { PartyConsent } from '../../../shared/consent';
import { PartyBadge } from '../../components/PartyBadge';
import { useFormat } from '../../i18n/format';
import { ConsentAnswerForm } from './ConsentAnswerForm';
import { ConsentHistory } from './ConsentHistory';
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
 * The unanimity gate of one statement or declassification, as negotiators see it: each party's
 * answer in the current round, objections with their reasons, consents a text change withdrew,
 * the whole history, and the answer form for the caller's own party (if they speak for one).
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
        <p className="note">{t('consent.notYet')}</p>
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

/** PartyBadge takes a group's party; the gate lists the same fields. */
function asParty(party: ConsentParty, groupId: string): Party {
  return { ...party, groupId };
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
        : t('consent.outcome.pending', { consented, total });
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
 * A text change started the current round: consents given to earlier words are withdrawn. Every
 * stored edit starts a round, so the parties named are those whose consent any change since the
 * text was put to consent took, and who have not consented to the current words yet. The live
 * region is always there, so the banner is announced when it appears during a visit.
 */
function WithdrawnBanner({ consent, parties }: { consent: ConsentView; parties: Party[] }) {
  const { t } = useTranslation();
  const withdrawn = withdrawnSinceTextChange(consent);
  const names = (withdrawn ?? []).map(
    (partyId) => parties.find((party) => party.id === partyId)?.shortName ?? '–',
  );
  return (
    <div role="status" className="consent-withdrawn-region">
      {consent.status === 'in_consent' && withdrawn && (
        <div className="alert alert-warning consent-withdrawn">
          <p className="consent-withdrawn-title">{t('consent.textChanged.title')}</p>
          <p>
            {names.length > 0
              ? t('consent.textChanged.withdrawn', {
                  parties: names.join(', '),
                  round: consent.round,
                })
              : t('consent.textChanged.noneWithdrawn', { round: consent.round })}
          </p>
        </div>
      )}
    </div>
  );
}

/**
 * Null unless a text change began the current round; else the parties (in party order) whose
 * consent the unbroken run of text changes up to now withdrew and who have not consented since.
 */
function withdrawnSinceTextChange(consent: ConsentView): string[] | null {
  const newestFirst = [...consent.rounds].sort((a, b) => b.round - a.round);
  if (newestFirst[0]?.round !== consent.round || newestFirst[0].cause !== 'text_changed')
    return null;
  const withdrawn = new Set<string>();
  for (const round of newestFirst) {
    if (round.cause !== 'text_changed') break;
    round.withdrawn.forEach((partyId) => withdrawn.add(partyId));
  }
  const perParty = consent.state?.perParty ?? [];
  return perParty
    .filter((entry) => withdrawn.has(entry.partyId) && entry.status !== 'consented')
    .map((entry) => entry.partyId);
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

/** A party's place in the round, in words and with a symbol, never by colour alone. */
export function ConsentStatusBadge({ status }: { status: PartyConsent['status'] }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge consent-answer-${status}`}>
      <span aria-hidden="true">{STATUS_SYMBOLS[status]} </span>
      {t(`consent.status.${status}`)}
    </span>
  );
}

const STATUS_SYMBOLS: Record<PartyConsent['status'], string> = {
  consented: '✓',
  objected: '✗',
  asked_time: '◔',
  overdue: '!',
  no_answer: '…',
};
