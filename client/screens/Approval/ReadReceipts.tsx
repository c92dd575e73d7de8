import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReadReceiptRow, ReadReceipts as Receipts } from '../../../shared/api/memoVersions';
import type { Party } from '../../../shared/api/types';
import { DataTable } from '../../components/DataTable';
import { Loadable } from '../../components/Loadable';
import { PartyOf } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { memoApi } from '../../memoApi';
import { useResource } from '../../useResource';
import './approval.css';

/** Rows by party in the group's order (no party last), then by name. */
function sortRows(rows: readonly ReadReceiptRow[], parties: readonly Party[]): ReadReceiptRow[] {
  const rank = (row: ReadReceiptRow) => {
    const index = parties.findIndex((party) => party.id === row.partyId);
    return index === -1 ? parties.length : index;
  };
  return [...rows].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** For the chair: who of each party has opened which version, and when first. */
export function ReadReceipts({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => memoApi.receipts(meetingId, signal),
    [meetingId],
  );
  const receipts = useResource(load);
  return (
    <section aria-labelledby="receipts-heading" className="read-receipts">
      <div className="section-heading">
        <h2 id="receipts-heading">{t('receipts.title')}</h2>
        <button type="button" className="button-secondary" onClick={receipts.reload}>
          {t('receipts.refresh')}
        </button>
      </div>
      <p className="muted">{t('receipts.intro')}</p>
      <Loadable resource={receipts}>{(data) => <ReceiptTable receipts={data} />}</Loadable>
    </section>
  );
}

function ReceiptTable({ receipts }: { receipts: Receipts }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  if (receipts.rows.length === 0) return <p>{t('receipts.none')}</p>;
  const rows = sortRows(receipts.rows, group.parties);
  return (
    <DataTable
      caption={t('receipts.title')}
      columns={[
        t('receipts.columns.name'),
        t('receipts.columns.party'),
        t('receipts.columns.role'),
        ...receipts.versions.map((version) => t('receipts.columns.version', { version })),
      ]}
    >
      {rows.map((row) => (
        <tr key={row.userId}>
          <th scope="row">{row.name}</th>
          <td>
            <PartyOf parties={group.parties} partyId={row.partyId} />
          </td>
          <td>{t(`roles.${row.role}`)}</td>
          {receipts.versions.map((version) => {
            const opened = row.opened[String(version)];
            return (
              <td key={version} className={opened ? 'receipt-opened' : 'receipt-unopened'}>
                {opened ? (
                  <time dateTime={opened}>{format.dateTime(opened)}</time>
                ) : (
                  t('receipts.notOpened')
                )}
              </td>
            );
          })}
        </tr>
      ))}
    </DataTable>
  );
}
