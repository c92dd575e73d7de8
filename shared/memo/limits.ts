// How much one collab update, one room's document and one person may add: the server refuses an
// update beyond any of these as `invalid_update` (docs/memo-format.md, "Limits"). Each is far
// above what honest editors produce and low enough that one writer cannot make a room
// unusable for the others. Sized against the heaviest honest case we plan for: 100 negotiators
// writing one 100-section memo over a long day, each reloading the page a few dozen times.

/**
 * Deepest nesting of nodes below a room's root (a Y.XmlText counts as a level). The memo's
 * layout itself stops at 5 (section, list, item, paragraph, text); statements nest lists, two
 * levels per list, so this allows 15 lists inside each other. Yjs and every reader of a
 * document walk it, and a deep enough document overflows their stack.
 */
export const MAX_NESTING_DEPTH = 32;

/**
 * New nodes (Y.XmlElement and Y.XmlText) in one update. A whole 100-section memo pasted at once
 * is about 12,000 (a section's title, a few dozen blocks of two or three nodes each).
 */
export const MAX_NEW_NODES_PER_UPDATE = 20_000;

/** Nodes alive in one document: about eight 100-section memos. */
export const MAX_NODES_PER_DOCUMENT = 100_000;

/**
 * Ranges in one update's delete set. Each range can split two stored items, so a delete set of
 * single characters multiplies what every newcomer downloads. Deleting all the text of a memo
 * that 100 people wrote is a few thousand ranges.
 */
export const MAX_DELETE_RANGES_PER_UPDATE = 50_000;

/**
 * Yjs structs (items, merged runs of text, garbage-collected ranges) in one document: what
 * memory, snapshots and a newcomer's first sync grow with. Typing on merges into one struct;
 * each new place someone types at costs about two (the new run and the split of the one it
 * lands in): 100 people starting to type at 500 places each make about 100,000, and 2,000 each
 * (one every 15 seconds for eight hours) about 400,000. At this limit a room holds about 125 MB
 * in memory and a newcomer downloads about 5 MB.
 */
export const MAX_STRUCTS_PER_DOCUMENT = 500_000;

/**
 * Yjs client ids an update may introduce. An editor's own update brings one; an offline copy
 * coming back brings one per page load that wrote offline.
 */
export const MAX_NEW_CLIENTS_PER_UPDATE = 100;

/**
 * Client ids in one document: every page load that writes is one (100 people reloading a few
 * dozen times make a few thousand). Each costs about 6 bytes in the state vector a newcomer
 * receives twice (sync step 1 and MESSAGE_SAVED), 60 kB at this limit.
 */
export const MAX_CLIENTS_PER_DOCUMENT = 10_000;

/**
 * Client ids one person may own in one room (server/collab/clientOwners.ts), so that nobody
 * alone can fill the document's share.
 */
export const MAX_CLIENTS_PER_USER = 500;

/** All the limits above, as the server applies them (tests may pass smaller ones). */
export interface CollabLimits {
  nestingDepth: number;
  newNodesPerUpdate: number;
  nodesPerDocument: number;
  deleteRangesPerUpdate: number;
  structsPerDocument: number;
  newClientsPerUpdate: number;
  clientsPerDocument: number;
}

export const COLLAB_LIMITS: Readonly<CollabLimits> = {
  nestingDepth: MAX_NESTING_DEPTH,
  newNodesPerUpdate: MAX_NEW_NODES_PER_UPDATE,
  nodesPerDocument: MAX_NODES_PER_DOCUMENT,
  deleteRangesPerUpdate: MAX_DELETE_RANGES_PER_UPDATE,
  structsPerDocument: MAX_STRUCTS_PER_DOCUMENT,
  newClientsPerUpdate: MAX_NEW_CLIENTS_PER_UPDATE,
  clientsPerDocument: MAX_CLIENTS_PER_DOCUMENT,
};
