import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ApprovalCheck,
  DraftFinding,
  MemoVersionSummary,
} from '../../../shared/api/memoVersions';
import type { Meeting } from '../../../shared/api/types';
import { approvalReadiness, findingsToFix } from '../../../shared/memo/approvalReadiness';
import { MEETING_STAGES } from '../../../shared/meetings';
import { can } from '../../../shared/permissions';
import { InPageLink } from '../../components/InPageLink';
import { useApprovalRight } from '../Approval/useApprovalRight';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import type { Resource } from '../../useResource';
import { FINDINGS_ID } from '../Approval/DraftFindings';
import { ReadMemoLink } from '../Memos/ReadMemoLink';
import { StatusControls } from './StatusControls';
import './meetings.css';

/** The approval panel's heading, where "check and approve" takes the chair. */
export const APPROVAL_HEADING_ID = 'approval-heading';

interface Props {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
  /** The newest approved version, if any. */
  newest: MemoVersionSummary | undefined;
  /** The chair's check of the draft while the memo is open (null when not loaded for them). */
  check: Resource<ApprovalCheck | null>;
}

/**
 * Where the meeting stands and what comes next: the four stages, each explained in a sentence,
 * then one sentence for this person's next step with the button that takes it. The meeting's
 * status changes and the reader's "Lue muistio" live here, not elsewhere on the page.
 */
export function MeetingStage(props: Props) {
  const { t } = useTranslation();
  const { status: now } = props.meeting;
  // A cancelled meeting left the path: it says so instead of showing steps never to be taken.
  if (now === 'cancelled') {
    return (
      <section className="meeting-stage" aria-labelledby="stage-heading">
        <h2 id="stage-heading">{t('meetingStage.title')}</h2>
        <p className="alert alert-warning">{t('meetingStage.describe.cancelled')}</p>
      </section>
    );
  }
  const current = MEETING_STAGES.indexOf(now);
  return (
    <section className="meeting-stage" aria-labelledby="stage-heading">
      <h2 id="stage-heading">{t('meetingStage.title')}</h2>
      <ol className="stage-list">
        {MEETING_STAGES.map((status, index) => {
          const state = index < current ? 'done' : index === current ? 'current' : 'later';
          return (
            <li
              key={status}
              className={`stage stage-${state}`}
              aria-current={state === 'current' ? 'step' : undefined}
            >
              <span className="stage-name">
                <span className="stage-marker" aria-hidden="true">
                  {state === 'done' ? '✓' : index + 1}
                </span>{' '}
                {t(`meetingStatus.${status}`)}
                {state !== 'later' && (
                  <span className="stage-state"> ({t(`meetingStage.${state}`)})</span>
                )}
              </span>
              <span className="stage-description">{t(`meetingStage.describe.${status}`)}</span>
            </li>
          );
        })}
      </ol>
      <NextStep {...props} />
    </section>
  );
}

function NextStep({ meeting, onChange, newest, check }: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useGroup();
  const organiser = can(actor, 'meeting.changeStatus');
  const negotiator = can(actor, 'group.negotiate');
  const chair = useApprovalRight(meeting.id).mayApprove;
  const memoPath = `/groups/${meeting.groupId}/meetings/${meeting.id}/memo`;

  const openMemo = (primary: boolean) =>
    negotiator && (
      <Link
        to={memoPath}
        className={`button-link ${primary ? 'button-primary' : 'button-secondary'}`}
      >
        {t('meeting.openMemo')}
      </Link>
    );
  const statusControls = (forwardIsNext: boolean) =>
    organiser && (
      <StatusControls meeting={meeting} onChange={onChange} forwardIsNext={forwardIsNext} />
    );
  const readLink = newest && (
    <ReadMemoLink
      groupId={meeting.groupId}
      meetingId={meeting.id}
      version={newest.version}
      approvedAt={newest.approvedAt}
    />
  );

  let sentence: ReactNode;
  let actions: ReactNode = null;
  let after: ReactNode = null;
  switch (meeting.status) {
    case 'planned':
      sentence = organiser
        ? t('meetingStage.next.plannedOrganiser')
        : t(
            negotiator ? 'meetingStage.next.plannedNegotiator' : 'meetingStage.next.plannedReader',
            {
              time: format.dateTime(meeting.startsAt),
            },
          );
      actions = (
        <>
          {statusControls(true)}
          {openMemo(!organiser)}
        </>
      );
      break;
    case 'in_progress':
      sentence = organiser
        ? t('meetingStage.next.inProgressOrganiser')
        : t(
            negotiator
              ? 'meetingStage.next.inProgressNegotiator'
              : 'meetingStage.next.inProgressReader',
          );
      actions = (
        <>
          {openMemo(true)}
          {statusControls(false)}
        </>
      );
      break;
    case 'drafting':
      if (chair) {
        ({ sentence, actions } = chairDrafting(check, t, openMemo));
        actions = (
          <>
            {actions}
            {statusControls(false)}
          </>
        );
      } else {
        sentence = t(
          negotiator ? 'meetingStage.next.draftingNegotiator' : 'meetingStage.next.draftingReader',
        );
        actions = (
          <>
            {openMemo(true)}
            {statusControls(false)}
          </>
        );
      }
      break;
    case 'approved':
      sentence = t('meetingStage.next.approved');
      break;
    case 'cancelled':
      sentence = t('meetingStage.next.cancelled');
      break;
  }
  // A reader reads; so does everyone once approved. A reopened memo's earlier version stays
  // readable meanwhile.
  if (!negotiator || meeting.status === 'approved') after = readLink;

  return (
    <div className="next-step">
      <p className="next-step-sentence">
        <strong>{t('meetingStage.nextLabel')}</strong> {sentence}
      </p>
      {actions && (organiser || negotiator) && <div className="button-row">{actions}</div>}
      {after}
    </div>
  );
}

/** The chair's step once the meeting is over: approve if nothing is left to fix, else fix. */
function chairDrafting(
  check: Resource<ApprovalCheck | null>,
  t: TFunction,
  openMemo: (primary: boolean) => ReactNode,
): { sentence: ReactNode; actions: ReactNode } {
  const data = check.status === 'ready' ? check.data : null;
  const checkAndApprove = (
    <InPageLink targetId={APPROVAL_HEADING_ID} className="button-link button-primary">
      {t('meetingStage.checkAndApprove')}
    </InPageLink>
  );
  if (!data || approvalReadiness(data) === 'ready') {
    return {
      sentence: t(data ? 'meetingStage.next.readyToApprove' : 'meetingStage.next.checking'),
      actions: (
        <>
          {checkAndApprove}
          {openMemo(false)}
        </>
      ),
    };
  }
  const toFix = findingsToFix(data);
  const counts = new Map<DraftFinding['kind'], number>();
  for (const finding of toFix) counts.set(finding.kind, (counts.get(finding.kind) ?? 0) + 1);
  const summary = [...counts]
    .map(([kind, count]) => `${t(`approval.findings.${kind}`)} (${count})`)
    .join(', ');
  return {
    sentence: t('meetingStage.next.toFix', { summary }),
    actions: (
      <>
        {openMemo(true)}
        <InPageLink targetId={FINDINGS_ID} className="button-link button-secondary">
          {t('meetingStage.showFindings')}
        </InPageLink>
      </>
    ),
  };
}
