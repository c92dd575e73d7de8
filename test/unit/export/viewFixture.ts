// Approved memo versions as the export renderers receive them: the content fixture with every
// confidentiality level (its canaries in contentFixture.ts), plus Finnish and Swedish letters and
// hostile text, redacted for an audience the way the server does it.
import { createHash } from 'node:crypto';
import type { MemoVersionView } from '../../../shared/api/memoVersions';
import type { Audience } from '../../../shared/confidentiality';
import {
  canonicalMemoJson,
  extractMemoContent,
  type MemoContent,
} from '../../../shared/memo/content';
import { writeDissent } from '../../../shared/memo/partyDoc';
import { redactMemoContent } from '../../../shared/memo/redaction';
import { agreedPoint, followUp, memoDoc, paragraph, partyDoc, section } from '../memo/build';
import { fixtureContent, fixtureParties } from '../memo/contentFixture';

export const NORDIC_TITLE = 'Päätösvalta ja Ålands skärgård';
export const NORDIC_TEXT = 'ÄÖÅ äöå: Åsa ja Öljymäki sopivat yhteistyöstä – “lainaus”.';
export const CHAIR = 'Päivi Äijälä';
export const PLACE = 'Kaupungintalo, Öljymäen sali';
/** The fixture's participants: every person's name appears in every audience's rendering. */
export const PEOPLE = {
  chair: CHAIR,
  secretary: 'Sari Sihteeri',
  kesk: 'Kalle Keskinen',
  sdp: 'Åsa Demari',
};
export const HOSTILE = {
  script: '<script>alert("x")</script>',
  link: '[klikkaa tästä](https://evil.example/phish)',
  image: '![seuranta](https://evil.example/pixel.png)',
  html: '<img src=x onerror=alert(1)>',
};

/** Sections beyond the content fixture: Nordic letters, hostile text, a dissent with a reason. */
function extraSections(): MemoContent['sections'] {
  const kesk = partyDoc((doc) => {
    writeDissent(doc, 'ds_000010', {
      sectionId: 'sec_000010',
      reason: `Eri mieltä. ${HOSTILE.link}`,
      confidentiality: 'groups',
    });
  });
  const memo = memoDoc(
    section(
      { id: 'sec_000010', title: NORDIC_TITLE, confidentiality: 'groups' },
      paragraph(NORDIC_TEXT, 'groups'),
      agreedPoint('ap_000010', `${HOSTILE.script} ${HOSTILE.image}`, 'groups'),
      followUp('fu_000010', `# Otsikko?\n1. lista\n> lainaus ${HOSTILE.html}`, {
        owner: 'Åke Öhman <ake@example.fi>',
        due: '2027-03-15',
        confidentiality: 'groups',
      }),
    ),
  );
  const parties = fixtureParties().map((party) =>
    party.partyId === 'p-kesk' ? { ...party, doc: kesk } : { ...party, doc: null },
  );
  return extractMemoContent(memo, parties).sections;
}

/** The full, unredacted content of the fixture version. */
export function fullContent(): MemoContent {
  const base = fixtureContent();
  return { ...base, sections: [...base.sections, ...extraSections()] };
}

/** A view of `content` (full) for `audience`, as `versionView` on the server builds it. */
export function viewOf(content: MemoContent, audience: Audience): MemoVersionView {
  return {
    meetingId: '6f1d2c3b-0a4e-4f5b-9c8d-7e6f5a4b3c2d',
    version: 2,
    approvedAt: '2026-11-24T12:05:00.000Z',
    approvedBy: { id: 'u-chair', name: CHAIR },
    actingChair: false,
    hash: createHash('sha256').update(canonicalMemoJson(content), 'utf8').digest('hex'),
    groupId: 'g-1',
    groupName: 'Äänekosken neuvotteluryhmä',
    meetingTitle: 'Talousarvioneuvottelu',
    meetingStartsAt: '2026-12-07T15:00:00.000Z',
    meetingFacts: {
      location: PLACE,
      attendance: [
        { partyId: 'p-kesk', status: 'present' },
        { partyId: 'p-sdp', status: 'absent' },
      ],
      participants: [
        { name: PEOPLE.chair, role: 'chair', partyId: null },
        { name: PEOPLE.secretary, role: 'secretary', partyId: null },
        { name: PEOPLE.kesk, role: 'representative', partyId: 'p-kesk' },
        { name: PEOPLE.sdp, role: 'deputy', partyId: 'p-sdp' },
      ],
    },
    audience,
    content: redactMemoContent(content, audience),
    caseLinks: [],
    latestVersion: 2,
  };
}

export function fixtureView(audience: Audience): MemoVersionView {
  return viewOf(fullContent(), audience);
}

/** A memo of `count` public sections, each with notes, an agreed point and a follow-up. */
export function longContent(count: number): MemoContent {
  const nodes = Array.from({ length: count }, (_, index) => {
    const n = String(index + 1).padStart(6, '0');
    return section(
      {
        id: `sec_${n}`,
        title: `Asia ${index + 1}: Päätösvalta ja Ålands skärgård`,
        confidentiality: 'public',
      },
      paragraph(
        `Kappale ${index + 1}. ${'Neuvotteluryhmä kävi läpi talousarvion ja totesi yhteisen näkemyksen. '.repeat(4)}`,
        'public',
      ),
      agreedPoint(
        `ap_${n}`,
        `Yhteinen linjaus ${index + 1}: säästöt kohdennetaan hallintoon.`,
        'public',
      ),
      followUp(`fu_${n}`, `Selvitys ${index + 1}`, {
        owner: 'KOK',
        due: '2027-02-01',
        confidentiality: 'public',
      }),
    );
  });
  const parties = fixtureParties().map((party) => ({ ...party, doc: null }));
  return extractMemoContent(memoDoc(...nodes), parties);
}
