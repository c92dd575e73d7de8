import type { MemoVersionView } from '../../../shared/api/memoVersions';
import type { CaseLink } from '../../../shared/caseLinks';
import type { Confidentiality } from '../../../shared/confidentiality';
import { CaseLinkCitation } from '../../components/CaseLinkCitation';
import type {
  AgreedPointBlock,
  ContentBlock,
  ContentDissent,
  ContentParty,
  ContentSection,
  FollowUpBlock,
  WithheldMarker,
  WithheldSection,
} from '../../../shared/memo/content';
import { approverLine, type MemoLabels } from '../../../shared/memo/labels';
import { useTranslation } from 'react-i18next';
import { documentsApi } from '../../documentsApi';
import { useFormat } from '../../i18n/format';
import { MemoParticipants } from './MemoParticipants';
import { MemoParty } from './MemoParty';
import { Paragraphs } from './Paragraphs';
import { useMemoLabels } from './useMemoLabels';

/** The approved memo as a document: stamp, disclaimer, then one part per agenda item. */
export function MemoDocument({ view, busy = false }: { view: MemoVersionView; busy?: boolean }) {
  const labels = useMemoLabels();
  const { content } = view;
  return (
    <article className="memo-doc" aria-labelledby="memo-doc-title" aria-busy={busy}>
      <header className="memo-doc-header">
        <p id="memo-doc-title" className="memo-doc-kicker">
          {labels.memo} · {labels.version} {view.version}
        </p>
        <p className={`memo-doc-audience memo-doc-audience-${view.audience}`}>
          {labels.audience[view.audience]}
        </p>
        <MeetingLine view={view} />
        {view.meetingFacts.location.trim() && (
          <p className="memo-doc-place">
            {labels.place}: {view.meetingFacts.location}
          </p>
        )}
        <ApprovalStamp view={view} />
        <p className="memo-doc-disclaimer">{labels.disclaimer}</p>
      </header>
      {content.sections.map((section, index) =>
        section.kind === 'withheld' ? (
          <WithheldPart key={`w${index}`} section={section} />
        ) : (
          <SectionPart
            key={section.id}
            number={index + 1}
            section={section}
            parties={content.parties}
            caseLink={view.caseLinks.find((entry) => entry.agendaItemId === section.agendaItemId)}
          />
        ),
      )}
      {/* After the items on screen, where a reader looks for who took part once they have read
          what was said; the first item stays on a phone's first screen. Paper lists them first. */}
      <MemoParticipants facts={view.meetingFacts} parties={content.parties} />
      <TabledDocuments view={view} />
      <AuthenticityCheck hash={view.hash} />
    </article>
  );
}

