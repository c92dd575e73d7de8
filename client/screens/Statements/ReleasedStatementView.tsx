import { useTranslation } from 'react-i18next';
import type { ReleasedStatement } from '../../../shared/api/consent';
import { statementPdfLink } from '../../consentApi';
import { currentLocale } from '../../i18n';
import { useFormat } from '../../i18n/format';
import { PublicPageLink } from './PublicPageLink';
import { StatementStatusBadge } from './StatementStatusBadge';
import { StatementText } from './StatementText';
// The stamp, kicker and link row look like an approved memo's: both are frozen, hashed texts.
import '../Version/version.css';

/**
 * A released statement: the frozen text every party consented to, with its hash and release
 * time, the PDF and the public page where it now stands.
 */
export function ReleasedStatementView({ statement }: { statement: ReleasedStatement }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      <nav className="statement-tools" aria-label={t('statements.tools')}>
        <ul className="memo-version-links">
          <li>
            <a
              href={statementPdfLink(statement.id, currentLocale())}
              download
              className="button-link button-secondary"
            >
              {t('statements.downloadPdf')}
            </a>
          </li>
          <li>
            <PublicPageLink groupId={statement.groupId} />
          </li>
        </ul>
      </nav>
      <article className="statement-released" aria-labelledby="statement-released-kicker">
        <header className="statement-released-header">
          <p id="statement-released-kicker" className="memo-doc-kicker">
            {t('statements.kicker', { group: statement.groupName })}
          </p>
          <StatementStatusBadge status="released" />
          <dl className="memo-doc-stamp">
            <div>
              <dt>{t('statements.releasedAt')}</dt>
              <dd>
                <time dateTime={statement.releasedAt}>
                  {format.dateTime(statement.releasedAt, 'full')}
                </time>
              </dd>
            </div>
            <div>
              <dt>{t('statements.round')}</dt>
              <dd>{statement.round}</dd>
            </div>
            <div className="memo-doc-stamp-hash">
              <dt>{t('statements.hash')}</dt>
              <dd>
                <code>{statement.hash}</code>
              </dd>
            </div>
          </dl>
          <p className="memo-doc-disclaimer">{t('statements.releasedNote')}</p>
        </header>
        <StatementText content={statement.content} />
      </article>
    </>
  );
}
