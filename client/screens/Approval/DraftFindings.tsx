import { useTranslation } from 'react-i18next';
import type { ApprovalCheck, DraftFinding } from '../../../shared/api/memoVersions';
import type { Party } from '../../../shared/api/types';
import { findingsToFix } from '../../../shared/memo/approvalReadiness';
import { PartyOf } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';

type Kind = DraftFinding['kind'];
type Of<K extends Kind> = Extract<DraftFinding, { kind: K }>;

/** Warnings in the order the chair would go through the memo; lowered levels last. */
const WARNING_ORDER: readonly Kind[] = [
  'dissentWithoutReason',
  'stanceNotStated',
  'emptySection',
  'confidentialityLowered',
];

/** Where the meeting page's next step sends the chair to read what to fix. */
export const FINDINGS_ID = 'approval-findings';

/**
 * The check's findings: what blocks the approval first, then what leaves the memo unfinished
 * (to fix before approving), then the advisory warnings by kind.
 */
export function DraftFindings({ check }: { check: ApprovalCheck }) {
  const { t } = useTranslation();
  if (check.blockers.length === 0 && check.warnings.length === 0) {
    return <p className="alert alert-success">{t('approval.noFindings')}</p>;
  }
  const toFix = new Set(findingsToFix(check));
  const unfinished = check.warnings.filter((finding) => toFix.has(finding));
  const advisory = check.warnings.filter((finding) => !toFix.has(finding));
  return (
    <div id={FINDINGS_ID} tabIndex={-1} className="approval-findings">
      {check.blockers.length > 0 && (
        <section className="approval-blockers" aria-labelledby="approval-blockers-heading">
          <h3 id="approval-blockers-heading">
            {t('approval.blockersTitle', { count: check.blockers.length })}
          </h3>
          <FindingGroups findings={check.blockers} order={['dissentWithoutParty']} />
        </section>
      )}
      {unfinished.length > 0 && (
        <section className="approval-to-fix" aria-labelledby="approval-to-fix-heading">
          <h3 id="approval-to-fix-heading">
            {t('approval.toFixTitle', { count: unfinished.length })}
          </h3>
          <p>{t('approval.toFixHint')}</p>
          <FindingGroups findings={unfinished} order={WARNING_ORDER} />
        </section>
      )}
      {advisory.length > 0 && (
        <section className="approval-warnings" aria-labelledby="approval-warnings-heading">
          <h3 id="approval-warnings-heading">
            {t('approval.warningsTitle', { count: advisory.length })}
          </h3>
          <p className="muted">{t('approval.warningsHint')}</p>
          <FindingGroups findings={advisory} order={WARNING_ORDER} />
        </section>
      )}
    </div>
  );
}

function FindingGroups({ findings, order }: { findings: DraftFinding[]; order: readonly Kind[] }) {
  const { t } = useTranslation();
  const { group } = useGroup();
  // A kind the server adds later still shows, after the known ones.
  const kinds = [
    ...order,
    ...new Set(findings.map((finding) => finding.kind).filter((kind) => !order.includes(kind))),
  ];
  return kinds.map((kind) => {
    const ofKind = findings.filter((finding) => finding.kind === kind);
    if (ofKind.length === 0) return null;
    const headingId = `finding-${kind}`;
    return (
      <section key={kind} className="finding-group" aria-labelledby={headingId}>
        <h4 id={headingId}>
          {t(`approval.findings.${kind}`)} ({ofKind.length})
        </h4>
        <ul className="finding-list">
          {ofKind.map((finding, index) => (
            <li key={index}>
              <FindingItem finding={finding} parties={group.parties} />
            </li>
          ))}
        </ul>
      </section>
    );
  });
}

function SectionName({ title }: { title: string }) {
  const { t } = useTranslation();
  return <strong>{title || t('approval.untitledSection')}</strong>;
}

function FindingItem({ finding, parties }: { finding: DraftFinding; parties: Party[] }) {
  switch (finding.kind) {
    case 'dissentWithoutReason':
      return (
        <>
          <SectionName title={finding.sectionTitle} />:{' '}
          <PartyOf parties={parties} partyId={finding.partyId} />
        </>
      );
    case 'stanceNotStated':
      return <StanceNotStated finding={finding} parties={parties} />;
    case 'emptySection':
    case 'dissentWithoutParty':
      return <SectionName title={finding.sectionTitle} />;
    case 'confidentialityLowered':
      return <Lowered finding={finding} parties={parties} />;
  }
}

function StanceNotStated({
  finding,
  parties,
}: {
  finding: Of<'stanceNotStated'>;
  parties: Party[];
}) {
  const { t } = useTranslation();
  return (
    <>
      <SectionName title={finding.sectionTitle} />
      {finding.excerpt && <>: “{finding.excerpt}”</>}
      <span className="finding-parties">
        {t('approval.stanceMissingFrom')}{' '}
        {finding.partyIds.map((partyId, index) => (
          // The comma stays with its party, so that a wrapped line never starts with one.
          <span key={partyId}>
            <PartyOf parties={parties} partyId={partyId} />
            {index < finding.partyIds.length - 1 && ','}
          </span>
        ))}
      </span>
    </>
  );
}

function Lowered({
  finding,
  parties,
}: {
  finding: Of<'confidentialityLowered'>;
  parties: Party[];
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { change } = finding;
  const party = parties.find((candidate) => candidate.id === change.partyId);
  return (
    <>
      <time dateTime={change.at}>{format.dateTime(change.at)}</time>{' '}
      <strong>{change.userName}</strong>
      {party && (
        <>
          {' '}
          (<PartyOf parties={parties} partyId={party.id} />)
        </>
      )}
      {': '}
      {t(`memo.kind.${change.targetKind}`)}
      {change.excerpt && <> “{change.excerpt}”</>}
      {', '}
      {t(`confidentiality.${change.from}`)} → {t(`confidentiality.${change.to}`)}
    </>
  );
}
