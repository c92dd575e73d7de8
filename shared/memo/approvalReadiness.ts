// How ready a draft is for the chair's approval, as the meeting page and the meeting room offer
// it. The server refuses only its `blockers`; of the warnings, some leave the memo unfinished (an
// item with nothing written, a dissent with no reasons) and some are for the chair to weigh (a
// stance not stated, a lowered level). Approval is the obvious next step only when nothing is
// unfinished; otherwise what to fix leads and approving stays possible, on purpose, as the server
// allows it.
import type { DraftFinding } from '../api/memoVersions';

/** Warnings that leave the memo unfinished: each one is something to write before approving. */
const UNFINISHED: ReadonlySet<DraftFinding['kind']> = new Set([
  'emptySection',
  'dissentWithoutReason',
]);

export type ApprovalReadiness =
  /** The server would refuse the approval. */
  | 'refused'
  /** Approving is allowed but the memo is not finished: fixing it comes first. */
  | 'unfinished'
  /** Nothing to fix; any warnings are advisory. */
  | 'ready';

interface Findings {
  blockers: readonly DraftFinding[];
  warnings: readonly DraftFinding[];
}

/** What should be fixed before approving: the blockers, then the unfinished warnings. */
export function findingsToFix(check: Findings): DraftFinding[] {
  return [...check.blockers, ...check.warnings.filter((finding) => UNFINISHED.has(finding.kind))];
}

export function approvalReadiness(check: Findings): ApprovalReadiness {
  if (check.blockers.length > 0) return 'refused';
  return findingsToFix(check).length > 0 ? 'unfinished' : 'ready';
}
