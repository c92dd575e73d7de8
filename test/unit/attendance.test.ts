import { describe, expect, it } from 'vitest';
import type { MemoParticipant } from '../../shared/api/memoVersions';
import {
  attendanceProblems,
  deputySpeaks,
  orderDeputies,
  partyStatusFromPeople,
  suggestSubstitute,
  type AttendeeMember,
  type PersonAttendance,
} from '../../shared/attendance';
import { MEMO_LABELS } from '../../shared/memo/labels';
import { personLine } from '../../shared/memo/participants';

// Person-level attendance and who speaks (issue 19): the pure rules both sides use.

const members: AttendeeMember[] = [
  { userId: 'rep-a', role: 'representative', partyId: 'A' },
  { userId: 'rep-a2', role: 'representative', partyId: 'A' },
  { userId: 'dep-a1', role: 'deputy', partyId: 'A' },
  { userId: 'dep-a2', role: 'deputy', partyId: 'A' },
  { userId: 'rep-b', role: 'representative', partyId: 'B' },
  { userId: 'dep-b', role: 'deputy', partyId: 'B' },
  { userId: 'chair', role: 'chair', partyId: null },
];
const present = (userId: string): PersonAttendance => ({
  userId,
  status: 'present',
  substituteUserId: null,
});
const absent = (userId: string): PersonAttendance => ({
  userId,
  status: 'absent',
  substituteUserId: null,
});
const substituted = (userId: string, by: string): PersonAttendance => ({
  userId,
  status: 'substituted',
  substituteUserId: by,
});

describe('attendance rules', () => {
  it('accepts a deputy of the same party standing in for an absent representative', () => {
    expect(
      attendanceProblems([substituted('rep-a', 'dep-a1'), present('dep-a1')], members),
    ).toEqual([]);
  });

  it.each([
    ['a deputy of another party', [substituted('rep-a', 'dep-b')], 'substituteUserId'],
    ['a representative as substitute', [substituted('rep-a', 'rep-a2')], 'substituteUserId'],
    ['a deputy substituted', [substituted('dep-a1', 'dep-a2')], 'status'],
    ['an officer substituted', [substituted('chair', 'dep-a1')], 'status'],
    [
      'one deputy for two',
      [substituted('rep-a', 'dep-a1'), substituted('rep-a2', 'dep-a1')],
      'substituteUserId',
    ],
    ['a substitute recorded away', [substituted('rep-a', 'dep-a1'), absent('dep-a1')], 'status'],
    ['someone not in the group', [present('stranger')], 'userId'],
    ['a person twice', [present('rep-a'), absent('rep-a')], 'userId'],
    [
      'a substitute without "substituted"',
      [{ userId: 'rep-a', status: 'absent', substituteUserId: 'dep-a1' }],
      'substituteUserId',
    ],
  ] as const)('refuses %s', (_what, people, field) => {
    const problems = attendanceProblems(people, members);
    expect(problems.map((p) => p.field)).toContain(field);
  });

  it('orders deputies by the party’s order, the unnamed after by name', () => {
    const deputies = [
      { userId: 'x', name: 'Öhman' },
      { userId: 'y', name: 'Aalto' },
      { userId: 'z', name: 'Berg' },
    ];
    expect(orderDeputies(deputies, ['z']).map((d) => d.userId)).toEqual(['z', 'y', 'x']);
  });

  it('suggests the first free deputy in order', () => {
    const ordered = [{ userId: 'dep-a2' }, { userId: 'dep-a1' }];
    expect(suggestSubstitute(ordered, [])?.userId).toBe('dep-a2');
    expect(suggestSubstitute(ordered, [substituted('rep-a2', 'dep-a2')])?.userId).toBe('dep-a1');
    expect(suggestSubstitute(ordered, [absent('dep-a2')])?.userId).toBe('dep-a1');
    // The person's own substitute stays a valid suggestion for them.
    expect(suggestSubstitute(ordered, [substituted('rep-a', 'dep-a2')], 'rep-a')?.userId).toBe(
      'dep-a2',
    );
    expect(
      suggestSubstitute(ordered, [substituted('rep-a', 'dep-a2'), substituted('rep-a2', 'dep-a1')]),
    ).toBeNull();
  });

  it('derives a party’s status from its people', () => {
    expect(partyStatusFromPeople('A', [], members)).toBeNull();
    expect(partyStatusFromPeople('A', [substituted('rep-a', 'dep-a1')], members)).toBe('present');
    expect(partyStatusFromPeople('A', [absent('rep-a')], members)).toBe('unknown');
    const allAway = ['rep-a', 'rep-a2', 'dep-a1', 'dep-a2'].map(absent);
    expect(partyStatusFromPeople('A', allAway, members)).toBe('absent');
    expect(partyStatusFromPeople('B', allAway, members)).toBeNull();
  });

  it('lets a deputy speak always, or only while substituting in the meeting at hand', () => {
    expect(deputySpeaks('always', 'dep-a1', null)).toBe(true);
    expect(deputySpeaks('whenSubstituting', 'dep-a1', null)).toBe(false);
    expect(deputySpeaks('whenSubstituting', 'dep-a1', [present('dep-a1')])).toBe(false);
    expect(deputySpeaks('whenSubstituting', 'dep-a1', [substituted('rep-a', 'dep-a1')])).toBe(true);
    expect(deputySpeaks('whenSubstituting', 'dep-a2', [substituted('rep-a', 'dep-a1')])).toBe(
      false,
    );
  });
});

describe('participant lines (issue 19)', () => {
  const person = (attended?: MemoParticipant['attended']): MemoParticipant => ({
    name: 'Åsa Demari',
    role: 'deputy',
    partyId: 'A',
    ...(attended ? { attended } : {}),
  });

  it('names the substitution without inflecting the name, in each language', () => {
    const deputy = person({ status: 'substituting', for: 'Pekka Virtanen' });
    expect(personLine(deputy, MEMO_LABELS.fi)).toBe(
      'Åsa Demari (varajäsen, jäsenen Pekka Virtanen sijaisena)',
    );
    expect(personLine(deputy, MEMO_LABELS.sv)).toBe(
      'Åsa Demari (ersättare, i stället för Pekka Virtanen)',
    );
    expect(personLine(deputy, MEMO_LABELS.en)).toBe(
      'Åsa Demari (deputy, substituting for Pekka Virtanen)',
    );
  });

  it('says who was away, and by whom they were substituted', () => {
    const rep = { ...person({ status: 'substituted', by: 'Åsa Demari' }), name: 'Pekka Virtanen' };
    expect(personLine({ ...rep, role: 'representative' }, MEMO_LABELS.fi)).toBe(
      'Pekka Virtanen (jäsen, poissa, sijaisena Åsa Demari)',
    );
    expect(personLine(person({ status: 'absent' }), MEMO_LABELS.fi)).toBe(
      'Åsa Demari (varajäsen, poissa)',
    );
    // Present, or not recorded (versions approved before issue 19): the role alone.
    expect(personLine(person({ status: 'present' }), MEMO_LABELS.fi)).toBe(
      'Åsa Demari (varajäsen)',
    );
    expect(personLine(person(), MEMO_LABELS.fi)).toBe('Åsa Demari (varajäsen)');
  });
});
