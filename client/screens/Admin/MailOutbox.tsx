import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { FailedEmail } from '../../../shared/api/mail';
import { api } from '../../api';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';

/** The group's outbox: how much email waits for the mail server, and what was given up. */
export function MailOutbox() {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  const load = useCallback((signal: AbortSignal) => api.mail(group.id, signal), [group.id]);
  const outbox = useResource(load);
  const retry = useAction(async (email: FailedEmail) => {
    const now = await api.retryMail(group.id, email.id);
    outbox.update(() => now);
  });

  return (
    <section aria-labelledby="mail-heading" className="admin-section">
      <h2 id="mail-heading" tabIndex={-1}>
        {t('admin.mail.title')}
      </h2>
      <p>{t('admin.mail.intro')}</p>
      <Loadable resource={outbox}>
        {(view) => (
          <>
            {!view.configured && <p>{t('admin.mail.notConfigured')}</p>}
            <div role="status">
              {view.pending === 0 && view.failed === 0 ? (
                <p>{t('admin.mail.allSent')}</p>
              ) : (
                <>
                  {view.pending > 0 && (
                    <p>
                      {t('admin.mail.pending', { count: view.pending })}{' '}
                      {view.oldestPendingAt &&
                        t('admin.mail.oldestPending', {
                          time: format.dateTime(view.oldestPendingAt),
                        })}
                    </p>
                  )}
                  {view.failed > 0 && <p>{t('admin.mail.failed', { count: view.failed })}</p>}
                </>
              )}
            </div>
            <button type="button" className="button-secondary" onClick={outbox.reload}>
              {t('admin.mail.refresh')}
            </button>
            <ErrorMessage error={retry.error} />
            {view.failures.length > 0 && (
              <>
                <h3>{t('admin.mail.failures')}</h3>
                <DataTable
                  caption={t('admin.mail.failures')}
                  columns={[
                    t('admin.mail.to'),
                    t('admin.mail.kind'),
                    t('admin.mail.error'),
                    t('admin.mail.attempts'),
                    t('admin.mail.failedAt'),
                    t('admin.actions'),
                  ]}
                >
                  {view.failures.map((email) => (
                    <tr key={email.id}>
                      <th scope="row">{email.to}</th>
                      <td>{t(`admin.mail.kinds.${email.kind}`)}</td>
                      <td>{email.lastError}</td>
                      <td>{email.attempts}</td>
                      <td>{email.failedAt && format.dateTime(email.failedAt)}</td>
                      <td>
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={t('admin.mail.retryNamed', { email: email.to })}
                          disabled={retry.busy || !view.configured}
                          onClick={() => retry.run(email)}
                        >
                          {t('admin.mail.retry')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </DataTable>
              </>
            )}
          </>
        )}
      </Loadable>
    </section>
  );
}
