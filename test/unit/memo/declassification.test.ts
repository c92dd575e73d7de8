import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Audience, Confidentiality } from '../../../shared/confidentiality';
import { canonicalMemoJson, type MemoContent } from '../../../shared/memo/content';
import {
  applyDeclassifications,
  declassifiableTargets,
  declassificationsFor,
  nextLevelDown,
  targetKey,
  validateProposal,
  type Declassification,
  type DeclassificationTarget,
} from '../../../shared/memo/declassification';
import { redactMemoContent } from '../../../shared/memo/redaction';
import { fixtureContent, GROUPS_ONLY, SECRET } from './contentFixture';

const SECRET_POINT: DeclassificationTarget = {
  kind: 'block',
  sectionId: 'sec_000001',
  blockId: 'ap_000002',
};
const SECRET_SECTION: DeclassificationTarget = { kind: 'section', sectionId: 'sec_000002' };
const SECRET_SECTION_NOTES: DeclassificationTarget = {
  kind: 'notes',
  sectionId: 'sec_000002',
  index: 0,
};

let requests = 0;
function overlay(
  target: DeclassificationTarget,
  from: Confidentiality,
  to: Confidentiality,
): Declassification {
  requests += 1;
  return {
    requestId: `req_${requests}`,
    target,
    from,
    to,
    releasedAt: new Date(Date.UTC(2027, 0, 4, 10, requests)).toISOString(),
  };
}

function sha256(content: MemoContent): string {
  return createHash('sha256').update(canonicalMemoJson(content), 'utf8').digest('hex');
}

function shown(content: MemoContent, audience: Audience): string {
  return JSON.stringify(redactMemoContent(content, audience));
}

