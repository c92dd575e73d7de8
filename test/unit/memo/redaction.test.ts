import { describe, expect, it } from 'vitest';
import type { Audience } from '../../../shared/confidentiality';
import type { ContentSection, MemoContent } from '../../../shared/memo/content';
import { redactMemoContent } from '../../../shared/memo/redaction';
import { fixtureContent, GROUPS_ONLY, SECRET } from './contentFixture';

const WITHHELD = { kind: 'withheld' };

function sections(content: MemoContent): ContentSection[] {
  return content.sections.filter((s): s is ContentSection => s.kind === 'section');
}

describe('redactMemoContent', () => {
  it('gives negotiators everything, as a copy', () => {
    const content = fixtureContent();
    const redacted = redactMemoContent(content, 'negotiators');
    expect(redacted).toEqual(content);
    expect(redacted.sections[0]).not.toBe(content.sections[0]);
  });

  it('withholds confidential sections, blocks and dissents from the groups in place', () => {
    const content = fixtureContent();
    const redacted = redactMemoContent(content, 'groups');
    expect(redacted.audience).toBe('groups');
    expect(redacted.parties).toEqual(content.parties);
    // The confidential section keeps its position and nothing else, not even its title.
    expect(redacted.sections[1]).toEqual(WITHHELD);
    const [first, third] = sections(redacted);
    expect(first!.blocks.map((b) => b.kind)).toEqual([
      'notes',
      'agreedPoint',
      'withheld',
      'notes',
      'followUp',
    ]);
    expect(first!.blocks[2]).toEqual(WITHHELD);
    expect(first!.dissents).toEqual([expect.objectContaining({ id: 'ds_000001' }), WITHHELD]);
    expect(third!.dissents).toEqual([expect.objectContaining({ reason: GROUPS_ONLY })]);
    // The input is untouched.
    expect(content).toEqual(fixtureContent());
  });

  it('gives the public only public content, groups-level content withheld too', () => {
    const redacted = redactMemoContent(fixtureContent(), 'public');
    expect(redacted.sections.map((s) => s.kind)).toEqual(['section', 'withheld', 'withheld']);
    const [first] = sections(redacted);
    expect(first!.blocks.map((b) => b.kind)).toEqual([
      'notes',
      'agreedPoint',
      'withheld',
      'withheld',
      'followUp',
    ]);
  });

  it('never widens content that was already redacted', () => {
    const forPublic = redactMemoContent(fixtureContent(), 'public');
    expect(redactMemoContent(forPublic, 'negotiators')).toEqual(forPublic);
    expect(redactMemoContent(forPublic, 'groups')).toEqual(forPublic);
  });

  it('canary: confidential strings never reach groups or public, groups strings never public', () => {
    const content = fixtureContent();
    const everything = JSON.stringify(content);
    for (const secret of [...Object.values(SECRET), GROUPS_ONLY]) {
      expect(everything).toContain(secret);
    }
    const shown = (audience: Audience) => JSON.stringify(redactMemoContent(content, audience));
    for (const audience of ['groups', 'public'] as const) {
      for (const secret of Object.values(SECRET)) expect(shown(audience)).not.toContain(secret);
      // No trace of the withheld items' ids or of stances on the withheld agreed point.
      for (const id of ['ap_000002', 'ds_000002', 'sec_000002', 'ap_000003']) {
        expect(shown(audience)).not.toContain(id);
      }
    }
    expect(shown('groups')).toContain(GROUPS_ONLY);
    expect(shown('public')).not.toContain(GROUPS_ONLY);
    expect(shown('public')).not.toContain('sec_000003');
  });
});
