import { describe, expect, it } from 'vitest';
import { ACTIONS, assignableRoles, can, type Action } from '../../shared/permissions';
import { ROLES, type Role } from '../../shared/roles';

// The expected matrix, written out by hand: a change to the permission table must change this too.
const Y = true;
const N = false;
//                               chair vice  secr  rep   dep   reader admin
// prettier-ignore
const MATRIX: Record<Exclude<Action, 'stance.set'>, boolean[]> = {
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
};

describe('permission table', () => {
  it('covers every action', () => {
    expect([...Object.keys(MATRIX), 'stance.set'].sort()).toEqual([...ACTIONS].sort());
  });

  const cases = Object.entries(MATRIX).flatMap(([action, row]) =>
    ROLES.map((role, i) => [role, action as Action, row[i]] as const),
  );
  it.each(cases)('%s → %s: %s', (role, action, allowed) => {
    expect(can({ role, partyId: 'p1' }, action)).toBe(allowed);
  });

  // A party's stance: only that party's representatives and deputies, never anyone else.
  const stanceCases = ROLES.flatMap((role) =>
    (['p1', 'p2'] as const).map(
      (target) =>
        [
          role,
          target,
          (role === 'representative' || role === 'deputy') && target === 'p1',
        ] as const,
    ),
  );
  it.each(stanceCases)('stance.set: %s of p1 for party %s → %s', (role, target, allowed) => {
    expect(can({ role, partyId: 'p1' }, 'stance.set', { partyId: target })).toBe(allowed);
  });

  it('a representative without a party speaks for no party', () => {
    expect(can({ role: 'representative', partyId: null }, 'stance.set', { partyId: null })).toBe(
      false,
    );
    expect(can({ role: 'representative' }, 'stance.set', {})).toBe(false);
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
