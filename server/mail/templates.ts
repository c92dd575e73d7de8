import type { Locale } from '../../shared/locales';
import type { Role } from '../../shared/roles';

const ROLE_NAMES: Record<Role, [fi: string, sv: string, en: string]> = {
  chair: ['puheenjohtaja', 'ordförande', 'chair'],
  vice_chair: ['varapuheenjohtaja', 'vice ordförande', 'vice-chair'],
  secretary: ['sihteeri', 'sekreterare', 'secretary'],
  representative: ['edustaja', 'representant', 'representative'],
  deputy: ['varajäsen', 'suppleant', 'deputy'],
  reader: ['lukija', 'läsare', 'reader'],
  admin: ['ylläpitäjä', 'administratör', 'administrator'],
};

/** The invitation email, in Finnish, Swedish and English: we do not yet know the invitee's language. */
export function invitationMail(input: {
  groupName: string;
  role: Role;
  link: string;
  expiresAt: Date;
}) {
  const [fi, sv, en] = ROLE_NAMES[input.role];
  const until = input.expiresAt.toISOString().slice(0, 10);
  return {
    subject: `Kutsu neuvotteluryhmään / Inbjudan till förhandlingsgruppen: ${input.groupName}`,
    text: [
      `Sinut on kutsuttu ryhmään "${input.groupName}" roolissa ${fi}.`,
      `Hyväksy kutsu tästä linkistä (voimassa ${until} asti):`,
      input.link,
      '',
      `Du har bjudits in till gruppen "${input.groupName}" som ${sv}.`,
      `Godkänn inbjudan via länken ovan (giltig till ${until}).`,
      '',
      `You have been invited to "${input.groupName}" as ${en}. Accept with the link above (valid until ${until}).`,
    ].join('\n'),
  };
}

const DELIVERED: Record<
  Locale,
  {
    subject: (group: string) => string;
    body: (title: string, date: string, version: number) => string;
    open: string;
    footer: string;
  }
> = {
  fi: {
    subject: (group) => `Uusi hyväksytty muistio: ${group}`,
    body: (title, date, version) =>
      `Puheenjohtaja on hyväksynyt kokouksen "${title}" (${date}) muistion, versio ${version}.`,
    open: 'Lue muistio kirjautumalla palveluun:',
    footer: 'Muistion sisältöä ei lähetetä sähköpostilla.',
  },
  sv: {
    subject: (group) => `Ny godkänd promemoria: ${group}`,
    body: (title, date, version) =>
      `Ordföranden har godkänt promemorian från mötet "${title}" (${date}), version ${version}.`,
    open: 'Läs promemorian genom att logga in:',
    footer: 'Promemorians innehåll skickas inte per e-post.',
  },
  en: {
    subject: (group) => `New approved memo: ${group}`,
    body: (title, date, version) =>
      `The chair has approved the memo of the meeting "${title}" (${date}), version ${version}.`,
    open: 'Read the memo by signing in:',
    footer: 'The memo itself is never sent by email.',
  },
};

/**
 * Tells a reader that a memo version is available. It carries a link and the meeting's name,
 * never memo content: email leaves our control.
 */
export function memoDeliveredMail(input: {
  locale: Locale;
  groupName: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  version: number;
  link: string;
}) {
  const words = DELIVERED[input.locale];
  const date = new Intl.DateTimeFormat(`${input.locale}-FI`, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'long',
  }).format(input.meetingStartsAt);
  return {
    subject: words.subject(input.groupName),
    text: [
      words.body(input.meetingTitle, date, input.version),
      '',
      words.open,
      input.link,
      '',
      words.footer,
    ].join('\n'),
  };
}
