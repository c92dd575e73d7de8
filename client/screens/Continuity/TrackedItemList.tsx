import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { TrackedItem, WithheldTrackedItem } from '../../../shared/api/memoVersions';
import { trackedItemOwner } from '../../../shared/memo/followUpOwner';
import { can } from '../../../shared/permissions';
import { CaseLinkText } from '../../components/CaseLinkCitation';
import { PartyOf } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useMe } from '../../session';
import { StatusEditor } from './StatusEditor';
import { OwnerAndDue, StatusCaseLink, TrackedStatusBadge } from './TrackedFacts';

export function isWithheld(item: TrackedItem | WithheldTrackedItem): item is WithheldTrackedItem {
  return 'withheld' in item;
}

/** Where an approved memo version is read. */
export const memoVersionPath = (groupId: string, meetingId: string, version: number) =>
  `/groups/${groupId}/meetings/${meetingId}/versions/${version}`;

interface Props {
  items: (TrackedItem | WithheldTrackedItem)[];
  /** Say on each item whether it is a follow-up or a dissent (when the list holds both). */
  showKind?: boolean;
  onChange: (item: TrackedItem) => void;
}

/**
 * Follow-ups and dissents with where they come from, their status and its history; whoever may
 * move an item along (shared/permissions.ts, `followUp.setStatus`) changes its status here. Items
 * the viewer may not read stand as a neutral marker.
 */
export function TrackedItemList({ items, showKind = false, onChange }: Props) {
  const { t } = useTranslation();
  const { actor } = useGroup();
  const me = useMe();
  const [announcement, setAnnouncement] = useState('');

  function changed(item: TrackedItem) {
    onChange(item);
    setAnnouncement(
      t('continuity.statusChanged', { status: t(`continuity.status.${item.status}`) }),
    );
  }

  return (
    <>
      <ul className="tracked-items">
        {items.map((item) =>
          isWithheld(item) ? (
            <li key={item.id} className="tracked-withheld">
              {t('continuity.item.withheld')}
            </li>
          ) : (
            <TrackedItemRow
              key={item.id}
              item={item}
              showKind={showKind}
              editable={can(actor, 'followUp.setStatus', {
                owner: trackedItemOwner(item, me.id),
              })}
              onChange={changed}
            />
          ),
        )}
      </ul>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </>
  );
}

interface RowProps {
  item: TrackedItem;
  showKind: boolean;
  editable: boolean;
  onChange: (item: TrackedItem) => void;
}

function TrackedItemRow({ item, showKind, editable, onChange }: RowProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  const textId = useId();

  return (
    <li>
      <p className="tracked-text" id={textId}>
        {showKind && <span className="tracked-kind">{t(`continuity.item.${item.kind}`)}: </span>}
        {item.text}
      </p>
      <dl className="tracked-meta">
        {item.partyId && (
          <div>
            <dt>{t('continuity.item.party')}</dt>
            <dd>
              <PartyOf parties={[...group.parties, ...group.endedParties]} partyId={item.partyId} />
            </dd>
          </div>
        )}
        <OwnerAndDue owner={item.owner} due={item.due} />
        <div>
          <dt>{t('continuity.item.memo')}</dt>
          <dd>
            <Link to={memoVersionPath(group.id, item.meetingId, item.version)}>
              {t('continuity.item.memoLink', { title: item.meetingTitle, version: item.version })}
            </Link>
            {item.sectionTitle && <> · {item.sectionTitle}</>}
          </dd>
        </div>
        {item.caseLink && (
          <div>
            <dt>{t('agenda.caseLink.label')}</dt>
            <dd>
              <CaseLinkText link={item.caseLink} />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('continuity.item.status')}</dt>
          <dd>
            <TrackedStatusBadge status={item.status} />
            {item.statusChangedAt && item.statusChangedBy && (
              <span className="muted">
                {' '}
                {t('continuity.item.changed', {
                  date: format.date(item.statusChangedAt),
                  name: item.statusChangedBy.name,
                })}
              </span>
            )}
          </dd>
        </div>
        <StatusCaseLink link={item.statusCaseLink} />
        {item.statusReason && (
          <div>
            <dt>{t('continuity.statusReason')}</dt>
            <dd>{item.statusReason}</dd>
          </div>
        )}
        {item.confidentiality !== 'groups' && (
          <div>
            <dt>{t('continuity.item.confidentiality')}</dt>
            <dd className={`confidentiality-${item.confidentiality}`}>
              {t(`confidentiality.${item.confidentiality}`)}
            </dd>
          </div>
        )}
      </dl>
      {item.history.length > 1 && (
        <details className="tracked-history">
          <summary>{t('continuity.history', { count: item.history.length })}</summary>
          <ol>
            {item.history.map((change, index) => (
              <li key={index}>
                {t('continuity.historyEntry', {
                  date: format.date(change.at),
                  name: change.by.name,
                  status: t(`continuity.status.${change.status}`),
                })}
                {change.reason && <> — {change.reason}</>}
                {change.caseLink && (
                  <>
                    {' — '}
                    <CaseLinkText link={change.caseLink} />
                  </>
                )}
              </li>
            ))}
          </ol>
        </details>
      )}
      {editable && <StatusEditor item={item} describedBy={textId} onChange={onChange} />}
    </li>
  );
}