describe('applyDeclassifications', () => {
  it('shows a confidential block to readers only after its overlay, to the public only after a second', () => {
    const content = fixtureContent();
    expect(shown(content, 'negotiators')).toContain(SECRET.block);
    expect(shown(content, 'groups')).not.toContain(SECRET.block);

    const toGroups = overlay(SECRET_POINT, 'confidential', 'groups');
    const once = applyDeclassifications(content, [toGroups]);
    expect(shown(once, 'groups')).toContain(SECRET.block);
    // The parties' stances travel inside the agreed point, so they are declassified with it.
    expect(shown(once, 'groups')).toContain(SECRET.stance);
    expect(shown(once, 'public')).not.toContain(SECRET.block);

    const toPublic = overlay(SECRET_POINT, 'groups', 'public');
    const twice = applyDeclassifications(content, [toGroups, toPublic]);
    expect(shown(twice, 'public')).toContain(SECRET.block);

    // Nothing else was opened.
    for (const audience of ['groups', 'public'] as const) {
      for (const secret of [SECRET.dissent, SECRET.sectionTitle, SECRET.sectionBody]) {
        expect(shown(twice, audience)).not.toContain(secret);
      }
    }
    expect(shown(twice, 'public')).not.toContain(GROUPS_ONLY);
  });

  it('never changes the version: same canonical JSON and hash, no shared objects', () => {
    const content = fixtureContent();
    const json = canonicalMemoJson(content);
    const hash = sha256(content);
    const overlays = [
      overlay(SECRET_POINT, 'confidential', 'groups'),
      overlay(SECRET_SECTION, 'confidential', 'groups'),
    ];
    const result = applyDeclassifications(content, overlays);
    expect(canonicalMemoJson(content)).toBe(json);
    expect(sha256(content)).toBe(hash);
    expect(content).toEqual(fixtureContent());
    // The overlaid copy is another content: never hash it for the stamp.
    expect(sha256(result)).not.toBe(hash);
    expect(result.audience).toBe('negotiators');
    const section = result.sections[0]!;
    if (section.kind !== 'section') throw new Error('fixture');
    section.title = 'muutettu';
    section.blocks.length = 0;
    expect(sha256(content)).toBe(hash);
  });

  it('lowers a section head only: its title appears, its blocks stay withheld until lowered', () => {
    const content = fixtureContent();
    const head = overlay(SECRET_SECTION, 'confidential', 'groups');
    const withHead = applyDeclassifications(content, [head]);
    const groups = redactMemoContent(withHead, 'groups');
    expect(groups.sections[1]).toMatchObject({
      kind: 'section',
      id: 'sec_000002',
      title: SECRET.sectionTitle,
      blocks: [{ kind: 'withheld' }, { kind: 'withheld' }],
    });
    // The paragraph was public on its own, but MemoContent only keeps its effective level.
    expect(JSON.stringify(groups)).not.toContain(SECRET.sectionBody);
    expect(JSON.stringify(groups)).not.toContain('ap_000003');
    expect(shown(withHead, 'public')).not.toContain(SECRET.sectionTitle);

    const body = overlay(SECRET_SECTION_NOTES, 'confidential', 'groups');
    const withBody = applyDeclassifications(content, [head, body]);
    expect(shown(withBody, 'groups')).toContain(SECRET.sectionBody);
    expect(shown(withBody, 'groups')).not.toContain('ap_000003');
  });

  it('is idempotent', () => {
    const content = fixtureContent();
    const overlays = [
      overlay(SECRET_POINT, 'confidential', 'groups'),
      overlay(SECRET_POINT, 'groups', 'public'),
      overlay(SECRET_SECTION, 'confidential', 'groups'),
      overlay(SECRET_SECTION_NOTES, 'confidential', 'groups'),
    ];
    const once = applyDeclassifications(content, overlays);
    expect(applyDeclassifications(once, overlays)).toEqual(once);
    expect(applyDeclassifications(content, [...overlays, ...overlays])).toEqual(once);
  });

  it('skips unknown, malformed, stale, out-of-order and section-blocked overlays without throwing', () => {
    const content = fixtureContent();
    const skipped = [
      overlay(
        { kind: 'block', sectionId: 'sec_000001', blockId: 'ap_missing' },
        'confidential',
        'groups',
      ),
      overlay({ kind: 'section', sectionId: 'sec_missing' }, 'confidential', 'groups'),
      // The dissent exists, but in another section.
      overlay(
        { kind: 'dissent', sectionId: 'sec_000003', dissentId: 'ds_000002' },
        'confidential',
        'groups',
      ),
      overlay({ kind: 'notes', sectionId: 'sec_000002', index: 1 }, 'confidential', 'groups'),
      overlay({ kind: 'notes', sectionId: 'sec_000002', index: -1 }, 'confidential', 'groups'),
      overlay({ kind: 'notes', sectionId: 'sec_000002', index: 0.5 }, 'confidential', 'groups'),
      // Two steps at once.
      overlay(SECRET_POINT, 'confidential', 'public'),
      // Recorded from a level the target is not at (e.g. the next step before the first).
      overlay(SECRET_POINT, 'groups', 'public'),
      // Below its still-confidential section.
      overlay(
        { kind: 'block', sectionId: 'sec_000002', blockId: 'ap_000003' },
        'confidential',
        'groups',
      ),
      overlay(
        { kind: 'dissent', sectionId: 'sec_000003', dissentId: 'ds_000003' },
        'groups',
        'public',
      ),
    ];
    const garbage = [
      null,
      'x',
      { requestId: 'r', from: 'confidential', to: 'groups' },
      { requestId: 'r', target: null, from: 'confidential', to: 'groups' },
      {
        requestId: 'r',
        target: { kind: 'other', sectionId: 'sec_000001' },
        from: 'confidential',
        to: 'groups',
      },
      { requestId: 'r', target: SECRET_POINT, from: 'confidential', to: 'nobody' },
      // `to` is one step below the target's level, but `from` was recorded at another level.
      { requestId: 'r', target: SECRET_POINT, from: 'public', to: 'groups' },
    ] as unknown as Declassification[];
    const result = applyDeclassifications(content, [...skipped, ...garbage]);
    expect(result).toEqual(content);
    for (const audience of ['groups', 'public'] as const) {
      for (const secret of Object.values(SECRET))
        expect(shown(result, audience)).not.toContain(secret);
    }
  });

  it('applies in the given order: a later step listed first does not take effect', () => {
    const content = fixtureContent();
    const toGroups = overlay(SECRET_POINT, 'confidential', 'groups');
    const toPublic = overlay(SECRET_POINT, 'groups', 'public');
    const result = applyDeclassifications(content, [toPublic, toGroups]);
    expect(shown(result, 'groups')).toContain(SECRET.block);
    expect(shown(result, 'public')).not.toContain(SECRET.block);
  });

  it('lowers nothing in redacted content', () => {
    const redacted = redactMemoContent(fixtureContent(), 'groups');
    const overlays = [
      overlay({ kind: 'notes', sectionId: 'sec_000001', index: 1 }, 'groups', 'public'),
    ];
    expect(applyDeclassifications(redacted, overlays)).toEqual(redacted);
  });

  it('lowers nothing when a target is ambiguous', () => {
    const content = fixtureContent();
    const section = content.sections[0]!;
    if (section.kind !== 'section') throw new Error('fixture');
    // A hostile writer duplicated the secret point's id.
    section.blocks.push({ ...(section.blocks[2] as object), paragraphs: ['kopio'] } as never);
    const result = applyDeclassifications(content, [
      overlay(SECRET_POINT, 'confidential', 'groups'),
    ]);
    expect(result).toEqual(content);
  });
});

