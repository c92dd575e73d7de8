// Why a declassification proposal (or its release) is refused, as one error the client can read:
// 409 with the problem's kind in `details`, and a message that names the problem.
import type { DeclassificationProblem } from '../../shared/memo/declassification';
import { AppError } from '../errors';

function message(problem: DeclassificationProblem): string {
  switch (problem.kind) {
    case 'redactedContent':
      return 'The version’s full content is not available.';
    case 'unknownTarget':
      return 'The version has no such item.';
    case 'ambiguousTarget':
      return 'More than one item of the version matches; it cannot be declassified.';
    case 'pending':
      return 'A declassification of this item already awaits the parties’ consent.';
    case 'alreadyDeclassified':
      return `This item was already declassified to ${problem.current}.`;
    case 'notLowering':
      return `The item is already ${problem.current}; a declassification must lower its level.`;
    case 'notOneStep':
      return `One step at a time: from ${problem.current} the item can only go to ${problem.next}.`;
    case 'blockedBySection':
      return `Its section is ${problem.sectionLevel}: declassify the section first.`;
  }
}

/** 409 naming the problem; `details[0].message` is the problem's kind (and request, if any). */
export function proposalRefused(problem: DeclassificationProblem): AppError {
  const detail = problem.kind === 'pending' ? `pending:${problem.requestId}` : problem.kind;
  return new AppError('conflict', message(problem), [{ path: 'target', message: detail }]);
}
