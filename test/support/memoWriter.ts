// Writes a memo with every kind of content at every level through real y-websocket editors, so
// approval, redaction and delivery tests start from what people would really have typed.
import type * as Y from 'yjs';
import { MEMO_ATTRS, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeDissent, writeStance } from '../../shared/memo/partyDoc';
import { agreedPoint, followUp, paragraph } from '../unit/memo/build';
import { connectEditor } from './collabClient';
import type { MemoFixture } from './memoFixture';

/** Open `room` as a real editor, make one change, and wait until the server has stored it. */
export async function writeRoom(
  url: string,
  room: string,
  cookie: string,
  write: (doc: Y.Doc) => void,
): Promise<void> {
  const editor = connectEditor(url, room, cookie);
  try {
    await editor.settled();
    editor.doc.transact(() => write(editor.doc));
    await editor.settled();
  } finally {
    editor.destroy();
  }
}

/** The strings a written memo holds, by the audience that may read them. */
export interface WrittenMemo {
  /** Only in confidential content: a block, an agreed point's stance reason, a dissent. */
  confidential: string[];
  /** In groups-level content (readers see it, the public rendering does not). */
  groups: string[];
  /** In public content. */
  public: string[];
  agreedPointId: string;
  confidentialPointId: string;
  followUpId: string;
  dissentId: string;
  confidentialDissentId: string;
}

/**
 * The first section is made public and gets: a public paragraph, a groups paragraph, a
 * confidential paragraph, a groups agreed point (KESK agrees, SDP dissents), a confidential agreed
 * point (KESK's reservation has a confidential reason) and a follow-up; SDP records a groups
 * dissent and KOK a confidential one. `tag` makes every string unique to one test.
 */
export async function writeMemo(
  url: string,
  f: MemoFixture,
  meetingId: string,
  tag: string,
): Promise<WrittenMemo> {
  const written: WrittenMemo = {
    confidential: [
      `KANARIA-${tag}-lohko`,
      `KANARIA-${tag}-perustelu`,
      `KANARIA-${tag}-eriava`,
      `KANARIA-${tag}-linjaus`,
    ],
    groups: [`Ryhmille-${tag} kerrottava kohta`, `Ryhmien-${tag} eriävä kanta`],
    public: [`Julkinen-${tag} tiedote Äänekoskelta`],
    agreedPointId: `ap-${tag}-yhteinen`,
    confidentialPointId: `ap-${tag}-salainen`,
    followUpId: `fu-${tag}-selvitys`,
    dissentId: `ds-${tag}-sdp`,
    confidentialDissentId: `ds-${tag}-kok`,
  };
  const memo = connectEditor(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'));
  try {
    await memo.settled();
    const section = memoFragment(memo.doc).get(0) as Y.XmlElement;
    const sectionId = section.getAttribute(MEMO_ATTRS.id) as string;
    memo.doc.transact(() => {
      section.setAttribute(MEMO_ATTRS.confidentiality, 'public');
      section.insert(section.length, [
        paragraph(written.public[0]!, 'public'),
        paragraph(written.groups[0]!, 'groups'),
        paragraph(written.confidential[0]!, 'confidential'),
        agreedPoint(written.agreedPointId, 'Kouluverkkoa kehitetään yhdessä.', 'groups'),
        agreedPoint(written.confidentialPointId, written.confidential[3]!, 'confidential'),
        followUp(written.followUpId, 'Selvitetään kustannukset.', {
          owner: 'Kaupunginhallitus',
          due: '2027-01-31',
          confidentiality: 'groups',
        }),
      ]);
    });
    await memo.settled();

    const party = (who: string, partyId: string, write: (doc: Y.Doc) => void) =>
      writeRoom(url, roomName({ kind: 'party', meetingId, partyId }), f.cookie(who), write);
    await party('kesk.edustaja', f.partyIds.KESK!, (doc) => {
      writeStance(doc, written.agreedPointId, { stance: 'agree', reason: '' });
      writeStance(doc, written.confidentialPointId, {
        stance: 'reservation',
        reason: written.confidential[1]!,
      });
    });
    await party('sdp.edustaja', f.partyIds.SDP!, (doc) => {
      writeStance(doc, written.agreedPointId, {
        stance: 'dissent',
        reason: 'Liian nopea aikataulu.',
      });
      writeDissent(doc, written.dissentId, {
        sectionId,
        reason: written.groups[1]!,
        confidentiality: 'groups',
      });
    });
    await party('kok.edustaja', f.partyIds.KOK!, (doc) => {
      writeDissent(doc, written.confidentialDissentId, {
        sectionId,
        reason: written.confidential[2]!,
        confidentiality: 'confidential',
      });
    });
    return written;
  } finally {
    memo.destroy();
  }
}
