import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../server/approval/storedMemo';
import { validate } from '../../../server/backup/validate';
import { auditChain } from '../../support/auditChain';

// The checks a MongoDB backup without snapshot reads relies on to notice a read that a write
// raced: each must find its kind of damage, and pass whole data.

const chain = auditChain;

const version = (content: string, hash = sha256Hex(content)) => ({
  _id: 'm1:000001',
  content,
  hash,
});
const update = (room: string, seq: number) => ({
  _id: `${room}#${seq}`,
  room,
  seq,
  update: 'AA==',
});
const snapshot = (room: string, seq: number) => ({
  _id: `${room}#${seq}`,
  room,
  seq,
  state: 'AA==',
});

function check(collections: Record<string, unknown[]>) {
  return validate((name) => collections[name] ?? []);
}

describe('backup validation', () => {
  it('passes whole data, including entries a compaction has not deleted yet', () => {
    const result = check({
      memoVersions: [version('{"a":1}')],
      auditLog: [...chain('g1', 3), ...chain('g2', 2)],
      collabUpdates: [
        update('memo:a', 1),
        update('memo:a', 2),
        update('memo:b', 4),
        update('memo:b', 5),
        update('memo:b', 6),
      ],
      collabSnapshots: [snapshot('memo:b', 5)],
    });
    expect(result).toEqual({ versions: 1, auditEntries: 5, rooms: 2, problems: [] });
  });

  it('finds a version whose content does not match its hash', () => {
    const result = check({ memoVersions: [version('{"a":1}', sha256Hex('{"a":2}'))] });
    expect(result.problems).toEqual([
      'memo version m1:000001: its content does not match its SHA-256',
    ]);
  });

  it('finds an audit chain missing an entry, or with a changed one', () => {
    const [first, , third] = chain('g1', 3);
    expect(check({ auditLog: [first, third] }).problems).toEqual([
      'audit log of group g1: the chain breaks at entry 2',
    ]);
    const changed = { ...third!, details: { changed: true } };
    expect(check({ auditLog: [...chain('g1', 2), changed] }).problems).toEqual([
      'audit log of group g1: the chain breaks at entry 3',
    ]);
  });

  it('finds a room log with a gap after its snapshot, or one not starting at 1', () => {
    expect(
      check({ collabUpdates: [update('memo:a', 7)], collabSnapshots: [snapshot('memo:a', 5)] })
        .problems,
    ).toEqual(['collab room memo:a: its log does not follow on from the snapshot at 5']);
    expect(check({ collabUpdates: [update('memo:a', 2)] }).problems).toEqual([
      'collab room memo:a: its log does not follow on from the start',
    ]);
  });
});
