// One memo with content at every level, used by the content, redaction and diff tests.
import type * as Y from 'yjs';
import { extractMemoContent, type ContentPartyInput } from '../../../shared/memo/content';
import { writeDissent, writeStance } from '../../../shared/memo/partyDoc';
import {
  agreedPoint,
  bulletList,
  followUp,
  listItem,
  memoDoc,
  orderedList,
  paragraph,
  partyDoc,
  section,
} from './build';

/** Unique strings that only confidential content holds. */
export const SECRET = {
  block: 'SALAINEN_LOHKO_7f3a',
  dissent: 'SALAINEN_ERIAVA_9c1d',
  sectionTitle: 'SALAINEN_OTSIKKO_2b8e',
  sectionBody: 'SALAINEN_SISALTO_5e0c',
  stance: 'SALAINEN_KANTA_4d6f',
};
/** A unique string in groups-level content. */
export const GROUPS_ONLY = 'RYHMILLE_TEKSTI_1a2b';

export function fixtureMemo(): Y.Doc {
  return memoDoc(
    section(
      { id: 'sec_000001', title: 'Talousarvio', agendaItemId: 'item-1', confidentiality: 'public' },
      paragraph('Julkinen johdanto.', 'public'),
      agreedPoint('ap_000001', 'Säästölista valmistellaan.', 'public'),
      agreedPoint('ap_000002', SECRET.block, 'confidential'),
      bulletList([listItem(paragraph('eka')), listItem(paragraph(GROUPS_ONLY))], 'groups'),
      followUp('fu_000001', 'Selvitys', {
        owner: 'KOK',
        due: '2027-02-01',
        confidentiality: 'public',
      }),
    ),
    section(
      { id: 'sec_000002', title: SECRET.sectionTitle, confidentiality: 'confidential' },
      paragraph(SECRET.sectionBody, 'public'),
      agreedPoint('ap_000003', 'Henkilöstö', 'public'),
    ),
    section(
      { id: 'sec_000003', title: 'Kouluverkko', agendaItemId: 'item-3' },
      orderedList([
        listItem(paragraph('yksi')),
        listItem(paragraph('')),
        listItem(paragraph('kaksi')),
      ]),
      paragraph(''),
    ),
  );
}

export function fixtureParties(): ContentPartyInput[] {
  const kesk = partyDoc((doc) => {
    writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' });
    writeStance(doc, 'ap_000002', { stance: 'dissent', reason: SECRET.stance });
    writeDissent(doc, 'ds_000002', {
      sectionId: 'sec_000001',
      reason: SECRET.dissent,
      confidentiality: 'confidential',
    });
    writeDissent(doc, 'ds_000001', {
      sectionId: 'sec_000001',
      reason: 'Julkinen eriävä kanta.',
      confidentiality: 'public',
    });
  });
  const sdp = partyDoc((doc) => {
    writeStance(doc, 'ap_000001', { stance: 'reservation', reason: 'Ryhmä päättää.' });
    writeDissent(doc, 'ds_000003', {
      sectionId: 'sec_000003',
      reason: GROUPS_ONLY,
      confidentiality: 'public',
    });
  });
  return [
    { partyId: 'p-kesk', shortName: 'KESK', name: 'Keskusta', doc: kesk },
    { partyId: 'p-sdp', shortName: 'SDP', name: 'SDP', doc: sdp },
    { partyId: 'p-vihr', shortName: 'VIHR', name: 'Vihreät', doc: null },
  ];
}

export function fixtureContent() {
  return extractMemoContent(fixtureMemo(), fixtureParties());
}
