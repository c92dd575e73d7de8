// The memo's running summary: what the side panel shows, computed by each client from its own
// copies of the memo and party rooms (so it follows every keystroke, and the server never has to
// load a meeting's rooms for it).
import type * as Y from 'yjs';
import type { Confidentiality } from '../confidentiality';
import { mostClosed } from './format';
import { readMemo } from './memoDoc';
import { readDissents, readStances, type StanceEntry } from './partyDoc';

export interface AgreedPointSummary {
  id: string;
  text: string;
  confidentiality: Confidentiality;
  /** One entry per party of the meeting, in the order given; null means "not stated". */
  stances: { partyId: string; entry: StanceEntry | null }[];
}

export interface DissentSummary {
  /** The dissent block's id, or the agreed point's id for a dissenting stance. */
  id: string;
  partyId: string;
  reason: string;
  confidentiality: Confidentiality;
  /** Set when the dissent is a party's stance on an agreed point. */
  agreedPointId: string | null;
}

export interface FollowUpSummary {
  id: string;
  text: string;
  owner: string;
  due: string;
  confidentiality: Confidentiality;
}

export interface ConfidentialBlockSummary {
  /** A block id when the block has one, otherwise the section id. */
  id: string;
  kind: 'section' | 'notes' | 'agreedPoint' | 'followUp' | 'dissent';
  excerpt: string;
}

export interface SectionSummary {
  sectionId: string;
  agendaItemId: string | null;
  title: string;
  confidentiality: Confidentiality;
  agreedPoints: AgreedPointSummary[];
  dissents: DissentSummary[];
  followUps: FollowUpSummary[];
  confidentialBlocks: ConfidentialBlockSummary[];
}

export interface MemoSummary {
  sections: SectionSummary[];
}

const EXCERPT_LENGTH = 120;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT_LENGTH ? `${flat.slice(0, EXCERPT_LENGTH - 1)}…` : flat;
}

/**
 * Summarise the memo per section. `parties` lists the meeting's parties (in display order)
 * with their party room documents; a party without a loaded document counts as not stated.
 */
export function summarizeMemo(
  memo: Y.Doc,
  parties: readonly { partyId: string; doc: Y.Doc | null }[],
): MemoSummary {
  const stancesByParty = parties.map(({ partyId, doc }) => ({
    partyId,
    stances: doc ? readStances(doc) : new Map<string, StanceEntry>(),
    dissents: doc ? readDissents(doc) : [],
  }));

  const sections = readMemo(memo).map((section): SectionSummary => {
    const summary: SectionSummary = {
      sectionId: section.id,
      agendaItemId: section.agendaItemId,
      title: section.title,
      confidentiality: section.confidentiality,
      agreedPoints: [],
      dissents: [],
      followUps: [],
      confidentialBlocks: [],
    };
    if (section.confidentiality === 'confidential') {
      summary.confidentialBlocks.push({
        id: section.id,
        kind: 'section',
        excerpt: excerpt(section.title),
      });
    }
    for (const block of section.blocks) {
      if (block.kind === 'agreedPoint' && block.id) {
        summary.agreedPoints.push({
          id: block.id,
          text: block.text,
          confidentiality: block.confidentiality,
          stances: stancesByParty.map(({ partyId, stances }) => ({
            partyId,
            entry: stances.get(block.id ?? '') ?? null,
          })),
        });
        for (const { partyId, stances } of stancesByParty) {
          const entry = stances.get(block.id);
          if (entry?.stance === 'dissent') {
            summary.dissents.push({
              id: block.id,
              partyId,
              reason: entry.reason,
              confidentiality: block.confidentiality,
              agreedPointId: block.id,
            });
          }
        }
      } else if (block.kind === 'followUp' && block.id) {
        summary.followUps.push({
          id: block.id,
          text: block.text,
          owner: block.owner,
          due: block.due,
          confidentiality: block.confidentiality,
        });
      }
      if (block.confidentiality === 'confidential' && section.confidentiality !== 'confidential') {
        summary.confidentialBlocks.push({
          id: block.id ?? section.id,
          kind: block.kind,
          excerpt: excerpt(block.text),
        });
      }
    }
    for (const { partyId, dissents } of stancesByParty) {
      for (const dissent of dissents) {
        if (dissent.sectionId !== section.id) continue;
        const confidentiality = mostClosed(section.confidentiality, dissent.confidentiality);
        summary.dissents.push({
          id: dissent.id,
          partyId,
          reason: dissent.reason,
          confidentiality,
          agreedPointId: null,
        });
        if (confidentiality === 'confidential' && section.confidentiality !== 'confidential') {
          summary.confidentialBlocks.push({
            id: dissent.id,
            kind: 'dissent',
            excerpt: excerpt(dissent.reason),
          });
        }
      }
    }
    return summary;
  });
  return { sections };
}
