import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../shared/audit';

/** Whether the whole chain checked out, as the server found when it recomputed every hash. */
export function ChainStatus({ verification }: { verification: AuditVerification }) {
  const { t } = useTranslation();
  const { valid, entries, firstBrokenSeq } = verification;
  return (
    <section
      aria-labelledby="audit-chain-heading"
      className={`alert ${valid ? 'alert-success' : 'alert-error'}`}
    >
      <h2 id="audit-chain-heading" className="visually-hidden">
        {t('audit.chain.heading')}
      </h2>
      {valid || firstBrokenSeq === null ? (
        <p>
          <strong>{t('audit.chain.intact')}</strong>{' '}
          {t('audit.chain.intactDetail', { count: entries })}
        </p>
      ) : (
        <>
          <p>
            <strong>{t('audit.chain.broken', { seq: firstBrokenSeq })}</strong>
          </p>
          <p>{t('audit.chain.brokenDetail', { seq: firstBrokenSeq })}</p>
        </>
      )}
    </section>
  );
}
