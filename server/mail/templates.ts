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
