import { describe, expect, it } from 'vitest';
import { presenceOf } from '../../../server/realtime/presence';
import type { SocketData } from '../../../server/realtime/types';

type Joined = Omit<SocketData['meetings'][string], 'groupId'>;

const socket = (
  userId: string,
  name: string,
  meetings: Record<string, Joined>,
): { data: SocketData } => ({
  data: {
    userId,
    name,
    sessionHash: `s-${userId}`,
    sessionExpiresAt: Date.now() + 3_600_000,
    meetings: Object.fromEntries(
      Object.entries(meetings).map(([id, joined]) => [id, { ...joined, groupId: 'group-1' }]),
    ),
  },
});

describe('presenceOf', () => {
  it('groups connections by person, counts tabs, and orders by role, party and name', () => {
    const m = 'meeting-1';
    const presence = presenceOf(m, [
      socket('u3', 'Outi', { [m]: { role: 'representative', partyId: 'p-sdp' } }),
      socket('u2', 'Eero', { [m]: { role: 'representative', partyId: 'p-kesk' } }),
      socket('u1', 'Aino', { [m]: { role: 'chair', partyId: null } }),
      socket('u3', 'Outi', { [m]: { role: 'representative', partyId: 'p-sdp' } }),
      // Connected, but in another meeting only: not present here.
      socket('u4', 'Niko', { other: { role: 'deputy', partyId: 'p-kok' } }),
    ]);
    expect(presence).toEqual([
      { userId: 'u1', name: 'Aino', role: 'chair', partyId: null, connections: 1 },
      { userId: 'u2', name: 'Eero', role: 'representative', partyId: 'p-kesk', connections: 1 },
      { userId: 'u3', name: 'Outi', role: 'representative', partyId: 'p-sdp', connections: 2 },
    ]);
  });

  it('is empty for an empty room', () => {
    expect(presenceOf('m', [])).toEqual([]);
  });
});
