import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type {
  ApprovalCheck,
  MemoHistory,
  MemoVersionSummary,
} from '../../../shared/api/memoVersions';
import { isApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable, Loading } from '../../components/Loadable';
import { useFormat } from '../../i18n/format';
import { memoApi } from '../../memoApi';
import { useAction } from '../../useAction';
import type { LoadedResource } from '../../useResource';
import { approvalReadiness } from '../../../shared/memo/approvalReadiness';
import { versionRoute } from '../Version/paths';
import { DraftFindings } from './DraftFindings';
import { ReopenForm } from './ReopenForm';
import './approval.css';

interface Props {
  groupId: string;
  meetingId: string;
  history: MemoHistory;
  /** From `useApprovalCheck`, wanted while the memo is open. */
  check: LoadedResource<ApprovalCheck | null>;
  /** The approval state changed on the server; `history` when the answer carried it. */
  onChanged: (history?: MemoHistory) => void;
}

/**
 * The chair's approval: the check of the draft and the approval itself while the memo is open;
 * the approved version and the reopening once it is approved.
 */
export function ApprovalPanel({ groupId, meetingId, history, check, onChanged }: Props) {
  const { t } = useTranslation();
  const [approved, setApproved] = useState<MemoVersionSummary | null>(null);
  const [reopened, setReopened] = useState(false);
  // Right after approving, until the reloaded history has the new version.
  const waitingForHistory =
    approved !== null && !history.versions.some((v) => v.version === approved.version);
  const latest = history.versions.at(-1) ?? null;

  return (
    <section className="panel approval-panel" aria-labelledby="approval-heading">
      <h2 id="approval-heading" tabIndex={-1}>
        {t('approval.title')}
      </h2>
      {history.status === 'approved' || waitingForHistory ? (
        <>
          {approved ? (
            <JustApproved groupId={groupId} version={approved} />
          ) : (
            latest && <ApprovedNotice groupId={groupId} version={latest} />
          )}
          <ReopenForm
            meetingId={meetingId}
            onReopened={(next) => {
              setApproved(null);
              setReopened(true);
              onChanged(next);
            }}
          />
        </>
      ) : (
        <DraftCheck
          meetingId={meetingId}
          check={check}
          reopened={reopened}
          onApproved={(summary) => {
            setReopened(false);
            setApproved(summary);
            onChanged();
          }}
          onConflict={() => onChanged()}
        />
      )}
    </section>
  );
}

function JustApproved({ groupId, version }: { groupId: string; version: MemoVersionSummary }) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  // The approve button is gone: focus moves to what replaced it, which also announces it.
  useEffect(() => box.current?.focus(), []);
  return (
    <div ref={box} tabIndex={-1} role="status" className="alert alert-success approval-done">
      <p>{t('approval.approved', { version: version.version })}</p>
      <p>
        <Link to={versionRoute(groupId, version.meetingId, version.version)}>
          {t('approval.openVersion', { version: version.version })}
        </Link>
      </p>
    </div>
  );
}

function ApprovedNotice({ groupId, version }: { groupId: string; version: MemoVersionSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <div className="alert alert-info">
      <p>
        {t('approval.isApproved', {
          version: version.version,
          name: version.actingChair
            ? t('approval.actingChairName', { name: version.approvedBy.name })
            : version.approvedBy.name,
          time: format.dateTime(version.approvedAt),
        })}
      </p>
      <p>
        <Link to={versionRoute(groupId, version.meetingId, version.version)}>
          {t('approval.openVersion', { version: version.version })}
        </Link>
      </p>
    </div>
  );
}

function ReopenedNotice() {
  const { t } = useTranslation();
  const box = useRef<HTMLParagraphElement>(null);
  // The reopening form is gone: focus moves to the outcome, which also announces it.
  useEffect(() => box.current?.focus(), []);
  return (
    <p ref={box} tabIndex={-1} role="status" className="alert alert-success">
      {t('approval.reopened')}
    </p>
  );
}

interface CheckProps {
  meetingId: string;
  check: LoadedResource<ApprovalCheck | null>;
  reopened: boolean;
  onApproved: (version: MemoVersionSummary) => void;
  /** The server refused: the memo changed since the check, or the state is not what we saw. */
  onConflict: () => void;
}

