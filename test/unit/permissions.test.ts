import { describe, expect, it } from 'vitest';
import {
  ACTIONS,
  assignableRoles,
  can,
  partySpokenFor,
  type Action,
} from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';

// Actions a party takes through its own people: tested per party below, not per role alone.
const PARTY_ACTIONS = ['party.speakFor', 'stance.set', 'consent.answer'] as const;
type PartyAction = (typeof PARTY_ACTIONS)[number];
// Actions on another member: tested per target role below.
const MEMBER_ACTIONS = ['member.giveRole', 'member.changeRole', 'member.remove'] as const;
type MemberAction = (typeof MEMBER_ACTIONS)[number];

// The expected matrix, written out by hand: a change to the permission table must change this too.
const Y = true;
const N = false;
//                               chair vice  secr  rep   dep   reader admin
// prettier-ignore
const MATRIX: Record<Exclude<Action, PartyAction | MemberAction>, boolean[]> = {
  'group.view':                 [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'group.edit':                 [Y,    N,    N,    N,    N,    N,     Y],
  'group.negotiate':            [Y,    Y,    Y,    Y,    Y,    N,     N],
  'group.administer':           [N,    N,    N,    N,    N,    N,     Y],
  'party.manage':               [Y,    N,    N,    N,    N,    N,     Y],
  'member.view':                [Y,    Y,    Y,    Y,    Y,    N,     Y],
  'member.invite':              [Y,    N,    N,    N,    N,    N,     Y],
  'member.manage':              [Y,    N,    N,    N,    N,    N,     Y],
  'meeting.view':               [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'meeting.create':             [Y,    Y,    Y,    N,    N,    N,     N],
  'meeting.edit':               [Y,    Y,    Y,    N,    N,    N,     N],
  'meeting.changeStatus':       [Y,    Y,    Y,    N,    N,    N,     N],
  'meeting.recordAttendance':   [Y,    Y,    Y,    N,    N,    N,     N],
  'document.upload':            [Y,    Y,    Y,    Y,    Y,    N,     N],
  'document.delete':            [Y,    Y,    Y,    N,    N,    N,     N],
  'meeting.invite':             [Y,    Y,    Y,    N,    N,    N,     N],
  'memo.edit':                  [Y,    Y,    Y,    Y,    Y,    N,     N],
  // Without a delegation in force (subject.actingChair): see the acting chair's cases below.
  'memo.approve':               [Y,    N,    N,    N,    N,    N,     N],
  'approval.delegate':          [Y,    N,    N,    N,    N,    N,     Y],
  'approval.viewDelegations':   [Y,    Y,    Y,    Y,    Y,    N,     Y],
  'memo.recordReview':          [Y,    Y,    Y,    N,    N,    N,     N],
  // Without a known owner (free text in an older memo): every negotiator, as before issue 19.
  'followUp.setStatus':         [Y,    Y,    Y,    Y,    Y,    N,     N],
  'memo.readApproved':          [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'memo.receiveDelivery':       [N,    N,    N,    N,    N,    Y,     N],
  'receipts.view':              [Y,    N,    N,    N,    N,    N,     N],
  'content.readConfidential':   [Y,    Y,    Y,    Y,    Y,    N,     N],
  'consent.view':               [Y,    Y,    Y,    Y,    Y,    N,     N],
  'audit.view':                 [Y,    N,    N,    N,    N,    N,     Y],
  'group.export':               [Y,    N,    N,    N,    N,    N,     Y],
  'mail.manage':                [Y,    N,    N,    N,    N,    N,     Y],
  'statement.draft':            [Y,    Y,    Y,    Y,    Y,    N,     N],
  'statement.readReleased':     [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'declassification.propose':   [Y,    Y,    Y,    Y,    Y,    N,     N],
  'publication.propose':        [Y,    Y,    Y,    Y,    Y,    N,     N],
};

// Member management, by acting role (rows) and the target member's role (columns). Only the
// chair and administrators manage members (every other role: nothing); only an administrator
// touches the chair or another administrator, except that a chair "changing" the chair's role to
// chair changes nothing.
//                                       chair vice  secr  rep   dep   reader admin
// prettier-ignore
const REMOVE: Partial<Record<Role, boolean[]>> = {
  chair:                                [N,    Y,    Y,    Y,    Y,    Y,     N],
  admin:                                [Y,    Y,    Y,    Y,    Y,    Y,     Y],
};
// What may be given (by invitation or role change), by acting role (rows) and role given
// (columns); every other role gives nothing.
//                                       chair vice  secr  rep   dep   reader admin
// prettier-ignore
const GIVE: Partial<Record<Role, boolean[]>> = {
  chair:                                [Y,    Y,    Y,    Y,    Y,    Y,     N],
  admin:                                [Y,    Y,    Y,    Y,    Y,    Y,     Y],
};
const cell = (table: Partial<Record<Role, boolean[]>>, actor: Role, i: number) =>
  table[actor]?.[i] ?? false;

describe('permission table', () => {
  it('covers every action', () => {
    expect([...Object.keys(MATRIX), ...PARTY_ACTIONS, ...MEMBER_ACTIONS].sort()).toEqual(
      [...ACTIONS].sort(),
    );
  });

  const cases = Object.entries(MATRIX).flatMap(([action, row]) =>
    ROLES.map((role, i) => [role, action as Action, row[i]] as const),
  );
  it.each(cases)('%s → %s: %s', (role, action, allowed) => {
    expect(can({ role, partyId: 'p1' }, action)).toBe(allowed);
  });

  // A party's stance and its consent answers: only that party's representatives and deputies,
  // and (issue 19) an officer who belongs to it; never anyone else.
  const SPEAKS: readonly Role[] = ['representative', 'deputy', 'chair', 'vice_chair', 'secretary'];
  const partyCases = PARTY_ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) =>
      (['p1', 'p2'] as const).map(
        (target) => [action, role, target, SPEAKS.includes(role) && target === 'p1'] as const,
      ),
    ),
  );
  it.each(partyCases)('%s: %s of p1 for party %s → %s', (action, role, target, allowed) => {
    expect(can({ role, partyId: 'p1' }, action, { partyId: target })).toBe(allowed);
  });

  // Issue 19: a deputy the group's setting silences (not substituting) speaks for nobody; the
  // flag never gives anyone else a voice, and a representative ignores it.
  it.each(PARTY_ACTIONS)('%s: deputySpeaks decides for deputies only', (action) => {
    expect(
      can({ role: 'deputy', partyId: 'p1', deputySpeaks: false }, action, { partyId: 'p1' }),
    ).toBe(false);
    expect(
      can({ role: 'deputy', partyId: 'p1', deputySpeaks: true }, action, { partyId: 'p1' }),
    ).toBe(true);
    expect(
      can({ role: 'deputy', partyId: 'p1', deputySpeaks: true }, action, { partyId: 'p2' }),
    ).toBe(false);
    expect(
      can({ role: 'representative', partyId: 'p1', deputySpeaks: false }, action, {
        partyId: 'p1',
      }),
    ).toBe(true);
    // Officers in the party speak for it whatever the flag says; readers and administrators never.
    for (const role of ['chair', 'secretary'] as const)
      expect(can({ role, partyId: 'p1', deputySpeaks: false }, action, { partyId: 'p1' })).toBe(
        true,
      );
    for (const role of ['reader', 'admin'] as const)
      expect(can({ role, partyId: 'p1', deputySpeaks: true }, action, { partyId: 'p1' })).toBe(
        false,
      );
  });

  // A follow-up with an owner: the organisers, the owner member, and those who speak for the
  // owner party; nobody else, whatever their role.
  //                                       chair vice  secr  rep   dep   reader admin
  // prettier-ignore
  const OWNED: Record<string, { owner: { self: boolean; partyId: string | null }; row: boolean[] }> = {
    'owned by the actor':                 { owner: { self: true, partyId: null },   row: [Y, Y, Y, Y, Y, Y, Y] },
    "owned by the actor's party":         { owner: { self: false, partyId: 'p1' },  row: [Y, Y, Y, Y, Y, N, N] },
    'owned by another party':             { owner: { self: false, partyId: 'p2' },  row: [Y, Y, Y, N, N, N, N] },
    'owned by another member':            { owner: { self: false, partyId: null },  row: [Y, Y, Y, N, N, N, N] },
  };
  const ownedCases = Object.entries(OWNED).flatMap(([what, { owner, row }]) =>
    ROLES.map((role, i) => [what, role, row[i]!, owner] as const),
  );
  it.each(ownedCases)('followUp.setStatus %s, by a %s → %s', (_what, role, allowed, owner) => {
    expect(can({ role, partyId: 'p1' }, 'followUp.setStatus', { owner })).toBe(allowed);
  });

  it.each(PARTY_ACTIONS)('%s: a representative without a party speaks for no party', (action) => {
    expect(can({ role: 'representative', partyId: null }, action, { partyId: null })).toBe(false);
    expect(can({ role: 'representative' }, action, {})).toBe(false);
  });

  // Issue 19: officers without a party speak for none, whatever party is asked about.
  it.each(
    PARTY_ACTIONS.flatMap((action) => SPEAKS.slice(2).map((role) => [action, role] as const)),
  )('%s: a %s without a party speaks for no party', (action, role) => {
    for (const partyId of ['p1', null, undefined]) {
      expect(can({ role, partyId: null }, action, { partyId })).toBe(false);
      expect(can({ role }, action, { partyId })).toBe(false);
    }
  });

  it.each(ROLES.flatMap((role) => [[role, 'p1'] as const, [role, null] as const]))(
    'the party a %s of party %s speaks for',
    (role, partyId) => {
      const speaks = SPEAKS.includes(role) && partyId !== null;
      expect(partySpokenFor({ role, partyId })).toBe(speaks ? partyId : null);
    },
  );

  // The acting chair (issue 19): a delegation in force lets a vice-chair approve, nobody else;
  // the chair approves with or without one.
  it.each(ROLES)('memo.approve with a delegation in force: %s', (role) => {
    const allowed = role === 'chair' || role === 'vice_chair';
    expect(can({ role, partyId: null }, 'memo.approve', { actingChair: true })).toBe(allowed);
    expect(can({ role, partyId: null }, 'memo.approve', { actingChair: false })).toBe(
      role === 'chair',
    );
  });

  const removeCases = ROLES.flatMap((actor) =>
    ROLES.map((target, i) => [actor, target, cell(REMOVE, actor, i)] as const),
  );
  it.each(removeCases)('member.remove: %s removes a %s → %s', (actor, target, allowed) => {
    expect(can({ role: actor }, 'member.remove', { member: { role: target } })).toBe(allowed);
  });

  // Changing a member's role: as removing them, except that a chair may leave the chair's role
  // as it is (a party change, or nothing). Whether the new role may be given is member.giveRole.
  const changeCases = ROLES.flatMap((actor) =>
    ROLES.flatMap((target, i) =>
      ROLES.map(
        (to) =>
          [
            actor,
            target,
            to,
            cell(REMOVE, actor, i) || (actor === 'chair' && target === 'chair' && to === 'chair'),
          ] as const,
      ),
    ),
  );
  it.each(changeCases)('member.changeRole: %s makes a %s a %s → %s', (actor, target, to, ok) => {
    expect(can({ role: actor }, 'member.changeRole', { member: { role: target }, role: to })).toBe(
      ok,
    );
  });
  it('member.changeRole and member.remove need a member', () => {
    expect(can({ role: 'admin' }, 'member.changeRole', { role: 'reader' })).toBe(false);
    expect(can({ role: 'admin' }, 'member.remove')).toBe(false);
  });

  const giveCases = ROLES.flatMap((actor) =>
    ROLES.map((role, i) => [actor, role, cell(GIVE, actor, i)] as const),
  );
  it.each(giveCases)('member.giveRole: %s gives %s → %s', (actor, role, allowed) => {
    expect(can({ role: actor }, 'member.giveRole', { role })).toBe(allowed);
    expect(assignableRoles({ role: actor }).includes(role)).toBe(allowed);
  });
  it('member.giveRole needs a role', () => {
    expect(can({ role: 'admin' }, 'member.giveRole')).toBe(false);
  });

  it.each<[Role, Role[]]>([
    ['admin', [...ROLES]],
    ['chair', ROLES.filter((r) => r !== 'admin')],
    ['vice_chair', []],
    ['secretary', []],
    ['representative', []],
    ['reader', []],
  ])('%s may assign %j', (role, expected) => {
    expect([...assignableRoles({ role })].sort()).toEqual([...expected].sort());
  });
});
