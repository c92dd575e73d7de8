import { useTranslation } from 'react-i18next';
import type { ConsentRequestStatus } from '../../../shared/api/consent';
import type { ConsentOutcome } from '../../../shared/consent';
import '../Consent/consent.css';

interface Props {
  status: ConsentRequestStatus;
  /** The current round's outcome: an objection is shown beside "awaiting consent". */
  outcome?: ConsentOutcome | null;
}

/** Draft / awaiting consent (and objected) / released, in words, not in colour only. */
export function StatementStatusBadge({ status, outcome = null }: Props) {
  const { t } = useTranslation();
  return (
    <span className="consent-badges">
      <span className={`status-badge consent-status-${status}`}>
        {t(`statements.status.${status}`)}
      </span>
      {status === 'in_consent' && outcome === 'blocked' && (
        <span className="status-badge consent-status-blocked">
          {t('statements.status.blocked')}
        </span>
      )}
    </span>
  );
}
