// A party room: the party's stances on agreed points and its dissents. Only the party's own
// representatives and deputies may write it (the server enforces this per room).
import type * as Y from 'yjs';
import { z } from 'zod';
import { CONFIDENTIALITY_LEVELS } from '../confidentiality';
import { BLOCK_ID_PATTERN, MAX_REASON_LENGTH } from './format';

/** Root Y.Map of stances, keyed by agreed point id. A missing key means "not stated". */
export const STANCES_MAP = 'stances';
/** Root Y.Map of dissents, keyed by dissent id. */
export const DISSENTS_MAP = 'dissents';
export const PARTY_DOC_ROOTS: readonly string[] = [STANCES_MAP, DISSENTS_MAP];

export const STANCES = ['agree', 'dissent', 'reservation'] as const;
export type Stance = (typeof STANCES)[number];

const reason = z.string().max(MAX_REASON_LENGTH);

/** One party's stance on one agreed point. A dissenting stance must give its reasons. */
export const stanceEntrySchema = z
  .strictObject({ stance: z.enum(STANCES), reason })
  .refine((entry) => entry.stance !== 'dissent' || entry.reason.trim().length > 0, {
    message: 'A dissent needs its reasons.',
    path: ['reason'],
  });
export type StanceEntry = z.infer<typeof stanceEntrySchema>;

/** A party's dissent in one section of the memo, always with its reasons. */
export const dissentEntrySchema = z.strictObject({
  sectionId: z.string().regex(BLOCK_ID_PATTERN),
  reason,
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS),
});
export type DissentEntry = z.infer<typeof dissentEntrySchema>;

/** Whether `key` may be used in the given root map. */
export function isValidPartyDocKey(key: string): boolean {
  return BLOCK_ID_PATTERN.test(key);
}

/** Whether `value` may be stored under the given root map. */
export function isValidPartyDocValue(root: string, value: unknown): boolean {
  if (root === STANCES_MAP) return stanceEntrySchema.safeParse(value).success;
  if (root === DISSENTS_MAP) return dissentEntrySchema.safeParse(value).success;
  return false;
}

export interface PartyDissent extends DissentEntry {
  id: string;
}

/** The party's stances, skipping anything that does not match the schema. */
export function readStances(doc: Y.Doc): Map<string, StanceEntry> {
  const stances = new Map<string, StanceEntry>();
  doc.getMap<unknown>(STANCES_MAP).forEach((value, key) => {
    const parsed = stanceEntrySchema.safeParse(value);
    if (parsed.success) stances.set(key, parsed.data);
  });
  return stances;
}

/** The party's dissents, skipping anything that does not match the schema. */
export function readDissents(doc: Y.Doc): PartyDissent[] {
  const dissents: PartyDissent[] = [];
  doc.getMap<unknown>(DISSENTS_MAP).forEach((value, key) => {
    const parsed = dissentEntrySchema.safeParse(value);
    if (parsed.success) dissents.push({ id: key, ...parsed.data });
  });
  return dissents.sort((a, b) => a.id.localeCompare(b.id));
}

/** Set or clear (null) the party's stance on an agreed point. */
export function writeStance(doc: Y.Doc, agreedPointId: string, entry: StanceEntry | null): void {
  const stances = doc.getMap<unknown>(STANCES_MAP);
  if (entry === null) stances.delete(agreedPointId);
  else stances.set(agreedPointId, stanceEntrySchema.parse(entry));
}

/** Create, replace or remove (null) one of the party's dissents. */
export function writeDissent(doc: Y.Doc, dissentId: string, entry: DissentEntry | null): void {
  const dissents = doc.getMap<unknown>(DISSENTS_MAP);
  if (entry === null) dissents.delete(dissentId);
  else dissents.set(dissentId, dissentEntrySchema.parse(entry));
}
