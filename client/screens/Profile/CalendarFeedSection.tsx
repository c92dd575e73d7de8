import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';

/**
 * The user's private calendar address (issue 19). Only its hash is stored, so the address is
 * shown once, when it is made; "Luo uusi osoite" makes a new one and the old stops working.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const load = useCallback((signal: AbortSignal) => api.calendarFeed(signal), []);
  const feed = useResource(load);
  const [url, setUrl] = useState<string | null>(null);
  const renew = useAction(async () => {
    const made = await api.renewCalendarFeed();
    setUrl(made.url ?? null);
    feed.update(() => made);
  });
  return (
    <section aria-labelledby="calendar-feed-heading" className="admin-section">
      <h2 id="calendar-feed-heading">{t('calendarFeed.title')}</h2>
      <p>{t('calendarFeed.hint')}</p>
      <Loadable resource={feed}>
        {(current) => (
          <>
            <ErrorMessage error={renew.error} />
            {url ? (
              <div role="status">
                <p>{t('calendarFeed.made')}</p>
                <p>
                  <code className="calendar-feed-url">{url}</code>
                </p>
              </div>
            ) : (
              <p>
                {current.createdAt
                  ? t('calendarFeed.exists', { when: format.dateTime(current.createdAt) })
                  : t('calendarFeed.none')}
              </p>
            )}
            <button
              type="button"
              className="button-secondary"
              disabled={renew.busy}
              onClick={() => renew.run()}
            >
              {current.createdAt ? t('calendarFeed.renew') : t('calendarFeed.create')}
            </button>
          </>
        )}
      </Loadable>
    </section>
  );
}
