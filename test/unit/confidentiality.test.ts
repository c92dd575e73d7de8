import { describe, expect, it } from 'vitest';
import { audienceForRole, isLowering, isVisibleTo } from '../../shared/confidentiality';
import { canTransition, redactAgenda } from '../../shared/meetings';

describe('confidentiality', () => {
  it.each([
    ['public', 'public', true],
    ['groups', 'public', false],
    ['confidential', 'public', false],
    ['public', 'groups', true],
    ['groups', 'groups', true],
    ['confidential', 'groups', false],
    ['public', 'negotiators', true],
    ['groups', 'negotiators', true],
    ['confidential', 'negotiators', true],
  ] as const)('%s content reaches %s: %s', (level, audience, visible) => {
    expect(isVisibleTo(level, audience)).toBe(visible);
  });

  it('maps roles to audiences', () => {
    expect(audienceForRole('deputy')).toBe('negotiators');
    expect(audienceForRole('reader')).toBe('groups');
    expect(audienceForRole('admin')).toBe('groups');
  });

  it('knows a lowering from a raising', () => {
    expect(isLowering('confidential', 'groups')).toBe(true);
    expect(isLowering('public', 'confidential')).toBe(false);
  });

  it('redacts an agenda item to its id only, whatever its size', () => {
    const agenda = [
      { id: 'a', title: 'Open', description: '', confidentiality: 'public' as const },
      {
        id: 'b',
        title: 'Secret '.repeat(50),
        description: 'x'.repeat(900),
        confidentiality: 'confidential' as const,
      },
    ];
    expect(redactAgenda(agenda, 'groups')).toEqual([agenda[0], { id: 'b', redacted: true }]);
    expect(redactAgenda(agenda, 'negotiators')).toEqual(agenda);
  });

  it('allows only the manual status transitions', () => {
    expect(canTransition('planned', 'in_progress')).toBe(true);
    expect(canTransition('planned', 'drafting')).toBe(false);
    expect(canTransition('drafting', 'approved')).toBe(false);
    expect(canTransition('approved', 'drafting')).toBe(false);
    // Cancelling (issue 19): before the meeting is over, and nothing after it.
    expect(canTransition('planned', 'cancelled')).toBe(true);
    expect(canTransition('in_progress', 'cancelled')).toBe(true);
    expect(canTransition('drafting', 'cancelled')).toBe(false);
    expect(canTransition('approved', 'cancelled')).toBe(false);
    for (const to of ['planned', 'in_progress', 'drafting', 'approved'] as const)
      expect(canTransition('cancelled', to)).toBe(false);
  });
});
