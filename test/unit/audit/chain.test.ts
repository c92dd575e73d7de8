import { describe, expect, it } from 'vitest';
import {
  GENESIS_HASH,
  entryHash,
  verifyChain,
  type ChainFields,
} from '../../../server/audit/chain';
import type { AuditEntryDoc } from '../../../server/db/schema';
import { auditEntryId } from '../../../server/repositories/auditLog';

const GROUP = '6f1d1a52-2c1e-4c59-9a4e-0b0f8f6d1c01';

/** A correctly chained log of `n` entries, as the writer stores them. */
function chain(n: number, groupId = GROUP): AuditEntryDoc[] {
  const docs: AuditEntryDoc[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields: ChainFields = {
      groupId,
      seq,
      at: new Date(Date.UTC(2026, 0, 1, 12, 0, seq)),
      actor: { userId: `user-${seq}`, name: `Henkilö ${seq}` },
      action: seq % 2 ? 'session.login' : 'member.roleChange',
      target: { type: 'user', id: `user-${seq}`, label: `Henkilö ${seq}` },
      details: seq % 2 ? {} : { fromRole: 'reader', toRole: 'deputy', fromPartyId: null },
    };
    const hash = entryHash(prevHash, fields);
    docs.push({ _id: auditEntryId(groupId, seq), ...fields, prevHash, hash });
    prevHash = hash;
  }
  return docs;
}

const at = (docs: AuditEntryDoc[], seq: number) => docs[seq - 1]!;

describe('entryHash', () => {
  it('is the same for the same fields whatever the key order, and depends on the link', () => {
    const [doc] = chain(1);
    const reordered = {
      details: { ...doc!.details },
      target: { label: doc!.target.label!, id: doc!.target.id, type: doc!.target.type },
      action: doc!.action,
      actor: doc!.actor,
      at: new Date(doc!.at.getTime()),
      seq: doc!.seq,
      groupId: doc!.groupId,
    };
    expect(entryHash(GENESIS_HASH, reordered)).toBe(doc!.hash);
    expect(entryHash('1'.repeat(64), reordered)).not.toBe(doc!.hash);
    expect(doc!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with every covered field', () => {
    const [doc] = chain(1);
    const base = doc!;
    const variants: Partial<ChainFields>[] = [
      { seq: 2 },
      { at: new Date(base.at.getTime() + 1) },
      { actor: null },
      { action: 'invitation.create' },
      { target: { ...base.target, label: 'toinen' } },
      { details: { extra: true } },
      { groupId: 'other' },
    ];
    for (const variant of variants)
      expect(entryHash(GENESIS_HASH, { ...base, ...variant })).not.toBe(base.hash);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and an empty one', () => {
    expect(verifyChain(GROUP, chain(6))).toEqual({ valid: true, entries: 6, firstBrokenSeq: null });
    expect(verifyChain(GROUP, [])).toEqual({ valid: true, entries: 0, firstBrokenSeq: null });
  });

  it('finds an entry whose fields were changed after it was stored', () => {
    const docs = chain(6);
    at(docs, 4).details = { fromRole: 'reader', toRole: 'chair', fromPartyId: null };
    expect(verifyChain(GROUP, docs)).toEqual({ valid: false, entries: 6, firstBrokenSeq: 4 });
  });

  it('finds a rewritten entry whose own hash was recomputed, at the next link', () => {
    const docs = chain(6);
    const forged = at(docs, 3);
    forged.actor = { userId: 'someone-else', name: 'Joku muu' };
    forged.hash = entryHash(forged.prevHash, forged);
    expect(verifyChain(GROUP, docs)).toEqual({ valid: false, entries: 6, firstBrokenSeq: 4 });
  });

  it('finds a removed entry at the missing number', () => {
    const docs = chain(6).filter((doc) => doc.seq !== 3);
    expect(verifyChain(GROUP, docs)).toMatchObject({ valid: false, firstBrokenSeq: 3 });
    expect(verifyChain(GROUP, chain(6).slice(1))).toMatchObject({ firstBrokenSeq: 1 });
  });

  it('refuses a chain that does not start from the genesis hash', () => {
    const docs = chain(2);
    const first = at(docs, 1);
    first.prevHash = 'f'.repeat(64);
    first.hash = entryHash(first.prevHash, first);
    expect(verifyChain(GROUP, docs)).toMatchObject({ valid: false, firstBrokenSeq: 1 });
  });

  it("refuses another group's entries and numbers that repeat", () => {
    expect(verifyChain('another-group', chain(2))).toMatchObject({ firstBrokenSeq: 1 });
    const docs = chain(3);
    expect(verifyChain(GROUP, [...docs.slice(0, 2), at(docs, 2), at(docs, 3)])).toMatchObject({
      valid: false,
      firstBrokenSeq: 2,
    });
  });

  it('reports a field tampered into something unhashable as a break, without throwing', () => {
    const docs = chain(3);
    (at(docs, 2) as { at: unknown }).at = 'not a date';
    expect(verifyChain(GROUP, docs)).toEqual({ valid: false, entries: 3, firstBrokenSeq: 2 });
  });
});
