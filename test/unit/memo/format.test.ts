import { describe, expect, it } from 'vitest';
import {
  BLOCK_ID_PATTERN,
  mostClosed,
  newBlockId,
  parseRoomName,
  readConfidentiality,
  roomName,
  type CollabRoom,
} from '../../../shared/memo/format';

describe('memo room names', () => {
  const meetingId = '0b6f1c2e-7d1a-4c55-9d1e-3f7a2b9c8d10';
  const partyId = 'f3c1a6e2-1b2c-4d3e-8f90-a1b2c3d4e5f6';

  it.each<CollabRoom>([
    { kind: 'memo', meetingId },
    { kind: 'party', meetingId, partyId },
    { kind: 'party', meetingId: 'a', partyId: 'B_c-9' },
    { kind: 'statement', statementId: meetingId },
    { kind: 'statement', statementId: 'S_1-x' },
  ])('round-trips %o', (room) => {
    expect(parseRoomName(roomName(room))).toEqual(room);
  });

  it('names rooms as the path after /collab/', () => {
    expect(roomName({ kind: 'memo', meetingId })).toBe(`${meetingId}/memo`);
    expect(roomName({ kind: 'party', meetingId, partyId })).toBe(`${meetingId}/party/${partyId}`);
    expect(roomName({ kind: 'statement', statementId: meetingId })).toBe(`${meetingId}/statement`);
  });

  it.each([
    '',
    'memo',
    '/memo',
    `${meetingId}`,
    `${meetingId}/`,
    `${meetingId}/Memo`,
    `${meetingId}/memo/`,
    `${meetingId}/memo/extra`,
    `${meetingId}/memo\n`,
    ` ${meetingId}/memo`,
    `${meetingId}/party`,
    `${meetingId}/party/`,
    `${meetingId}/party/${partyId}/x`,
    `${meetingId}/parties/${partyId}`,
    '../memo',
    '..%2Fx/memo',
    'a b/memo',
    'ä/memo',
    `${'x'.repeat(65)}/memo`,
    `${meetingId}/party/${'p'.repeat(65)}`,
    `${meetingId}/Statement`,
    `${meetingId}/statement/`,
    `${meetingId}/statement/${partyId}`,
    `${meetingId}/statements`,
    `/statement`,
    `${'x'.repeat(65)}/statement`,
  ])('rejects %j', (name) => {
    expect(parseRoomName(name)).toBeNull();
  });

  it('accepts ids up to 64 characters', () => {
    const long = 'x'.repeat(64);
    expect(parseRoomName(`${long}/party/${long}`)).toEqual({
      kind: 'party',
      meetingId: long,
      partyId: long,
    });
  });
});

describe('block ids and levels', () => {
  it('makes fresh ids that fit the id pattern', () => {
    const ids = new Set(Array.from({ length: 50 }, () => newBlockId('ap')));
    expect(ids.size).toBe(50);
    for (const id of ids) {
      expect(id).toMatch(/^ap_/);
      expect(id).toMatch(BLOCK_ID_PATTERN);
    }
    expect(newBlockId('sec')).toMatch(/^sec_/);
  });

  it('reads unknown or missing levels as the default', () => {
    expect(readConfidentiality('confidential')).toBe('confidential');
    expect(readConfidentiality('public')).toBe('public');
    for (const value of [undefined, null, '', 'secret', 'PUBLIC', 2, {}]) {
      expect(readConfidentiality(value)).toBe('groups');
    }
  });

  it.each([
    ['public', 'public', 'public'],
    ['public', 'groups', 'groups'],
    ['groups', 'public', 'groups'],
    ['groups', 'confidential', 'confidential'],
    ['confidential', 'public', 'confidential'],
    ['confidential', 'confidential', 'confidential'],
  ] as const)('the more closed of %s and %s is %s', (a, b, expected) => {
    expect(mostClosed(a, b)).toBe(expected);
  });
});
