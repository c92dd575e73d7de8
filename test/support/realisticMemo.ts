// A realistic Finnish budget negotiation in the demo group, written through the real API and
// collab protocol as people would have typed it: for the README's screenshots
// (scripts/screenshots.mts), so vitest-free. Every string is what a councillor would write.
import * as Y from 'yjs';
import { MEMO_ATTRS, MEMO_NODES, roomName } from '../../shared/memo/format';
import { memoFragment } from '../../shared/memo/memoDoc';
import { writeDissent, writeStance, type Stance } from '../../shared/memo/partyDoc';
import { agreedPoint, followUp, paragraph } from '../unit/memo/build';
import type { ApiClient } from './apiClient';
import type { MemoFixture } from './memoFixture';
import { writeRoom } from './memoWriter';

export const GROUP_TITLE = 'Talousarvioneuvottelut 2027';

const AGENDA = [
  {
    title: 'Edellisen muistion tarkastus',
    description: 'Tarkastetaan edellisen kokouksen hyväksytty muistio.',
  },
  {
    title: 'Koulukiinteistöjen investointiohjelma',
    description:
      'Sivistystoimen esitys vuosien 2027–2031 investoinneista: Hongiston koulun peruskorjaus ja Kotakennään koulun laajennus.',
  },
  {
    title: 'Joukkoliikenteen taksat',
    description: 'Seutulipun hinnankorotus ja ikäihmisten alennus.',
    confidentiality: 'confidential',
  },
  { title: 'Seuraava kokous', description: '' },
] as const;

type StanceBy = Record<string, Stance | { stance: Stance; reason: string }>;

/** Each party's stance on the agreed points of item 2, with reasons where they differ. */
const STANCES: Record<string, StanceBy> = {
  'ap-hongisto': {
    KESK: 'agree',
    SDP: 'agree',
    PS: {
      stance: 'reservation',
      reason: 'Kustannusarvio on tarkistettava ennen urakkatarjouspyyntöä.',
    },
    KOK: 'agree',
    VAS: 'agree',
    KD: 'agree',
    VIHR: 'agree',
  },
  'ap-kotakenna': {
    KESK: 'agree',
    SDP: {
      stance: 'dissent',
      reason: 'Siirto pitää oppilaat väistötiloissa kaksi vuotta pidempään.',
    },
    PS: 'agree',
    KOK: 'agree',
    VAS: {
      stance: 'dissent',
      reason: 'Oppilasmäärän kasvu vaatii laajennuksen jo vuonna 2028.',
    },
    KD: 'agree',
    VIHR: {
      stance: 'reservation',
      reason: 'Hyväksymme, kun väistötilojen sisäilma on tarkistettu.',
    },
  },
};

/** When the meeting after this one is, and when its invitation is due. */
interface NextMeeting {
  /** As the memo says it, e.g. "tiistaina 15.12.2026". */
  when: string;
  inviteBy: string;
}

/** What the secretary writes under each agenda item, in order. */
function itemContent(index: number, next: NextMeeting): Y.XmlElement[] {
  switch (index) {
    case 0:
      return [paragraph('Muistio tarkastettiin ja hyväksyttiin muutoksitta.')];
    case 1:
      return [
        paragraph(
          'Sivistysjohtaja esitteli investointiohjelman. Hongiston koulun peruskorjaus on kiireellisin: sisäilmaongelmien vuoksi kolme luokkaa on väistötiloissa.',
        ),
        paragraph(
          'Ryhmät keskustelivat hankkeiden järjestyksestä ja rahoituksesta. Lainakannan kasvua pidettiin huolestuttavana, mutta peruskorjausta ei haluttu lykätä.',
        ),
        agreedPoint(
          'ap-hongisto',
          'Hongiston koulun peruskorjaus aloitetaan vuonna 2027. Kustannusarvio on 14,2 miljoonaa euroa.',
        ),
        agreedPoint('ap-kotakenna', 'Kotakennään koulun laajennus siirretään vuoteen 2029.'),
        followUp(
          'fu-elinkaari',
          'Selvitetään Kotakennään laajennuksen elinkaarimalli ja sen vaikutus käyttötalouteen.',
          { owner: 'Tilapalvelujohtaja', due: '2027-02-15' },
        ),
      ];
    case 2:
      return [
        paragraph(
          'Joukkoliikennelautakunta esittää seutulipun hinnan korottamista 6 prosentilla 1.6.2027 alkaen.',
        ),
        agreedPoint(
          'ap-taksat',
          'Ikäihmisten alennus säilyy ennallaan, vaikka muita taksoja korotetaan.',
        ),
      ];
    default:
      return [
        paragraph(`Seuraava kokous pidetään ${next.when} klo 17 kaupungintalon valtuustosalissa.`),
        followUp(
          'fu-kutsu',
          'Puheenjohtaja lähettää kokouskutsun ja esityslistan viikkoa ennen kokousta.',
          { owner: 'Puheenjohtaja', due: next.inviteBy },
        ),
      ];
  }
}