describe('validateProposal', () => {
  it('accepts one step down and returns the level to record', () => {
    expect(
      validateProposal(fixtureContent(), [], { ...SECRET_POINT, extra: 1 } as never, 'groups'),
    ).toEqual({
      ok: true,
      target: SECRET_POINT,
      itemKind: 'agreedPoint',
      from: 'confidential',
    });
  });

  it('refuses with a typed problem', () => {
    const content = fixtureContent();
    const refused = (
      target: DeclassificationTarget,
      to: Confidentiality,
      released: Declassification[] = [],
    ) => {
      const check = validateProposal(content, released, target, to);
      return check.ok ? null : check.problem;
    };
    expect(refused(SECRET_POINT, 'public')).toEqual({
      kind: 'notOneStep',
      current: 'confidential',
      next: 'groups',
    });
    expect(
      refused({ kind: 'block', sectionId: 'sec_000001', blockId: 'ap_missing' }, 'groups'),
    ).toEqual({
      kind: 'unknownTarget',
    });
    expect(refused({ kind: 'notes', sectionId: 'sec_000003', index: 1 }, 'public')).toEqual({
      kind: 'unknownTarget',
    });
    expect(
      refused({ kind: 'block', sectionId: 'sec_000002', blockId: 'ap_000003' }, 'groups'),
    ).toEqual({
      kind: 'blockedBySection',
      sectionLevel: 'confidential',
    });
    expect(
      refused({ kind: 'block', sectionId: 'sec_000001', blockId: 'ap_000001' }, 'public'),
    ).toEqual({
      kind: 'notLowering',
      current: 'public',
    });
    expect(refused(SECRET_POINT, 'confidential')).toEqual({
      kind: 'notLowering',
      current: 'confidential',
    });
    const released = overlay(SECRET_POINT, 'confidential', 'groups');
    expect(refused(SECRET_POINT, 'groups', [released])).toEqual({
      kind: 'alreadyDeclassified',
      requestId: released.requestId,
      current: 'groups',
    });
    expect(
      validateProposal(redactMemoContent(content, 'groups'), [], SECRET_POINT, 'groups'),
    ).toEqual({
      ok: false,
      problem: { kind: 'redactedContent' },
    });
  });

  it('allows the next step after a release, and a block once its section is lowered', () => {
    const content = fixtureContent();
    const released = [overlay(SECRET_POINT, 'confidential', 'groups')];
    expect(validateProposal(content, released, SECRET_POINT, 'public')).toMatchObject({
      ok: true,
      from: 'groups',
    });
    const withSection = [...released, overlay(SECRET_SECTION, 'confidential', 'groups')];
    const point: DeclassificationTarget = {
      kind: 'block',
      sectionId: 'sec_000002',
      blockId: 'ap_000003',
    };
    expect(validateProposal(content, withSection, point, 'groups')).toMatchObject({ ok: true });
  });

  it('keeps one open request per target', () => {
    const pending = [
      {
        requestId: 'req_open',
        target: SECRET_POINT,
        from: 'confidential' as const,
        to: 'groups' as const,
      },
    ];
    expect(validateProposal(fixtureContent(), [], SECRET_POINT, 'groups', pending)).toEqual({
      ok: false,
      problem: { kind: 'pending', requestId: 'req_open' },
    });
    expect(validateProposal(fixtureContent(), [], SECRET_SECTION, 'groups', pending)).toMatchObject(
      { ok: true },
    );
  });

  it('refuses an ambiguous target', () => {
    const content = fixtureContent();
    const section = content.sections[0]!;
    if (section.kind !== 'section') throw new Error('fixture');
    section.dissents.push({ ...(section.dissents[1] as object), partyId: 'p-sdp' } as never);
    const target: DeclassificationTarget = {
      kind: 'dissent',
      sectionId: 'sec_000001',
      dissentId: 'ds_000002',
    };
    expect(validateProposal(content, [], target, 'groups')).toEqual({
      ok: false,
      problem: { kind: 'ambiguousTarget' },
    });
  });
});

