import { describe, expect, it } from 'vitest';
import { ACTIONS, assignableRoles, can, type Action } from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';

// Actions a party takes through its own people: tested per party below, not per role alone.
const PARTY_ACTIONS = ['stance.set', 'consent.answer'] as const;
type PartyAction = (typeof PARTY_ACTIONS)[number];

// The expected matrix, written out by hand: a change to the permission table must change this too.
const Y = true;
const N = false;
//                               chair vice  secr  rep   dep   reader admin
// prettier-ignore
const MATRIX: Record<Exclude<Action, PartyAction>, boolean[]> = {
  'group.view':                 [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'group.edit':                 [Y,    N,    N,    N,    N,    N,     Y],
  'party.manage':               [Y,    N,    N,    N,    N,    N,     Y],
  'member.view':                [Y,    Y,    Y,    Y,    Y,    N,     Y],
  'member.invite':              [Y,    N,    N,    N,    N,    N,     Y],
  'member.manage':              [Y,    N,    N,    N,    N,    N,     Y],
  'meeting.view':               [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'meeting.create':             [Y,    Y,    Y,    N,    N,    N,     N],
  'meeting.edit':               [Y,    Y,    Y,    N,    N,    N,     N],
  'meeting.changeStatus':       [Y,    Y,    Y,    N,    N,    N,     N],
  'memo.edit':                  [Y,    Y,    Y,    Y,    Y,    N,     N],
  'memo.approve':               [Y,    N,    N,    N,    N,    N,     N],
  'memo.readApproved':          [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'receipts.view':              [Y,    N,    N,    N,    N,    N,     N],
  'content.readConfidential':   [Y,    Y,    Y,    Y,    Y,    N,     N],
  'audit.view':                 [Y,    N,    N,    N,    N,    N,     Y],
  'mail.manage':                [Y,    N,    N,    N,    N,    N,     Y],
  'statement.draft':            [Y,    Y,    Y,    Y,    Y,    N,     N],
  'statement.readReleased':     [Y,    Y,    Y,    Y,    Y,    Y,     Y],
  'declassification.propose':   [Y,    Y,    Y,    Y,    Y,    N,     N],
  'publication.propose':        [Y,    Y,    Y,    Y,    Y,    N,     N],
};

describe('permission table', () => {
  it('covers every action', () => {
    expect([...Object.keys(MATRIX), ...PARTY_ACTIONS].sort()).toEqual([...ACTIONS].sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([action, row]) =>
    ROLES.map((role, i) => [role, action as Action, row[i]] as const),
  );
  it.each(cases)('%s → %s: %s', (role, action, allowed) => {
    expect(can({ role, partyId: 'p1' }, action)).toBe(allowed);
  });

  // A party's stance and its consent answers: only that party's representatives and deputies,
  // never anyone else.
  const partyCases = PARTY_ACTIONS.flatMap((action) =>
    ROLES.flatMap((role) =>
      (['p1', 'p2'] as const).map(
        (target) =>
          [
            action,
            role,
            target,
            (role === 'representative' || role === 'deputy') && target === 'p1',
          ] as const,
      ),
    ),
  );
  it.each(partyCases)('%s: %s of p1 for party %s → %s', (action, role, target, allowed) => {
    expect(can({ role, partyId: 'p1' }, action, { partyId: target })).toBe(allowed);
  });

  it.each(PARTY_ACTIONS)('%s: a representative without a party speaks for no party', (action) => {
    expect(can({ role: 'representative', partyId: null }, action, { partyId: null })).toBe(false);
    expect(can({ role: 'representative' }, action, {})).toBe(false);
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
