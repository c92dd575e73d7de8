// A party's deputy order (issue 19): set by whoever manages the parties, naming only that
// party's own deputies, each once. Deputies not named (joined since) come after, by name.
import { isDeputy } from '../../shared/roles';
import type { MembershipDoc } from '../db/schema';
import { AppError } from '../errors';

/** Refuse an order that names anyone but this party's deputies, or anyone twice. */
export function checkDeputyOrder(
  order: readonly string[],
  partyId: string,
  members: readonly MembershipDoc[],
): void {
  const deputies = new Set(
    members
      .filter((member) => member.partyId === partyId && isDeputy(member.role))
      .map((member) => member.userId),
  );
  const seen = new Set<string>();
  order.forEach((userId, index) => {
    const problem = !deputies.has(userId)
      ? 'not a deputy of this party'
      : seen.has(userId)
        ? 'listed twice'
        : null;
    if (problem)
      throw new AppError('validation_failed', 'The deputy order is not valid.', [
        { path: `deputyOrder.${index}`, message: problem },
      ]);
    seen.add(userId);
  });
}