/** The files on the table at approval, each with the SHA-256 that says which bytes they were. */
function TabledDocuments({ view }: { view: MemoVersionView }) {
  const labels = useMemoLabels();
  const documents = view.documents ?? [];
  if (documents.length === 0) return null;
  return (
    <section className="memo-doc-documents" aria-labelledby="memo-doc-documents">
      <h2 id="memo-doc-documents">{labels.tabledDocuments}</h2>
      <ul>
        {documents.map((doc, index) =>
          'withheld' in doc ? (
            <li key={`withheld-${index}`} className="redacted">
              {labels.withheldDocument}
            </li>
          ) : (
            <li key={doc.id}>
              <a href={documentsApi.downloadLink(view.meetingId, doc.id)} download={doc.fileName}>
                {doc.fileName}
              </a>{' '}
              <span className="hash">SHA-256 {doc.sha256}</span>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** Which meeting the memo is of: its date and time, right under the title. */
function MeetingLine({ view }: { view: MemoVersionView }) {
  const labels = useMemoLabels();
  const format = useFormat();
  return (
    <p className="memo-doc-meeting">
      {labels.meeting}{' '}
      <time dateTime={view.meetingStartsAt}>{format.dateTime(view.meetingStartsAt, 'full')}</time>
    </p>
  );
}

/**
 * The hash that identifies the version in every rendering, folded away after the memo: a reader
 * comes for the memo, and only someone comparing a printout or a PDF needs the 64 characters.
 */
export function AuthenticityCheck({ hash }: { hash: string }) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  return (
    <details className="memo-doc-check">
      <summary>{t('versions.checkTitle')}</summary>
      <p>{t('versions.checkHint')}</p>
      <p className="memo-doc-check-hash">
        <span className="visually-hidden">{labels.hash}: </span>
        <code>{hash}</code>
      </p>
    </details>
  );
}

/** Who approved which version when (the hash is in `AuthenticityCheck`, after the memo). */
export function ApprovalStamp({ view }: { view: MemoVersionView }) {
  const labels = useMemoLabels();
  const format = useFormat();
  const approver = approverLine(view, labels);
  return (
    <dl className="memo-doc-stamp">
      <div>
        <dt>{labels.version}</dt>
        <dd>{view.version}</dd>
      </div>
      <div>
        <dt>{approver.label}</dt>
        <dd>{approver.value}</dd>
      </div>
      <div>
        <dt>{labels.approvedAt}</dt>
        <dd>
          <time dateTime={view.approvedAt}>{format.dateTime(view.approvedAt, 'full')}</time>
        </dd>
      </div>
    </dl>
  );
}

/** Stands where the audience may not see content: says only that something is there. */
export function Withheld() {
  const labels = useMemoLabels();
  return <p className="memo-doc-withheld">{labels.withheld}</p>;
}

/**
 * A whole agenda item the audience may not read, as its own numbered part: the reader sees that
 * item 3 exists (and its agenda title where they may see it), and nothing of its content.
 */
function WithheldPart({ section }: { section: WithheldSection }) {
  const labels = useMemoLabels();
  const headingId = `memo-doc-withheld-${section.number}`;
  return (
    <section className="memo-doc-section memo-doc-section-withheld" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {section.number}. {section.title ?? labels.withheldItem}
      </h2>
      <Withheld />
    </section>
  );
}

/**
 * The level as a word, shown where it differs from its surroundings: a section's from the
 * default `groups`, a block's or dissent's from its section's.
 */
export function LevelTag({
  level,
  around = 'groups',
}: {
  level: Confidentiality;
  around?: Confidentiality;
}) {
  const labels = useMemoLabels();
  if (level === around) return null;
  return <span className={`memo-doc-level memo-doc-level-${level}`}>{labels.levels[level]}</span>;
}

function SectionPart({
  number,
  section,
  parties,
  caseLink,
}: {
  /**
   * The item's place in the memo, counting withheld items too: the same number in every
   * audience's rendering.
   */
  number: number;
  section: ContentSection;
  parties: readonly ContentParty[];
  /** The council case the item cites, as frozen with the version (withheld with the item). */
  caseLink?: { link: CaseLink } | undefined;
}) {
  const labels = useMemoLabels();
  const headingId = `memo-doc-section-${section.id}`;
  const shared: Shared = { parties, labels, around: section.confidentiality };
  return (
    <section className="memo-doc-section" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {number}. {section.title} <LevelTag level={section.confidentiality} />
      </h2>
      {caseLink && <CaseLinkCitation link={caseLink.link} label={labels.caseLink} />}
      {section.blocks.map((block, index) =>
        block.kind === 'withheld' ? (
          <Withheld key={`w${index}`} />
        ) : (
          <ContentBlockView key={block.id ?? `n${index}`} block={block} {...shared} />
        ),
      )}
      {section.dissents.length > 0 && <Dissents dissents={section.dissents} {...shared} />}
    </section>
  );
}

/** What every part of a section needs: the frozen parties, the words, the section's level. */
interface Shared {
  parties: readonly ContentParty[];
  labels: MemoLabels;
  around: Confidentiality;
}

function ContentBlockView({ block, ...shared }: Shared & { block: ContentBlock }) {
  switch (block.kind) {
    case 'notes':
      return (
        <div className={`memo-doc-notes memo-doc-at-${block.confidentiality}`}>
          {block.confidentiality !== shared.around && (
            <p className="memo-doc-block-level">
              <LevelTag level={block.confidentiality} around={shared.around} />
            </p>
          )}
          <Paragraphs paragraphs={block.paragraphs} />
        </div>
      );
    case 'agreedPoint':
      return <AgreedPoint block={block} {...shared} />;
    case 'followUp':
      return <FollowUp block={block} {...shared} />;
  }
}

function AgreedPoint({ block, parties, labels, around }: Shared & { block: AgreedPointBlock }) {
  return (
    <div className={`memo-doc-typed memo-doc-agreed memo-doc-at-${block.confidentiality}`}>
      <h3 className="memo-doc-label">
        {labels.agreedPoint} <LevelTag level={block.confidentiality} around={around} />
      </h3>
      <Paragraphs paragraphs={block.paragraphs} />
      <ul className="memo-doc-stances" aria-label={labels.stancesHeading}>
        {block.stances.map(({ partyId, entry }) => (
          <li
            key={partyId}
            className={`memo-doc-stance memo-doc-stance-${entry?.stance ?? 'none'}`}
          >
            <MemoParty partyId={partyId} parties={parties} />
            {': '}
            <span className="memo-doc-stance-word">
              {entry ? labels.stances[entry.stance] : labels.stanceNotStated}
            </span>
            {entry?.reason && (
              <>
                {' – '}
                <span className="memo-doc-stance-reason">{entry.reason}</span>
              </>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

function FollowUp({ block, labels, around }: Shared & { block: FollowUpBlock }) {
  const format = useFormat();
  return (
    <div className={`memo-doc-typed memo-doc-follow-up memo-doc-at-${block.confidentiality}`}>
      <h3 className="memo-doc-label">
        {labels.followUp} <LevelTag level={block.confidentiality} around={around} />
      </h3>
      <Paragraphs paragraphs={block.paragraphs} />
      {(block.owner || block.due) && (
        <dl className="memo-doc-follow-up-facts">
          {block.owner && (
            <div>
              <dt>{labels.owner}</dt>
              <dd>{block.owner}</dd>
            </div>
          )}
          {block.due && (
            <div>
              <dt>{labels.due}</dt>
              <dd>
                <time dateTime={block.due}>{format.calendarDate(block.due)}</time>
              </dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}

function Dissents({
  dissents,
  parties,
  labels,
  around,
}: Shared & { dissents: (ContentDissent | WithheldMarker)[] }) {
  return (
    <div className="memo-doc-dissents">
      <h3 className="memo-doc-label">{labels.dissents}</h3>
      <ul>
        {dissents.map((dissent, index) =>
          dissent.kind === 'withheld' ? (
            <li key={`w${index}`}>
              <Withheld />
            </li>
          ) : (
            <li
              key={dissent.id}
              className={`memo-doc-dissent memo-doc-at-${dissent.confidentiality}`}
            >
              <p className="memo-doc-dissent-head">
                <MemoParty partyId={dissent.partyId} parties={parties} />{' '}
                <LevelTag level={dissent.confidentiality} around={around} />
              </p>
              <p className="memo-doc-dissent-reason">{dissent.reason}</p>
            </li>
          ),
        )}
      </ul>
    </div>
  );
}
