// Whether a party has history, so that removing it ends it rather than deleting it (issue 13):
// anything that names it would otherwise lose its name, and a consent round that counted it would
// count a party nobody can find. History is: a consent answer or round that counted it, an
// invitation that named it, a memo version that lists it, or an audit entry that mentions it (a
// member who joined, changed or left it, a stance it set, an answer, a refused attempt).
import type { AppContext } from '../../context';
import { partiesOfRound } from '../../consent/gate';
import type { PartyDoc } from '../../db/schema';

/** Audit entries read per page while looking for the party. */
const AUDIT_PAGE = 500;

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

/** Whether any audit entry of the group names the party (as target, or in its details). */
async function auditMentions(ctx: AppContext, groupId: string, partyId: string): Promise<boolean> {
  let after = 0;
  for (;;) {
    const page = await ctx.repos.auditLog.after(groupId, after, AUDIT_PAGE);
    const mentions = page.some(
      (entry) =>
        entry.target.id === partyId ||
        Object.values(entry.details).some(
          (value) => typeof value === 'string' && value.split(',').includes(partyId),
        ),
    );
    if (mentions) return true;
    if (page.length < AUDIT_PAGE) return false;
    after = page.at(-1)!.seq;
  }
}
