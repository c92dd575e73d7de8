// Whether a party has history, so that removing it ends it rather than deleting it (issue 13):
// anything that names it would otherwise lose its name, and a consent round that counted it would
// count a party nobody can find. History is: a consent answer or round that counted it, an
// invitation that named it, a memo version that lists it, or an audit entry that mentions it (a
// member who joined, changed or left it, a stance it set, an answer, a refused attempt).
import type { AuditAction } from '../../../shared/audit';
import type { AppContext } from '../../context';
import { partiesOfRound } from '../../consent/gate';
import type { PartyDoc } from '../../db/schema';

/**
 * The audit entries that can name a party: its members joining, changing or leaving, its stances,
 * its answers and refused attempts, and consents it lost. Reading only these keeps the look-up one
 * query, whatever else (logins, exports) the log holds.
 */
const PARTY_ACTIONS: readonly AuditAction[] = [
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'member.roleChange',
  'member.remove',
  'stance.change',
  'consent.answer',
  'consent.refused',
  'consent.withdraw',
  'consent.restart',
];

export async function partyHasHistory(ctx: AppContext, party: PartyDoc): Promise<boolean> {
  const { repos } = ctx;
  const groupId = party.groupId;
  if (await repos.consent.partyAnswered(party._id)) return true;

  const [allParties, requests, invitations, versions] = await Promise.all([
    repos.groups.listAllParties(groupId),
    repos.consent.listAllRequests(groupId),
    repos.invitations.listByGroup(groupId),
    repos.memoVersions.listByGroup(groupId),
  ]);
  if (invitations.some((invitation) => invitation.partyId === party._id)) return true;
  if (versions.some((version) => version.yjs.parties.some((p) => p.partyId === party._id)))
    return true;
  for (const request of requests) {
    const rounds = await repos.consent.listRounds(request._id);
    if (rounds.some((round) => partiesOfRound(round, allParties).includes(party._id))) return true;
  }
  return auditMentions(ctx, groupId, party._id);
}

/** Whether an audit entry of the group names the party (as target, or in its details). */
async function auditMentions(ctx: AppContext, groupId: string, partyId: string): Promise<boolean> {
  const entries = await ctx.repos.auditLog.ofActions(groupId, PARTY_ACTIONS);
  return entries.some(
    (entry) =>
      entry.target.id === partyId ||
      Object.values(entry.details).some(
        (value) => typeof value === 'string' && value.split(',').includes(partyId),
      ),
  );
}
