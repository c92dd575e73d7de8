import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemoVersionView } from '../../../shared/api/memoVersions';
import type { Confidentiality } from '../../../shared/confidentiality';
import type { ContentBlock, ContentParty, MemoContent } from '../../../shared/memo/content';
import type {
  BlockField,
  DissentField,
  LocatedBlock,
  LocatedDissent,
  MemoChange,
  SectionField,
} from '../../../shared/memo/diff';
import type { MemoLabels } from '../../../shared/memo/labels';
import type { StanceEntry } from '../../../shared/memo/partyDoc';
import { useFormat } from '../../i18n/format';
import { LevelTag } from './MemoDocument';
import { MemoParty } from './MemoParty';
import { Paragraphs } from './Paragraphs';
import { useMemoLabels } from './useMemoLabels';

type Tone = 'added' | 'removed' | 'changed';

function toneOf(change: MemoChange): Tone {
  switch (change.kind) {
    case 'sectionAdded':
    case 'blockAdded':
    case 'dissentAdded':
      return 'added';
    case 'sectionRemoved':
    case 'blockRemoved':
    case 'dissentRemoved':
      return 'removed';
    case 'sectionChanged':
    case 'blockChanged':
    case 'stanceChanged':
    case 'dissentChanged':
      return 'changed';
  }
}

function sectionOf(change: MemoChange): string {
  switch (change.kind) {
    case 'sectionAdded':
    case 'sectionRemoved':
      return change.section.id;
    case 'sectionChanged':
      return change.to.id;
    case 'blockChanged':
    case 'dissentChanged':
      return change.to.sectionId;
    case 'blockAdded':
    case 'blockRemoved':
    case 'stanceChanged':
    case 'dissentAdded':
    case 'dissentRemoved':
      return change.sectionId;
  }
}

/** What the two versions tell about their sections and agreed points, newer first. */
interface Lookup {
  parties: ContentParty[];
  sectionTitle: (sectionId: string) => string;
  agreedPointText: (agreedPointId: string) => string[];
}

function lookup(from: MemoContent, to: MemoContent): Lookup {
  const titles = new Map<string, string>();
  const points = new Map<string, string[]>();
  for (const content of [from, to]) {
    for (const section of content.sections) {
      if (section.kind === 'withheld') continue;
      titles.set(section.id, section.title);
      for (const block of section.blocks) {
        if (block.kind === 'agreedPoint') points.set(block.id, block.paragraphs);
      }
    }
  }
  const parties = [...to.parties];
  for (const party of from.parties) {
    if (!parties.some((known) => known.partyId === party.partyId)) parties.push(party);
  }
  return {
    parties,
    sectionTitle: (id) => titles.get(id) ?? '',
    agreedPointText: (id) => points.get(id) ?? [],
  };
}

interface Props {
  changes: MemoChange[];
  from: MemoVersionView;
  to: MemoVersionView;
}

/**
 * The changes per agenda item, in the order the comparison gives them. Each is marked by a word
 * and a sign (added +, removed −, changed ~) as well as by colour; removed text is struck through
 * (`del`) and added text underlined (`ins`).
 */