async function ok<T>(what: string, answer: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await answer;
  if (status < 200 || status >= 300) throw new Error(`${what}: ${status} ${JSON.stringify(body)}`);
  return body;
}

/**
 * A meeting of the negotiation, started, everyone but KD present. Its first item reviews the
 * previous memo: the server adds it once there is one, the first meeting has it in its agenda.
 */
async function startMeeting(f: MemoFixture, title: string, startsAt: string): Promise<string> {
  const chair = f.clients.puheenjohtaja!;
  const previous = await chair.get<{ id: string }[]>(`/api/groups/${f.groupId}/meetings`);
  const agenda = previous.body.length === 0 ? AGENDA : AGENDA.slice(1);
  const created = await ok<{ id: string }>(
    'meeting',
    chair.post(`/api/groups/${f.groupId}/meetings`, {
      title,
      startsAt,
      location: 'Kaupungintalo, valtuustosali',
      agenda,
    }),
  );
  await ok('status', chair.post(`/api/meetings/${created.id}/status`, { status: 'in_progress' }));
  const attendance = Object.entries(f.partyIds).map(([shortName, partyId]) => ({
    partyId,
    status: shortName === 'KD' ? 'absent' : 'present',
  }));
  await ok('attendance', chair.put(`/api/meetings/${created.id}/attendance`, { attendance }));
  return created.id;
}

/** The memo's text, each party's stances and VAS's dissent on item 2, as their own people. */
async function writeNegotiation(
  url: string,
  f: MemoFixture,
  meetingId: string,
  next: NextMeeting,
): Promise<void> {
  let item2 = '';
  await writeRoom(url, roomName({ kind: 'memo', meetingId }), f.cookie('sihteeri'), (doc) => {
    memoFragment(doc)
      .toArray()
      .forEach((node, index) => {
        const section = node as Y.XmlElement;
        if (index === 1) item2 = section.getAttribute(MEMO_ATTRS.id) as string;
        // The empty paragraph a new item starts with is where the secretary types.
        const last = section.get(section.length - 1);
        if (
          last instanceof Y.XmlElement &&
          last.nodeName === MEMO_NODES.paragraph &&
          last.length === 0
        )
          section.delete(section.length - 1, 1);
        section.insert(section.length, itemContent(index, next));
      });
  });
  for (const [shortName, partyId] of Object.entries(f.partyIds)) {
    const who = `${shortName.toLowerCase()}.edustaja`;
    const room = roomName({ kind: 'party', meetingId, partyId });
    await writeRoom(url, room, f.cookie(who), (doc) => {
      for (const [pointId, byParty] of Object.entries(STANCES)) {
        const given = byParty[shortName];
        if (!given) continue;
        writeStance(
          doc,
          pointId,
          typeof given === 'string' ? { stance: given, reason: '' } : given,
        );
      }
      if (shortName === 'VAS')
        writeDissent(doc, 'ds-vas-varhaiskasvatus', {
          sectionId: item2,
          reason: 'Investointiohjelmasta puuttuu varhaiskasvatuksen kasvava tilatarve.',
          confidentiality: 'groups',
        });
    });
  }
}

export interface RealisticNegotiation {
  /** The first meeting, approved: what the party groups read. */
  approvedId: string;
  /** The second meeting, in progress: the meeting room. */
  liveId: string;
}

/**
 * The demo group renamed to the negotiation, an approved meeting and one in progress with the
 * same four items; `f` must have the secretary and every party's representative logged in.
 */
export async function seedRealisticNegotiation(
  url: string,
  f: MemoFixture,
): Promise<RealisticNegotiation> {
  const chair: ApiClient = f.clients.puheenjohtaja!;
  await ok('rename', chair.patch(`/api/groups/${f.groupId}`, { name: GROUP_TITLE }));
  const approvedId = await startMeeting(f, 'Neuvottelukokous 7/2026', '2026-12-01T17:00:00+02:00');
  await writeNegotiation(url, f, approvedId, {
    when: 'tiistaina 15.12.2026',
    inviteBy: '2026-12-08',
  });
  await ok('approval', chair.post(`/api/meetings/${approvedId}/approval`, {}));
  const liveId = await startMeeting(f, 'Neuvottelukokous 8/2026', '2026-12-15T17:00:00+02:00');
  await writeNegotiation(url, f, liveId, { when: 'tiistaina 12.1.2027', inviteBy: '2027-01-05' });
  return { approvedId, liveId };
}
