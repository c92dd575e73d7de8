import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { ConfidentialityChange } from '../../../shared/confidentiality';
import { PartyBadge } from '../../components/PartyBadge';
import { useFormat } from '../../i18n/format';

/** Who changed which level and when, newest first; opening content up stands out. */
export function ConfidentialityHistory({
  history,
  parties,
}: {
  history: ConfidentialityChange[];
  parties: Party[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const newestFirst = [...history].reverse();
  return (
    <section className="summary-section" aria-labelledby="confidentiality-history-heading">
      <h3 id="confidentiality-history-heading">{t('memo.history.title')}</h3>
      {newestFirst.length === 0 ? (
        <p className="muted">{t('memo.history.none')}</p>
      ) : (
        <ol className="history-list">
          {newestFirst.map((change) => {
            const party = parties.find((candidate) => candidate.id === change.partyId);
            return (
              <li key={change.id} className={change.lowered ? 'history-lowered' : undefined}>
                <p className="history-head">
                  <time dateTime={change.at}>{format.dateTime(change.at)}</time>{' '}
                  <strong>{change.userName}</strong> {party && <PartyBadge party={party} short />}
                </p>
                <p>
                  {change.lowered && (
                    <strong className="history-flag">{t('memo.history.lowered')} </strong>
                  )}
                  {t(`memo.kind.${change.targetKind}`)}
                  {change.excerpt && <> “{change.excerpt}”</>}:{' '}
                  {t(`confidentiality.${change.from}`)} → {t(`confidentiality.${change.to}`)}
                </p>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
