import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry, AuditLogPage } from '../../../shared/audit';
import { can } from '../../../shared/permissions';
import { auditApi } from '../../auditApi';
import { DataTable } from '../../components/DataTable';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';
import { ChainStatus } from './ChainStatus';
import { useEntryDescriber } from './describeEntry';

/** The group's audit log for the chair and administrators: read, check and export only. */
export function AuditScreen() {
  const { t } = useTranslation();
  const { group, actor } = useGroup();
  if (!can(actor, 'audit.view')) {
    return (
      <Page title={t('audit.title')}>
        <p>{t('errors.forbidden')}</p>
      </Page>
    );
  }
  return (
    <Page title={t('audit.title')}>
      <p className="lead">{t('audit.intro')}</p>
      {/* A new group starts from its own newest page, with nothing carried over. */}
      <AuditLog key={group.id} groupId={group.id} />
    </Page>
  );
}

function AuditLog({ groupId }: { groupId: string }) {
  const load = useCallback(
    (signal: AbortSignal) => auditApi.page(groupId, null, signal),
    [groupId],
  );
  const newest = useResource(load);
  return (
    <Loadable resource={newest}>{(page) => <LoadedLog groupId={groupId} newest={page} />}</Loadable>
  );
}

function LoadedLog({ groupId, newest }: { groupId: string; newest: AuditLogPage }) {
  const { t } = useTranslation();
  const [older, setOlder] = useState<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = useState(newest.nextBefore);
  const loadOlder = useAction(async () => {
    if (nextBefore === null) return;
    const page = await auditApi.page(groupId, nextBefore);
    setOlder((entries) => [...entries, ...page.entries]);
    setNextBefore(page.nextBefore);
  });
  const entries = [...newest.entries, ...older];

  return (
    <>
      <ChainStatus verification={newest.verification} />
      <section aria-labelledby="audit-export-heading">
        <h2 id="audit-export-heading">{t('audit.export.heading')}</h2>
        <p className="muted">{t('audit.export.hint')}</p>
        <p className="button-row">
          <a
            className="button-link button-primary"
            href={auditApi.exportUrl(groupId, 'json')}
            download
          >
            {t('audit.export.json')}
          </a>{' '}
          <a className="button-link" href={auditApi.exportUrl(groupId, 'csv')} download>
            {t('audit.export.csv')}
          </a>
        </p>
      </section>
      {entries.length === 0 ? <p>{t('audit.empty')}</p> : <AuditTable entries={entries} />}
      <ErrorMessage error={loadOlder.error} />
      {nextBefore !== null && (
        <p>
          <button
            type="button"
            className="button-secondary"
            disabled={loadOlder.busy}
            onClick={() => loadOlder.run()}
          >
            {t('audit.loadOlder')}
          </button>
        </p>
      )}
    </>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  // Ended parties keep their names in the log.
  const parties = useMemo(() => [...group.parties, ...group.endedParties], [group]);
  const describe = useEntryDescriber(parties);
  return (
    <DataTable
      caption={t('audit.table.caption')}
      columns={[
        t('audit.table.seq'),
        t('audit.table.time'),
        t('audit.table.actor'),
        t('audit.table.action'),
        t('audit.table.target'),
        t('audit.table.details'),
      ]}
    >
      {entries.map((entry) => (
        <tr key={entry.seq}>
          <th scope="row">{entry.seq}</th>
          <td>
            <time dateTime={entry.at}>{format.dateTime(entry.at)}</time>
          </td>
          <td>
            {entry.actor ? entry.actor.name : <span className="muted">{t('audit.system')}</span>}
          </td>
          <td>{t(`audit.actions.${entry.action}`)}</td>
          <td>{describe.target(entry)}</td>
          <td>{describe.details(entry).join(' · ')}</td>
        </tr>
      ))}
    </DataTable>
  );
}
