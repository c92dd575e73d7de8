import { describe, expect, it } from 'vitest';
import type { DraftFinding } from '../../../shared/api/memoVersions';
import { approvalReadiness, findingsToFix } from '../../../shared/memo/approvalReadiness';

const where = { sectionId: 'sec_000001', sectionTitle: 'Talousarvio' };
const empty: DraftFinding = { kind: 'emptySection', ...where };
const noReason: DraftFinding = { kind: 'dissentWithoutReason', ...where, partyId: 'p-sdp' };
const noParty: DraftFinding = { kind: 'dissentWithoutParty', ...where };
const unstated: DraftFinding = {
  kind: 'stanceNotStated',
  ...where,
  agreedPointId: 'ap_000001',
  excerpt: 'Säästölista',
  partyIds: ['p-ps'],
};

describe('how ready a draft is for approval', () => {
  it('is ready with no findings, or with advisory warnings only', () => {
    expect(approvalReadiness({ blockers: [], warnings: [] })).toBe('ready');
    expect(approvalReadiness({ blockers: [], warnings: [unstated] })).toBe('ready');
    expect(findingsToFix({ blockers: [], warnings: [unstated] })).toEqual([]);
  });

  it('is unfinished while an item is empty or a dissent has no reasons', () => {
    for (const finding of [empty, noReason]) {
      const check = { blockers: [], warnings: [unstated, finding] };
      expect(approvalReadiness(check)).toBe('unfinished');
      expect(findingsToFix(check)).toEqual([finding]);
    }
  });

  it('is refused when the server would refuse, and lists the blockers first', () => {
    const check = { blockers: [noParty], warnings: [empty, unstated] };
    expect(approvalReadiness(check)).toBe('refused');
    expect(findingsToFix(check)).toEqual([noParty, empty]);
  });
});
