import { useCallback, useId, useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { DeclassificationList, DeclassificationView } from '../../../shared/api/consent';
import { ProposeDeclassificationRequest } from '../../../shared/api/schemas';
import type { Confidentiality } from '../../../shared/confidentiality';
import type { MemoContent } from '../../../shared/memo/content';
import {
  targetKey,
  type DeclassifiableItem,
  type DeclassificationProblem,
} from '../../../shared/memo/declassification';
import { consentApi } from '../../consentApi';
import { DeadlineField } from '../../components/DeadlineField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { useDeadlineInput } from '../../components/useDeadlineInput';
import { useFormat } from '../../i18n/format';
import { useConsentChanged } from '../../notifications/MemoNotifications';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';
import { ConsentPanel } from '../Consent/ConsentPanel';
import { describeTarget } from './describeTarget';

interface Props {
  meetingId: string;
  version: number;
  /** The version's full content (negotiators' own audience), to name items; null while previewing. */
  content: MemoContent | null;
}

/**
 * Lowering the confidentiality of items of an approved version, one step at a time, once every
 * party consents: what may be proposed now, and each proposal with its consent gate. The version
 * itself never changes; a released lowering is an overlay on it.
 */
export function DeclassificationPanel({ meetingId, version, content }: Props) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => consentApi.declassifications(meetingId, version, signal),
    [meetingId, version],
  );
  const list = useResource(load);
  useConsentChanged(null, list.reload);
  // The items keep their words while a narrower audience is previewed above.
  const [full, setFull] = useState(content);
  if (content && content !== full) setFull(content);

  return (
    <section className="declassification" aria-labelledby="declassification-heading">
      <h2 id="declassification-heading">{t('declassification.title')}</h2>
      <p>{t('declassification.intro')}</p>
      <Loadable resource={list}>
        {(data) => (
          <>
            <Proposals data={data} content={full} onChanged={list.reload} />
            <Targets
              data={data}
              content={full}
              meetingId={meetingId}
              version={version}
              onProposed={list.reload}
            />
          </>
        )}
      </Loadable>
    </section>
  );
}