export function ChangeList({ changes, from, to }: Props) {
  const { t } = useTranslation();
  const known = lookup(from.content, to.content);
  const groups: { sectionId: string; changes: MemoChange[] }[] = [];
  for (const change of changes) {
    const sectionId = sectionOf(change);
    const group = groups.find((candidate) => candidate.sectionId === sectionId);
    if (group) group.changes.push(change);
    else groups.push({ sectionId, changes: [change] });
  }
  return (
    <div className="compare-changes">
      {groups.map((group) => {
        const headingId = `compare-section-${group.sectionId}`;
        return (
          <section key={group.sectionId} aria-labelledby={headingId} className="compare-section">
            <h2 id={headingId}>
              {known.sectionTitle(group.sectionId) || t('compare.untitledSection')}
            </h2>
            <ol className="compare-list">
              {group.changes.map((change, index) => (
                <ChangeItem key={index} change={change} known={known} />
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}

function ToneTag({ tone }: { tone: Tone }) {
  const { t } = useTranslation();
  const sign = { added: '+', removed: '−', changed: '~' }[tone];
  return (
    <span className={`change-tag change-tag-${tone}`}>
      <span aria-hidden="true">{sign} </span>
      {t(`compare.tone.${tone}`)}
    </span>
  );
}

function ChangeItem({ change, known }: { change: MemoChange; known: Lookup }) {
  const tone = toneOf(change);
  return (
    <li className={`change change-${tone}`}>
      <p className="change-head">
        <ToneTag tone={tone} /> <ChangeTitle change={change} />
      </p>
      <ChangeBody change={change} known={known} />
    </li>
  );
}

function useKindLabel() {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  return (kind: ContentBlock['kind'] | 'section' | 'dissent' | 'stance'): string => {
    switch (kind) {
      case 'agreedPoint':
        return labels.agreedPoint;
      case 'followUp':
        return labels.followUp;
      case 'notes':
      case 'section':
      case 'dissent':
      case 'stance':
        return t(`compare.kind.${kind}`);
    }
  };
}

function ChangeTitle({ change }: { change: MemoChange }) {
  const kindLabel = useKindLabel();
  switch (change.kind) {
    case 'sectionAdded':
    case 'sectionRemoved':
      return (
        <>
          <strong>{kindLabel('section')}</strong>{' '}
          <LevelTag level={change.section.confidentiality} />
        </>
      );
    case 'sectionChanged':
      return <strong>{kindLabel('section')}</strong>;
    case 'blockAdded':
    case 'blockRemoved':
      return (
        <>
          <strong>{kindLabel(change.block.kind)}</strong>{' '}
          <LevelTag level={change.block.confidentiality} />
        </>
      );
    case 'blockChanged':
      return <strong>{kindLabel(change.to.block.kind)}</strong>;
    case 'stanceChanged':
      return <strong>{kindLabel('stance')}</strong>;
    case 'dissentAdded':
    case 'dissentRemoved':
      return (
        <>
          <strong>{kindLabel('dissent')}</strong>{' '}
          <LevelTag level={change.dissent.confidentiality} />
        </>
      );
    case 'dissentChanged':
      return <strong>{kindLabel('dissent')}</strong>;
  }
}

function ChangeBody({ change, known }: { change: MemoChange; known: Lookup }) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  switch (change.kind) {
    case 'sectionAdded':
      return <ins className="change-text">{change.section.title}</ins>;
    case 'sectionRemoved':
      return <del className="change-text">{change.section.title}</del>;
    case 'sectionChanged':
      return (
        <Fields>
          {change.fields.map((field) => (
            <SectionFieldRow key={field} field={field} change={change} labels={labels} />
          ))}
        </Fields>
      );
    case 'blockAdded':
      return (
        <ins className="change-text">
          <BlockText block={change.block} known={known} labels={labels} />
        </ins>
      );
    case 'blockRemoved':
      return (
        <del className="change-text">
          <BlockText block={change.block} known={known} labels={labels} />
        </del>
      );
    case 'blockChanged':
      return (
        <>
          {!change.fields.includes('paragraphs') && (
            <div className="change-context">
              <Paragraphs paragraphs={change.to.block.paragraphs} />
            </div>
          )}
          <Fields>
            {change.fields.map((field) => (
              <BlockFieldRow
                key={field}
                field={field}
                from={change.from}
                to={change.to}
                known={known}
                labels={labels}
              />
            ))}
          </Fields>
        </>
      );
    case 'stanceChanged': {
      const point = known.agreedPointText(change.agreedPointId);
      return (
        <>
          {point.length > 0 && (
            <div className="change-context">
              <p className="change-context-label">{labels.agreedPoint}:</p>
              <Paragraphs paragraphs={point} />
            </div>
          )}
          <p className="change-stance">
            <MemoParty partyId={change.partyId} parties={known.parties} />
            {': '}
            <del>
              <StanceWords entry={change.from} labels={labels} />
            </del>
            <span aria-hidden="true"> → </span>
            <span className="visually-hidden"> {t('compare.becomes')} </span>
            <ins>
              <StanceWords entry={change.to} labels={labels} />
            </ins>
          </p>
        </>
      );
    }
    case 'dissentAdded':
      return (
        <p className="change-text">
          <MemoParty partyId={change.dissent.partyId} parties={known.parties} />
          {': '}
          <ins>{change.dissent.reason}</ins>
        </p>
      );
    case 'dissentRemoved':
      return (
        <p className="change-text">
          <MemoParty partyId={change.dissent.partyId} parties={known.parties} />
          {': '}
          <del>{change.dissent.reason}</del>
        </p>
      );
    case 'dissentChanged':
      return (
        <>
          {!change.fields.includes('partyId') && (
            <p className="change-context">
              <MemoParty partyId={change.to.dissent.partyId} parties={known.parties} />
            </p>
          )}
          <Fields>
            {change.fields.map((field) => (
              <DissentFieldRow
                key={field}
                field={field}
                from={change.from}
                to={change.to}
                known={known}
                labels={labels}
              />
            ))}
          </Fields>
        </>
      );
  }
}

function StanceWords({ entry, labels }: { entry: StanceEntry | null; labels: MemoLabels }) {
  if (!entry) return <>{labels.stanceNotStated}</>;
  return (
    <>
      {labels.stances[entry.stance]}
      {entry.reason && ` – ${entry.reason}`}
    </>
  );
}

function BlockText({
  block,
  known,
  labels,
}: {
  block: ContentBlock;
  known: Lookup;
  labels: MemoLabels;
}) {
  const format = useFormat();
  return (
    <>
      <Paragraphs paragraphs={block.paragraphs} />
      {block.kind === 'followUp' && (block.owner || block.due) && (
        <p className="change-facts">
          {block.owner && `${labels.owner}: ${block.owner}`}
          {block.owner && block.due && ' · '}
          {block.due && `${labels.due}: ${format.calendarDate(block.due)}`}
        </p>
      )}
      {block.kind === 'agreedPoint' && (
        <ul className="change-facts change-stances">
          {block.stances.map(({ partyId, entry }) => (
            <li key={partyId}>
              <MemoParty partyId={partyId} parties={known.parties} short />
              {': '}
              <StanceWords entry={entry} labels={labels} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

/** Field-by-field before and after. */
function Fields({ children }: { children: ReactNode }) {
  return <dl className="change-fields">{children}</dl>;
}

function FieldRow({ name, before, after }: { name: string; before: ReactNode; after: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="change-field">
      <dt>{name}</dt>
      <dd>
        <div className="change-before">
          <span className="change-side">{t('compare.before')}:</span> <del>{before}</del>
        </div>
        <div className="change-after">
          <span className="change-side">{t('compare.after')}:</span> <ins>{after}</ins>
        </div>
      </dd>
    </div>
  );
}

function Level({ level, labels }: { level: Confidentiality; labels: MemoLabels }) {
  return <>{labels.levels[level]}</>;
}

function SectionFieldRow({
  field,
  change,
  labels,
}: {
  field: SectionField;
  change: Extract<MemoChange, { kind: 'sectionChanged' }>;
  labels: MemoLabels;
}) {
  const { t } = useTranslation();
  const name = t(`compare.field.${field}`);
  switch (field) {
    case 'title':
      return <FieldRow name={name} before={change.from.title} after={change.to.title} />;
    case 'confidentiality':
      return (
        <FieldRow
          name={name}
          before={<Level level={change.from.confidentiality} labels={labels} />}
          after={<Level level={change.to.confidentiality} labels={labels} />}
        />
      );
    case 'agendaItemId':
      // Agenda item ids mean nothing to a reader: saying that the link changed is enough.
      return (
        <div className="change-field">
          <dt>{name}</dt>
          <dd>{t('compare.agendaItemChanged')}</dd>
        </div>
      );
  }
}

interface BlockFieldProps {
  field: BlockField;
  from: LocatedBlock;
  to: LocatedBlock;
  known: Lookup;
  labels: MemoLabels;
}

function BlockFieldRow({ field, from, to, known, labels }: BlockFieldProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const kindLabel = useKindLabel();
  const name = t(`compare.field.${field}`);
  const a = from.block;
  const b = to.block;
  switch (field) {
    case 'kind':
      return <FieldRow name={name} before={kindLabel(a.kind)} after={kindLabel(b.kind)} />;
    case 'section':
      return (
        <FieldRow
          name={name}
          before={known.sectionTitle(from.sectionId)}
          after={known.sectionTitle(to.sectionId)}
        />
      );
    case 'paragraphs':
      return (
        <FieldRow
          name={name}
          before={<Paragraphs paragraphs={a.paragraphs} />}
          after={<Paragraphs paragraphs={b.paragraphs} />}
        />
      );
    case 'confidentiality':
      return (
        <FieldRow
          name={name}
          before={<Level level={a.confidentiality} labels={labels} />}
          after={<Level level={b.confidentiality} labels={labels} />}
        />
      );
    case 'owner':
      return (
        <FieldRow
          name={name}
          before={(a.kind === 'followUp' && a.owner) || '–'}
          after={(b.kind === 'followUp' && b.owner) || '–'}
        />
      );
    case 'due': {
      const due = (block: ContentBlock) =>
        block.kind === 'followUp' && block.due ? format.calendarDate(block.due) : '–';
      return <FieldRow name={name} before={due(a)} after={due(b)} />;
    }
  }
}

interface DissentFieldProps {
  field: DissentField;
  from: LocatedDissent;
  to: LocatedDissent;
  known: Lookup;
  labels: MemoLabels;
}

function DissentFieldRow({ field, from, to, known, labels }: DissentFieldProps) {
  const { t } = useTranslation();
  const name = t(`compare.field.${field}`);
  switch (field) {
    case 'section':
      return (
        <FieldRow
          name={name}
          before={known.sectionTitle(from.sectionId)}
          after={known.sectionTitle(to.sectionId)}
        />
      );
    case 'partyId':
      return (
        <FieldRow
          name={name}
          before={<MemoParty partyId={from.dissent.partyId} parties={known.parties} />}
          after={<MemoParty partyId={to.dissent.partyId} parties={known.parties} />}
        />
      );
    case 'reason':
      return <FieldRow name={name} before={from.dissent.reason} after={to.dissent.reason} />;
    case 'confidentiality':
      return (
        <FieldRow
          name={name}
          before={<Level level={from.dissent.confidentiality} labels={labels} />}
          after={<Level level={to.dissent.confidentiality} labels={labels} />}
        />
      );
  }
}