describe('declassifiableTargets', () => {
  it('lists every item with its level and the one level it may be lowered to now', () => {
    const items = declassifiableTargets(fixtureContent());
    const byKey = new Map(items.map((item) => [targetKey(item.target), item]));
    expect(items.map((item) => targetKey(item.target))).toEqual([
      'section:sec_000001',
      'notes:sec_000001:0',
      'block:sec_000001:ap_000001',
      'block:sec_000001:ap_000002',
      'notes:sec_000001:1',
      'block:sec_000001:fu_000001',
      'dissent:sec_000001:ds_000001',
      'dissent:sec_000001:ds_000002',
      'section:sec_000002',
      'notes:sec_000002:0',
      'block:sec_000002:ap_000003',
      'section:sec_000003',
      'notes:sec_000003:0',
      'dissent:sec_000003:ds_000003',
    ]);
    expect(byKey.get('section:sec_000001')).toMatchObject({
      level: 'public',
      lowerTo: [],
      problem: null,
    });
    expect(byKey.get('block:sec_000001:ap_000002')).toMatchObject({
      itemKind: 'agreedPoint',
      level: 'confidential',
      lowerTo: ['groups'],
    });
    expect(byKey.get('notes:sec_000001:1')).toMatchObject({
      itemKind: 'notes',
      level: 'groups',
      lowerTo: ['public'],
    });
    expect(byKey.get('dissent:sec_000001:ds_000002')).toMatchObject({
      itemKind: 'dissent',
      lowerTo: ['groups'],
    });
    expect(byKey.get('block:sec_000002:ap_000003')).toMatchObject({
      lowerTo: [],
      problem: { kind: 'blockedBySection', sectionLevel: 'confidential' },
    });
    expect(byKey.get('dissent:sec_000003:ds_000003')).toMatchObject({
      level: 'groups',
      lowerTo: [],
      problem: { kind: 'blockedBySection', sectionLevel: 'groups' },
    });
  });

  it('follows released overlays and pending requests', () => {
    const released = [overlay({ kind: 'section', sectionId: 'sec_000003' }, 'groups', 'public')];
    const pending = [
      {
        requestId: 'req_open',
        target: SECRET_POINT,
        from: 'confidential' as const,
        to: 'groups' as const,
      },
    ];
    const byKey = new Map(
      declassifiableTargets(fixtureContent(), released, pending).map((item) => [
        targetKey(item.target),
        item,
      ]),
    );
    expect(byKey.get('section:sec_000003')).toMatchObject({ level: 'public', lowerTo: [] });
    expect(byKey.get('dissent:sec_000003:ds_000003')).toMatchObject({
      lowerTo: ['public'],
      problem: null,
    });
    expect(byKey.get('block:sec_000001:ap_000002')).toMatchObject({
      lowerTo: [],
      problem: { kind: 'pending', requestId: 'req_open' },
    });
  });

  it('offers nothing for redacted content', () => {
    expect(declassifiableTargets(redactMemoContent(fixtureContent(), 'groups'))).toEqual([]);
  });
});

describe('helpers', () => {
  it('one step down', () => {
    expect(nextLevelDown('confidential')).toBe('groups');
    expect(nextLevelDown('groups')).toBe('public');
    expect(nextLevelDown('public')).toBeNull();
  });

  it('history per target, newest first', () => {
    const first = overlay(SECRET_POINT, 'confidential', 'groups');
    const other = overlay(SECRET_SECTION, 'confidential', 'groups');
    const second = overlay(SECRET_POINT, 'groups', 'public');
    expect(declassificationsFor([first, other, second], SECRET_POINT)).toEqual([second, first]);
    expect(declassificationsFor([first, other, second], SECRET_SECTION_NOTES)).toEqual([]);
  });
});