function Proposals({
  data,
  content,
  onChanged,
}: {
  data: DeclassificationList;
  content: MemoContent | null;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  if (data.proposals.length === 0) return null;
  return (
    <>
      <h3>{t('declassification.proposals')}</h3>
      <ul className="declassification-proposals">
        {data.proposals.map((proposal) => (
          <li key={proposal.id}>
            <Proposal proposal={proposal} content={content} onChanged={onChanged} />
          </li>
        ))}
      </ul>
    </>
  );
}

function Proposal({
  proposal,
  content,
  onChanged,
}: {
  proposal: DeclassificationView;
  content: MemoContent | null;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const kind = itemKindOf(proposal, content);
  const described = describeTarget(t, proposal.target, kind, content);
  const headingId = `declassification-${proposal.id}`;
  return (
    <article className="declassification-proposal" aria-labelledby={headingId}>
      <h4 id={headingId}>
        {described.where}{' '}
        <span className={`status-badge consent-status-${proposal.consent.status}`}>
          {t(`declassification.status.${proposal.consent.status}`)}
        </span>
      </h4>
      {described.excerpt && <p className="declassification-excerpt">{described.excerpt}</p>}
      <p>
        <LevelChange from={proposal.from} to={proposal.to} />
      </p>
      <p className="muted">
        {t('declassification.proposedBy', {
          name: proposal.proposedBy.name,
          time: format.dateTime(proposal.proposedAt),
        })}
      </p>
      <ConsentPanel
        consent={proposal.consent}
        headingLevel={4}
        onAnswered={onChanged}
        onStale={onChanged}
      />
    </article>
  );
}

/** The proposal's item kind: from the content when found there, else by the target's kind. */
function itemKindOf(proposal: DeclassificationView, content: MemoContent | null) {
  const target = proposal.target;
  if (target.kind === 'section') return 'section' as const;
  if (target.kind === 'notes') return 'notes' as const;
  if (target.kind === 'dissent') return 'dissent' as const;
  const section = content?.sections.find(
    (candidate) => candidate.kind === 'section' && candidate.id === target.sectionId,
  );
  const block =
    section?.kind === 'section'
      ? section.blocks.find((b) => b.kind !== 'withheld' && b.id === target.blockId)
      : undefined;
  return block?.kind === 'followUp' ? ('followUp' as const) : ('agreedPoint' as const);
}

function LevelChange({ from, to }: { from: Confidentiality; to: Confidentiality }) {
  const { t } = useTranslation();
  return (
    <>
      {t('declassification.change', {
        from: t(`confidentiality.${from}`),
        to: t(`confidentiality.${to}`),
      })}
    </>
  );
}

interface TargetsProps {
  data: DeclassificationList;
  content: MemoContent | null;
  meetingId: string;
  version: number;
  onProposed: () => void;
}

/** Every item not yet public: a proposal where one may be made, or why not, in plain words. */
function Targets({ data, content, meetingId, version, onProposed }: TargetsProps) {
  const { t } = useTranslation();
  const closed = data.targets.filter((item) => item.level !== 'public');
  if (closed.length === 0) return <p>{t('declassification.nothingClosed')}</p>;
  // A long memo has many items: they stay folded until someone means to propose.
  return (
    <details className="declassification-choose">
      <summary>{t('declassification.targets', { count: closed.length })}</summary>
      <ul className="declassification-targets">
        {closed.map((item) => (
          <TargetRow
            key={targetKey(item.target)}
            item={item}
            content={content}
            meetingId={meetingId}
            version={version}
            onProposed={onProposed}
          />
        ))}
      </ul>
    </details>
  );
}

function TargetRow({
  item,
  content,
  meetingId,
  version,
  onProposed,
}: {
  item: DeclassifiableItem;
  content: MemoContent | null;
  meetingId: string;
  version: number;
  onProposed: () => void;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const described = describeTarget(t, item.target, item.itemKind, content);
  return (
    <li className="declassification-target">
      <p className="declassification-where">
        <span className={`memo-doc-level memo-doc-level-${item.level}`}>
          {t(`confidentiality.${item.level}`)}
        </span>{' '}
        {described.where}
      </p>
      {described.excerpt && <p className="declassification-excerpt">{described.excerpt}</p>}
      {item.lowerTo.length > 0 ? (
        open ? (
          <ProposalForm
            item={item}
            where={described.where}
            meetingId={meetingId}
            version={version}
            onClose={() => setOpen(false)}
            onProposed={() => {
              setOpen(false);
              onProposed();
            }}
          />
        ) : (
          <button
            type="button"
            className="button-secondary"
            aria-expanded={false}
            onClick={() => setOpen(true)}
          >
            {t('declassification.propose')}
            <span className="visually-hidden">: {described.where}</span>
          </button>
        )
      ) : (
        item.problem && <p className="field-hint">{problemText(t, item.problem)}</p>
      )}
    </li>
  );
}

function ProposalForm({
  item,
  where,
  meetingId,
  version,
  onClose,
  onProposed,
}: {
  item: DeclassifiableItem;
  where: string;
  meetingId: string;
  version: number;
  onClose: () => void;
  onProposed: () => void;
}) {
  const { t } = useTranslation();
  const ids = useId();
  const [to, setTo] = useState<Confidentiality>(item.lowerTo[0]!);
  const deadline = useDeadlineInput();
  const propose = useAction(async (body: ProposeDeclassificationRequest) => {
    await consentApi.proposeDeclassification(meetingId, version, body);
    onProposed();
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = deadline.check(event.currentTarget, (iso) =>
      ProposeDeclassificationRequest.safeParse({
        target: item.target,
        to,
        ...(iso && { deadline: iso }),
      }),
    );
    if (body) propose.run(body);
  }

  return (
    <form
      className="form declassification-form"
      onSubmit={submit}
      noValidate
      aria-label={t('declassification.formLabel', { where })}
    >
      {item.lowerTo.length > 1 ? (
        <fieldset>
          <legend>{t('declassification.lowerTo')}</legend>
          {item.lowerTo.map((level) => (
            <label key={level} className="consent-choice">
              <input
                type="radio"
                name={`${ids}-to`}
                value={level}
                checked={to === level}
                onChange={() => setTo(level)}
              />{' '}
              {t(`confidentiality.${level}`)}
            </label>
          ))}
        </fieldset>
      ) : (
        <p>
          <LevelChange from={item.level} to={to} />
        </p>
      )}
      <p className="field-hint">{t(`confidentialityHint.${to}`)}</p>
      <DeadlineField
        id={`${ids}-deadline`}
        label={t('statements.send.deadline')}
        hint={t('statements.send.deadlineHint')}
        value={deadline.value}
        onValueChange={deadline.setValue}
        error={deadline.error}
        autoFocus
      />
      <ErrorMessage error={propose.error} messages={{ conflict: t('declassification.conflict') }} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={propose.busy}>
          {t('declassification.submit')}
        </button>
        <button type="button" className="button-secondary" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Why an item cannot be proposed now, in plain words. */
export function problemText(t: TFunction, problem: DeclassificationProblem): string {
  // Inside a sentence: "now groups", not "now Groups".
  const level = (value: Confidentiality) => t(`confidentiality.${value}`).toLocaleLowerCase();
  switch (problem.kind) {
    case 'redactedContent':
    case 'unknownTarget':
    case 'ambiguousTarget':
      return t(`declassification.problem.${problem.kind}`);
    case 'pending':
      return t('declassification.problem.pending');
    case 'alreadyDeclassified':
      return t('declassification.problem.alreadyDeclassified', {
        level: level(problem.current),
      });
    case 'notLowering':
      return t('declassification.problem.notLowering', {
        level: level(problem.current),
      });
    case 'notOneStep':
      return t('declassification.problem.notOneStep', {
        level: level(problem.next),
      });
    case 'blockedBySection':
      return t('declassification.problem.blockedBySection', {
        level: level(problem.sectionLevel),
      });
  }
}
