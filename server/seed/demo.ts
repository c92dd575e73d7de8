import type { Role } from '../../shared/roles';
import { hashPassword } from '../auth/passwords';
import type { Repositories } from '../repositories';

export const DEMO_PASSWORD = 'demo-salasana';
export const DEMO_DOMAIN = 'demo.example';

const PARTIES = [
  { name: 'Suomen Keskusta', shortName: 'KESK', colour: '#01954B', deputy: true },
  {
    name: 'Suomen Sosialidemokraattinen Puolue',
    shortName: 'SDP',
    colour: '#E11931',
    deputy: true,
  },
  { name: 'Perussuomalaiset', shortName: 'PS', colour: '#FFDE55', deputy: false },
  { name: 'Kansallinen Kokoomus', shortName: 'KOK', colour: '#006288', deputy: true },
  { name: 'Vasemmistoliitto', shortName: 'VAS', colour: '#F00A64', deputy: false },
  { name: 'Suomen Kristillisdemokraatit', shortName: 'KD', colour: '#2B67C9', deputy: false },
  { name: 'Vihreä liitto', shortName: 'VIHR', colour: '#61BF1A', deputy: false },
] as const;

const FIRST_NAMES = [
  'Aino',
  'Eero',
  'Helmi',
  'Juha',
  'Kaisa',
  'Lauri',
  'Maija',
  'Niko',
  'Outi',
  'Pekka',
];
const LAST_NAMES = [
  'Virtanen',
  'Korhonen',
  'Mäkinen',
  'Nieminen',
  'Hämäläinen',
  'Laine',
  'Heikkinen',
  'Koskinen',
  'Järvinen',
  'Lehtonen',
  'Saarinen',
  'Salminen',
];

/** The local part of every account the demo seeds, in the order it seeds them. */
function demoLocalParts(): string[] {
  const parts = ['puheenjohtaja', 'varapuheenjohtaja', 'sihteeri'];
  for (const spec of PARTIES) {
    const prefix = spec.shortName.toLowerCase();
    parts.push(`${prefix}.edustaja`);
    if (spec.deputy) parts.push(`${prefix}.varajasen`);
    parts.push(`${prefix}.lukija1`, `${prefix}.lukija2`);
  }
  return parts;
}

/**
 * Every email the demo seeds. The list, not the domain, finds the demo's accounts: the filter
 * language both engines share has no suffix match, and the list also finds an older seed's users.
 */
export const DEMO_EMAILS: readonly string[] = demoLocalParts().map(
  (local) => `${local}@${DEMO_DOMAIN}`,
);

export interface DemoLogin {
  email: string;
  role: Role;
  party?: string;
}

/**
 * Seed the demo negotiation group into an empty database. Returns the logins to print, or
 * undefined when the database already holds a group (never seed over real data).
 */
export async function seedDemo(repos: Repositories): Promise<DemoLogin[] | undefined> {
  if ((await repos.groups.count()) > 0) return undefined;
  // One hash for every demo account: they share the password, and hashing is slow by design.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const group = await repos.groups.create({
    name: 'Äänekosken neuvotteluryhmä',
    municipality: 'Äänekoski',
  });
  const logins: DemoLogin[] = [];
  let n = 0;
  const person = () => {
    n += 1;
    return `${FIRST_NAMES[n % FIRST_NAMES.length]} ${LAST_NAMES[(n * 7) % LAST_NAMES.length]}`;
  };
  const addPerson = async (local: string, role: Role, partyId: string | null, party?: string) => {
    const email = `${local}@${DEMO_DOMAIN}`;
    const user = await repos.users.create({ email, name: person(), passwordHash, locale: 'fi' });
    await repos.memberships.add({ groupId: group._id, userId: user._id, role, partyId });
    logins.push({ email, role, ...(party && { party }) });
  };

  await addPerson('puheenjohtaja', 'chair', null);
  await addPerson('varapuheenjohtaja', 'vice_chair', null);
  await addPerson('sihteeri', 'secretary', null);
  for (const spec of PARTIES) {
    const party = await repos.groups.addParty(group._id, {
      name: spec.name,
      shortName: spec.shortName,
      colour: spec.colour,
    });
    const prefix = spec.shortName.toLowerCase();
    await addPerson(`${prefix}.edustaja`, 'representative', party._id, spec.shortName);
    if (spec.deputy) await addPerson(`${prefix}.varajasen`, 'deputy', party._id, spec.shortName);
    await addPerson(`${prefix}.lukija1`, 'reader', party._id, spec.shortName);
    await addPerson(`${prefix}.lukija2`, 'reader', party._id, spec.shortName);
  }
  return logins;
}