function DraftCheck({ meetingId, check, reopened, onApproved, onConflict }: CheckProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [stale, setStale] = useState(false);

  // When the check was made, so that "check again" visibly does something.
  const [checked, setChecked] = useState<{ data: ApprovalCheck; at: string } | null>(null);
  const { result } = check;
  if (result.status === 'ready' && result.data && result.data !== checked?.data) {
    setChecked({ data: result.data, at: new Date().toISOString() });
  }

  const approve = useAction(async (draftHash: string) => {
    try {
      onApproved(await memoApi.approve(meetingId, { draftHash }));
    } catch (error) {
      if (!isApiError(error, 'conflict')) throw error;
      setStale(true);
      check.reload();
      onConflict();
    }
  });

  return (
    <>
      {reopened && <ReopenedNotice />}
      <p>{t('approval.intro')}</p>
      <Loadable resource={check}>
        {(data) =>
          !data ? (
            // Wanted again once the reopened meeting has reloaded.
            <Loading />
          ) : (
            <>
              {stale && (
                <div role="alert" className="alert alert-warning">
                  <p>{t('approval.changed')}</p>
                </div>
              )}
              <div className="approval-check-head">
                <p role="status">
                  {checked && t('approval.checkedAt', { time: format.dateTime(checked.at) })}
                </p>
                <button
                  type="button"
                  className="button-secondary"
                  onClick={() => {
                    setStale(false);
                    check.reload();
                  }}
                >
                  {t('approval.recheck')}
                </button>
              </div>
              {data.actingChair && (
                <p className="alert alert-info approval-acting">{t('approval.actingChair')}</p>
              )}
              <DraftFindings check={data} />
              <ErrorMessage error={approve.error} />
              <ApproveControl
                check={data}
                busy={approve.busy}
                onApprove={() => {
                  setStale(false);
                  approve.run(data.draftHash);
                }}
              />
            </>
          )
        }
      </Loadable>
    </>
  );
}

interface ApproveProps {
  check: ApprovalCheck;
  busy: boolean;
  onApprove: () => void;
}

/**
 * The approve button and its confirmation step, in place. The button is the primary action only
 * when nothing is left to fix; while something is, the findings above lead and approving anyway
 * stays a secondary action (the server allows it), behind the same confirmation.
 */
function ApproveControl({ check, busy, onApprove }: ApproveProps) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const readiness = approvalReadiness(check);
  const blocked = readiness === 'refused';

  useEffect(() => {
    if (!asking && returnFocus.current) {
      returnFocus.current = false;
      button.current?.focus();
    }
  }, [asking]);

  if (asking) {
    return (
      <div className="approval-confirm" role="group" aria-labelledby="approval-confirm-question">
        <p id="approval-confirm-question" className="approval-confirm-question">
          {t('approval.confirmQuestion', { version: check.nextVersion })}
          {readiness === 'unfinished' ? (
            <> {t('approval.confirmUnfinished')}</>
          ) : (
            check.warnings.length > 0 && (
              <> {t('approval.confirmWarnings', { count: check.warnings.length })}</>
            )
          )}
        </p>
        <div className="button-row">
          <button
            type="button"
            className="button-primary"
            autoFocus
            onClick={() => {
              returnFocus.current = true;
              setAsking(false);
              onApprove();
            }}
          >
            {t('approval.confirm')}
          </button>
          <button
            type="button"
            className="button-secondary"
            onClick={() => {
              returnFocus.current = true;
              setAsking(false);
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div className="approval-action">
      <p>{t('approval.nextVersion', { version: check.nextVersion })}</p>
      {readiness === 'unfinished' && <p id="approval-unfinished">{t('approval.unfinished')}</p>}
      <div className="button-row">
        <button
          ref={button}
          type="button"
          className={readiness === 'ready' ? 'button-primary' : 'button-secondary'}
          // Not disabled while busy: focus stays on it until the outcome takes over.
          disabled={blocked}
          aria-describedby={
            blocked
              ? 'approval-blocked'
              : readiness === 'unfinished'
                ? 'approval-unfinished'
                : undefined
          }
          onClick={() => {
            if (!busy) setAsking(true);
          }}
        >
          {busy ? t('approval.approving') : t('approval.approve')}
        </button>
        {blocked && (
          <p id="approval-blocked" className="approval-blocked">
            {t('approval.blocked')}
          </p>
        )}
      </div>
    </div>
  );
}
