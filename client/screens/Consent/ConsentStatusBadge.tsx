import { useTranslation } from 'react-i18next';
import type { PartyConsent } from '../../../shared/consent';

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
