import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { MemoHistory, MemoVersionSummary } from '../../../shared/api/memoVersions';
import { useFormat } from '../../i18n/format';
import { compareRoute, versionRoute } from '../Version/paths';
import './approval.css';

/** How much of the hash tells versions apart at a glance; the version view shows all of it. */
const SHORT_HASH = 12;

type Reopening = MemoHistory['reopenings'][number];
type Entry =
  { kind: 'version'; version: MemoVersionSummary } | { kind: 'reopening'; reopening: Reopening };

/** Versions and the reopenings between them, newest first. */
function entries(history: MemoHistory): Entry[] {
  const list: Entry[] = [];
  for (const version of history.versions) {
    list.push({ kind: 'version', version });
    for (const reopening of history.reopenings) {
      if (reopening.afterVersion === version.version) list.push({ kind: 'reopening', reopening });
    }
  }
  return list.reverse();
}

interface Props {
  groupId: string;
  history: MemoHistory;
}

/** A meeting's approved versions, each linked and comparable with the one before it. */
export function VersionHistory({ groupId, history }: Props) {
  const { t } = useTranslation();
  const latest = history.versions.at(-1)?.version;
  return (
    <section aria-labelledby="versions-heading" className="version-history">
      <h2 id="versions-heading" tabIndex={-1}>
        {t('versions.title')}
      </h2>
      {history.versions.length === 0 ? (
        <p>{t('versions.none')}</p>
      ) : (
        <ol className="version-list">
          {entries(history).map((entry) =>
            entry.kind === 'version' ? (
              <VersionEntry
                key={`v${entry.version.version}`}
                groupId={groupId}
                version={entry.version}
                latest={entry.version.version === latest}
              />
            ) : (
              <ReopeningEntry
                key={`r${entry.reopening.afterVersion}:${entry.reopening.at}`}
                reopening={entry.reopening}
              />
            ),
          )}
        </ol>
      )}
    </section>
  );
}

function VersionEntry({
  groupId,
  version,
  latest,
}: {
  groupId: string;
  version: MemoVersionSummary;
  latest: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const number = version.version;
  return (
    <li className="version-entry">
      <p className="version-entry-head">
        <Link to={versionRoute(groupId, version.meetingId, number)}>
          {t('versions.versionN', { version: number })}
        </Link>
        {latest && <span className="status-badge status-approved">{t('versions.latest')}</span>}
      </p>
      <p className="version-entry-facts">
        {t('versions.approvedBy', {
          name: version.actingChair
            ? t('approval.actingChairName', { name: version.approvedBy.name })
            : version.approvedBy.name,
        })}
        , <time dateTime={version.approvedAt}>{format.dateTime(version.approvedAt)}</time>
        {' · '}
        {t('versions.hash')} <code title={version.hash}>{version.hash.slice(0, SHORT_HASH)}</code>
      </p>
      {number > 1 && (
        <p className="version-entry-compare">
          <Link to={compareRoute(groupId, version.meetingId, number - 1, number)}>
            {t('versions.compareWithPrevious')}
            <span className="visually-hidden">
              {' '}
              {t('versions.compareWhich', { from: number - 1, to: number })}
            </span>
          </Link>
        </p>
      )}
    </li>
  );
}

function ReopeningEntry({ reopening }: { reopening: Reopening }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <li className="version-entry version-reopening">
      <p className="version-entry-head">
        <strong>{t('versions.reopened', { version: reopening.afterVersion })}</strong>
      </p>
      <p className="version-entry-facts">
        {reopening.by.name}, <time dateTime={reopening.at}>{format.dateTime(reopening.at)}</time>
      </p>
      <p className="version-reason">
        <span className="muted">{t('versions.reason')}:</span> {reopening.reason}
      </p>
    </li>
  );
}
