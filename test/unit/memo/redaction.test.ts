import { describe, expect, it } from 'vitest';
import type { Audience, Confidentiality } from '../../../shared/confidentiality';
import type { AgendaItem } from '../../../shared/meetings';
import type { ContentSection, MemoContent } from '../../../shared/memo/content';
import { redactMemoContent } from '../../../shared/memo/redaction';
import { fixtureContent, GROUPS_ONLY, SECRET } from './contentFixture';

const WITHHELD = { kind: 'withheld' };
/** The confidential second section, as a reader receives it without its agenda item's title. */
const WITHHELD_SECOND = { kind: 'withheld', number: 2, title: null };
const AGENDA_TITLE = 'Henkilöstöasia';

/** The fixture with its confidential second section made from an agenda item at `level`. */
function withAgendaItem(level: Confidentiality): { content: MemoContent; agenda: AgendaItem[] } {
  const content = fixtureContent();
  (content.sections[1] as ContentSection).agendaItemId = 'item-2';
  const agenda: AgendaItem[] = [
    { id: 'item-1', title: 'Talousarvio', description: '', confidentiality: 'public' },
    { id: 'item-2', title: AGENDA_TITLE, description: SECRET.block, confidentiality: level },
    { id: 'item-3', title: 'Kouluverkko', description: '', confidentiality: 'groups' },
  ];
  return { content, agenda };
}

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
    // The confidential section keeps its number and nothing else, not even its title.
    expect(redacted.sections[1]).toEqual(WITHHELD_SECOND);
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

  it('numbers withheld items by their place, counting every section', () => {
    const redacted = redactMemoContent(fixtureContent(), 'public');
    expect(redacted.sections.slice(1)).toEqual([
      WITHHELD_SECOND,
      { kind: 'withheld', number: 3, title: null },
    ]);
  });

  it("keeps a withheld item's agenda title only where the audience may see the agenda item", () => {
    const groupsItem = withAgendaItem('groups');
    const forGroups = redactMemoContent(groupsItem.content, 'groups', groupsItem.agenda);
    expect(forGroups.sections[1]).toEqual({ kind: 'withheld', number: 2, title: AGENDA_TITLE });
    // The public may not see a groups-level agenda item: number only.
    const forPublic = redactMemoContent(groupsItem.content, 'public', groupsItem.agenda);
    expect(forPublic.sections[1]).toEqual(WITHHELD_SECOND);
    // An agenda item whose title is itself confidential lends no title to anyone but negotiators.
    const secretItem = withAgendaItem('confidential');
    for (const audience of ['groups', 'public'] as const) {
      expect(
        redactMemoContent(secretItem.content, audience, secretItem.agenda).sections[1],
      ).toEqual(WITHHELD_SECOND);
    }
  });

  it("drops a withheld item's title when redacted again for a narrower audience", () => {
    const { content, agenda } = withAgendaItem('groups');
    const forGroups = redactMemoContent(content, 'groups', agenda);
    expect(redactMemoContent(forGroups, 'groups').sections[1]).toEqual(forGroups.sections[1]);
    expect(redactMemoContent(forGroups, 'public').sections[1]).toEqual(WITHHELD_SECOND);
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

  it('canary: a withheld item shows its number and agenda title, never its own title or text', () => {
    for (const level of ['groups', 'confidential'] as const) {
      const { content, agenda } = withAgendaItem(level);
      const shown = JSON.stringify(redactMemoContent(content, 'groups', agenda));
      for (const secret of Object.values(SECRET)) expect(shown).not.toContain(secret);
      for (const id of ['sec_000002', 'item-2', 'ap_000003']) expect(shown).not.toContain(id);
      expect(shown.includes(AGENDA_TITLE)).toBe(level === 'groups');
    }
  });
});
