import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { MemoSummary, SectionSummary } from '../../../shared/memo/summary';
import type { ConfidentialityChange } from '../../../shared/confidentiality';
import { PartyBadge } from '../../components/PartyBadge';
import { useMemoLabels } from '../Version/useMemoLabels';
import { LevelBadge } from './Confidentiality';
import { ConfidentialityHistory } from './ConfidentialityHistory';

interface Props {
  summary: MemoSummary;
  parties: Party[];
  history: ConfidentialityChange[];
}

/** The memo at a glance, per agenda item, and the history of confidentiality changes. */
export function SidePanel({ summary, parties, history }: Props) {
  const { t } = useTranslation();
  return (
    <aside className="memo-side" aria-labelledby="memo-summary-heading">
      <h2 id="memo-summary-heading">{t('memo.summary.title')}</h2>
      {summary.sections.map((section) => (
        <SectionSummaryView key={section.sectionId} section={section} parties={parties} />
      ))}
      <ConfidentialityHistory history={history} parties={parties} />
    </aside>
  );
}

function PartyName({ parties, partyId }: { parties: Party[]; partyId: string }) {
  const party = parties.find((candidate) => candidate.id === partyId);
  return party ? <PartyBadge party={party} short /> : <span>–</span>;
}

function SectionSummaryView({ section, parties }: { section: SectionSummary; parties: Party[] }) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  const headingId = `summary-${section.sectionId}`;
  const empty =
    section.agreedPoints.length === 0 &&
    section.dissents.length === 0 &&
    section.followUps.length === 0 &&
    section.confidentialBlocks.length === 0;
  return (
    <section className="summary-section" aria-labelledby={headingId}>
      <h3 id={headingId}>{section.title || t('memo.summary.untitled')}</h3>
      {section.confidentiality !== 'groups' && <LevelBadge level={section.confidentiality} />}
      {empty && <p className="muted">{t('memo.summary.nothingYet')}</p>}

      {section.agreedPoints.length > 0 && (
        <>
          <h4>{t('memo.summary.agreedPoints')}</h4>
          <ul className="summary-list">
            {section.agreedPoints.map((point) => (
              <li key={point.id}>
                <p className="summary-text">
                  {point.text || t('memo.summary.noText')}{' '}
                  {point.confidentiality === 'confidential' && <LevelBadge level="confidential" />}
                </p>
                <ul className="summary-stances" aria-label={labels.stancesHeading}>
                  {point.stances.map(({ partyId, entry }) => (
                    <li key={partyId} className={`stance-chip stance-${entry?.stance ?? 'none'}`}>
                      <PartyName parties={parties} partyId={partyId} />
                      {': '}
                      {entry ? labels.stances[entry.stance] : labels.stanceNotStated}
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}

      {section.dissents.length > 0 && (
        <>
          <h4>{t('memo.summary.dissents')}</h4>
          <ul className="summary-list">
            {section.dissents.map((dissent) => (
              <li key={`${dissent.partyId}:${dissent.id}`}>
                <PartyName parties={parties} partyId={dissent.partyId} />
                {dissent.agreedPointId && (
                  <span className="muted"> ({t('memo.summary.onAgreedPoint')})</span>
                )}
                {': '}
                {dissent.reason}
              </li>
            ))}
          </ul>
        </>
      )}

      {section.followUps.length > 0 && (
        <>
          <h4>{t('memo.summary.followUps')}</h4>
          <ul className="summary-list">
            {section.followUps.map((followUp) => (
              <li key={followUp.id}>
                {followUp.text || t('memo.summary.noText')}
                {(followUp.owner || followUp.due) && (
                  <span className="muted">
                    {' '}
                    ({[followUp.owner, followUp.due].filter(Boolean).join(', ')})
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}

      {section.confidentialBlocks.length > 0 && (
        <>
          <h4>{t('memo.summary.confidential')}</h4>
          <ul className="summary-list summary-confidential">
            {section.confidentialBlocks.map((block) => (
              <li key={`${block.kind}:${block.id}`}>
                <span className="muted">{t(`memo.kind.${block.kind}`)}: </span>
                {block.excerpt || t('memo.summary.noText')}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
