// The demo group's seven parties, for the tests of the unanimity gate (joint statements and
// declassifications): who speaks for each, and a consent given over REST.
import { expect } from 'vitest';
import type { ConsentView } from '../../shared/api/consent';
import type { MemoFixture } from './memoFixture';

export const PARTIES = ['KESK', 'SDP', 'PS', 'KOK', 'VAS', 'KD', 'VIHR'] as const;
export type PartyName = (typeof PARTIES)[number];

/** The demo login (e-mail prefix) of `party`'s representative, e.g. `kesk.edustaja`. */
export const representative = (party: string): string => `${party.toLowerCase()}.edustaja`;
export const REPRESENTATIVES = PARTIES.map(representative);

/** `who` (logged in in `f`) consents to round `round` of the request; the answer must be taken. */
export async function consentAs(
  f: MemoFixture,
  who: string,
  requestId: string,
  round = 1,
): Promise<ConsentView> {
  const answered = await f.clients[who]!.post<ConsentView>(`/api/consent/${requestId}/answers`, {
    round,
    answer: 'consent',
  });
  expect(answered.status, `${who} consents: ${JSON.stringify(answered.body)}`).toBe(200);
  return answered.body;
}
