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
    /** The same, when a vice-chair approved as acting chair (issue 19). */
    actingBody: (title: string, date: string, version: number, name: string) => string;
    open: string;
    footer: string;
  }
> = {
  fi: {
    subject: (group) => `Uusi hyväksytty muistio: ${group}`,
    body: (title, date, version) =>
      `Puheenjohtaja on hyväksynyt kokouksen "${title}" (${date}) muistion, versio ${version}.`,
    actingBody: (title, date, version, name) =>
      `Varapuheenjohtaja ${name} on puheenjohtajan sijaisena hyväksynyt kokouksen "${title}" (${date}) muistion, versio ${version}.`,
    open: 'Lue muistio kirjautumalla palveluun:',
    footer: 'Muistion sisältöä ei lähetetä sähköpostilla.',
  },
  sv: {
    subject: (group) => `Ny godkänd promemoria: ${group}`,
    body: (title, date, version) =>
      `Ordföranden har godkänt promemorian från mötet "${title}" (${date}), version ${version}.`,
    actingBody: (title, date, version, name) =>
      `Vice ordförande ${name} har i ordförandens ställe godkänt promemorian från mötet "${title}" (${date}), version ${version}.`,
    open: 'Läs promemorian genom att logga in:',
    footer: 'Promemorians innehåll skickas inte per e-post.',
  },
  en: {
    subject: (group) => `New approved memo: ${group}`,
    body: (title, date, version) =>
      `The chair has approved the memo of the meeting "${title}" (${date}), version ${version}.`,
    actingBody: (title, date, version, name) =>
      `Vice-chair ${name}, acting for the chair, has approved the memo of the meeting "${title}" (${date}), version ${version}.`,
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
  /** The vice-chair who approved as acting chair; absent when the chair approved. */
  actingChair?: string;
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
      input.actingChair === undefined
        ? words.body(input.meetingTitle, date, input.version)
        : words.actingBody(input.meetingTitle, date, input.version, input.actingChair),
      '',
      words.open,
      input.link,
      '',
      words.footer,
    ].join('\n'),
  };
}

type ConsentMailKind =
  'requested' | 'withdrawn' | 'restarted' | 'reminder' | 'blocked' | 'released';
type ConsentMailSubject = 'statement' | 'declassification' | 'publication';

const CONSENT_MAIL: Record<
  Locale,
  {
    subject: Record<ConsentMailKind, (group: string) => string>;
    what: Record<ConsentMailSubject, string>;
    body: Record<Exclude<ConsentMailKind, 'released'>, (what: string) => string>;
    /** What every party's consent did, said per subject: each comes into force differently. */
    released: Record<ConsentMailSubject, string>;
    deadline: (date: string) => string;
    open: string;
    footer: string;
  }
> = {
  fi: {
    subject: {
      requested: (group) => `Puolueeltasi pyydetään suostumusta: ${group}`,
      withdrawn: (group) => `Tekstiä muokataan, suostumus raukesi: ${group}`,
      restarted: (group) => `Puolueet muuttuivat, suostumuskierros alkoi alusta: ${group}`,
      reminder: (group) => `Muistutus: suostumuksen määräaika lähestyy: ${group}`,
      blocked: (group) => `Puolue vastusti: ${group}`,
      released: (group) => `Kaikki puolueet suostuivat: ${group}`,
    },
    what: {
      statement: 'yhteinen kannanotto',
      declassification: 'luottamuksellisuuden alentaminen',
      publication: 'muistion julkaiseminen',
    },
    body: {
      requested: (what) => `Puolueesi vastausta odottaa ${what}.`,
      withdrawn: (what) =>
        `Tekstiä (${what}) muokataan sen jälkeen, kun puolueesi suostui. Suostumus raukesi; vastatkaa, kun muokattu teksti lähetetään uudelle kierrokselle.`,
      restarted: (what) =>
        `Ryhmän puolueet muuttuivat, kun ${what} odotti suostumusta. Kierros alkoi alusta nykyisin puoluein: jokainen puolue vastaa uudelleen.`,
      reminder: (what) => `Puolueesi vastausta odottaa yhä ${what}.`,
      blocked: (what) => `Puolue vastusti (${what}); sitä ei julkaista.`,
    },
    released: {
      statement: 'Kaikki puolueet suostuivat, ja yhteinen kannanotto on julkaistu.',
      declassification: 'Kaikki puolueet suostuivat, ja kohdan luottamuksellisuutta on alennettu.',
      publication: 'Kaikki puolueet suostuivat, ja muistion julkiset kohdat on julkaistu.',
    },
    deadline: (date) => `Määräaika: ${date}.`,
    open: 'Katso tiedot kirjautumalla palveluun:',
    footer: 'Tekstiä ei lähetetä sähköpostilla.',
  },
  sv: {
    subject: {
      requested: (group) => `Ditt partis samtycke begärs: ${group}`,
      withdrawn: (group) => `Texten redigeras, samtycket förföll: ${group}`,
      restarted: (group) => `Partierna ändrades, samtyckesrundan började om: ${group}`,
      reminder: (group) => `Påminnelse: tidsfristen för samtycke närmar sig: ${group}`,
      blocked: (group) => `Ett parti motsatte sig: ${group}`,
      released: (group) => `Alla partier samtyckte: ${group}`,
    },
    what: {
      statement: 'ett gemensamt uttalande',
      declassification: 'en sänkt sekretessnivå',
      publication: 'en publicering av promemorian',
    },
    body: {
      requested: (what) => `Ditt partis svar väntas på ${what}.`,
      withdrawn: (what) =>
        `Texten (${what}) redigeras efter att ditt parti samtyckt. Samtycket förföll; svara när den redigerade texten skickas till en ny runda.`,
      restarted: (what) =>
        `Gruppens partier ändrades medan ${what} väntade på samtycke. Rundan började om med partierna nu: varje parti svarar på nytt.`,
      reminder: (what) => `Ditt partis svar väntas fortfarande på ${what}.`,
      blocked: (what) => `Ett parti motsatte sig (${what}); det publiceras inte.`,
    },
    released: {
      statement: 'Alla partier samtyckte och det gemensamma ställningstagandet har publicerats.',
      declassification: 'Alla partier samtyckte och punktens sekretessnivå har sänkts.',
      publication: 'Alla partier samtyckte och promemorians offentliga delar har publicerats.',
    },
    deadline: (date) => `Tidsfrist: ${date}.`,
    open: 'Se detaljerna genom att logga in:',
    footer: 'Texten skickas inte per e-post.',
  },
  en: {
    subject: {
      requested: (group) => `Your party’s consent is requested: ${group}`,
      withdrawn: (group) => `The text is being edited, your consent was withdrawn: ${group}`,
      restarted: (group) => `The parties changed, the consent round started over: ${group}`,
      reminder: (group) => `Reminder: a consent deadline approaches: ${group}`,
      blocked: (group) => `A party objected: ${group}`,
      released: (group) => `Every party consented: ${group}`,
    },
    what: {
      statement: 'a joint statement',
      declassification: 'a declassification',
      publication: 'the publication of a memo',
    },
    body: {
      requested: (what) => `Your party’s answer is awaited on ${what}.`,
      withdrawn: (what) =>
        `The text (${what}) is being edited after your party consented. The consent was withdrawn; please answer when the edited text is put to a new round.`,
      restarted: (what) =>
        `The group’s parties changed while ${what} awaited consent. The round started over with the parties now: every party answers again.`,
      reminder: (what) => `Your party’s answer is still awaited on ${what}.`,
      blocked: (what) => `A party objected (${what}); it will not be published.`,
    },
    released: {
      statement: 'Every party consented, and the joint statement has been published.',
      declassification: 'Every party consented, and the item’s confidentiality level was lowered.',
      publication: 'Every party consented, and the public parts of the memo have been published.',
    },
    deadline: (date) => `Deadline: ${date}.`,
    open: 'See the details by signing in:',
    footer: 'The text itself is never sent by email.',
  },
};

/**
 * Tells a negotiator that a joint statement or a declassification awaits (or changed, or was
 * released). A link and the group's name only: never the statement's title or text, nor which
 * memo item a declassification concerns. Email leaves our control.
 */
export function consentNoticeMail(input: {
  locale: Locale;
  kind: ConsentMailKind;
  requestKind: ConsentMailSubject;
  groupName: string;
  deadline: Date | null;
  link: string;
}) {
  const words = CONSENT_MAIL[input.locale];
  const lines = [
    input.kind === 'released'
      ? words.released[input.requestKind]
      : words.body[input.kind](words.what[input.requestKind]),
  ];
  if (input.deadline && (input.kind === 'requested' || input.kind === 'reminder')) {
    const date = new Intl.DateTimeFormat(`${input.locale}-FI`, {
      timeZone: 'Europe/Helsinki',
      dateStyle: 'long',
      timeStyle: 'short',
    }).format(input.deadline);
    lines.push(words.deadline(date));
  }
  return {
    subject: words.subject[input.kind](input.groupName),
    text: [...lines, '', words.open, input.link, '', words.footer].join('\n'),
  };
}

const PASSWORD_RESET: Record<
  Locale,
  { subject: string; body: string; until: (date: string) => string; ignore: string }
> = {
  fi: {
    subject: 'Salasanan vaihtaminen',
    body: 'Joku (toivottavasti sinä) pyysi linkkiä tilisi salasanan vaihtamiseen. Vaihda salasana tästä linkistä:',
    until: (date) =>
      `Linkki toimii kerran, ${date} asti. Kun salasana on vaihdettu, kaikki tilisi istunnot päättyvät.`,
    ignore: 'Jos et pyytänyt linkkiä, voit jättää tämän viestin huomiotta: salasanasi ei muutu.',
  },
  sv: {
    subject: 'Byte av lösenord',
    body: 'Någon (förhoppningsvis du) bad om en länk för att byta lösenordet till ditt konto. Byt lösenord via länken:',
    until: (date) =>
      `Länken fungerar en gång, till ${date}. När lösenordet har bytts avslutas alla sessioner för ditt konto.`,
    ignore:
      'Om du inte bad om länken kan du strunta i det här meddelandet: ditt lösenord ändras inte.',
  },
  en: {
    subject: 'Setting a new password',
    body: 'Someone (hopefully you) asked for a link to set a new password for your account. Set it with this link:',
    until: (date) =>
      `The link works once, until ${date}. Once the password is set, every session of your account ends.`,
    ignore: 'If you did not ask for it, ignore this email: your password stays as it is.',
  },
};

/** The self-service password reset link, in the account's language. */
export function passwordResetMail(input: { locale: Locale; link: string; expiresAt: Date }) {
  const words = PASSWORD_RESET[input.locale];
  const until = new Intl.DateTimeFormat(`${input.locale}-FI`, {
    timeZone: 'Europe/Helsinki',
    dateStyle: 'long',
    timeStyle: 'short',
  }).format(input.expiresAt);
  return {
    subject: words.subject,
    text: [words.body, input.link, '', words.until(until), '', words.ignore].join('\n'),
  };
}

/** "torstai 3. joulukuuta 2026 klo 14.05": the meeting's time as the member reads it. */
function inHelsinki(locale: Locale, at: Date): string {
  const format = { timeZone: 'Europe/Helsinki', dateStyle: 'full', timeStyle: 'short' } as const;
  return new Intl.DateTimeFormat(`${locale}-FI`, format).format(at);
}

type MeetingMailKind = 'invitation' | 'update' | 'cancellation';

const MEETING_INVITATION: Record<
  Locale,
  {
    subject: Record<MeetingMailKind, (title: string) => string>;
    lead: Record<MeetingMailKind, (group: string) => string>;
    when: string;
    where: string;
    open: string;
    footer: string;
  }
> = {
  fi: {
    subject: {
      invitation: (title) => `Kokouskutsu: ${title}`,
      update: (title) => `Kokouskutsu muuttui: ${title}`,
      cancellation: (title) => `Kokous on peruttu: ${title}`,
    },
    lead: {
      invitation: (group) => `Sinut kutsutaan ryhmän "${group}" kokoukseen.`,
      update: (group) => `Ryhmän "${group}" kokouksen tiedot ovat muuttuneet.`,
      cancellation: (group) => `Ryhmän "${group}" kokous on peruttu.`,
    },
    when: 'Aika',
    where: 'Paikka',
    open: 'Esityslista ja kokouksen tiedot palvelussa:',
    footer: 'Esityslistaa ei lähetetä sähköpostilla. Liitteenä on kalenterimerkintä.',
  },
  sv: {
    subject: {
      invitation: (title) => `Möteskallelse: ${title}`,
      update: (title) => `Möteskallelsen har ändrats: ${title}`,
      cancellation: (title) => `Mötet är inställt: ${title}`,
    },
    lead: {
      invitation: (group) => `Du kallas till ett möte i gruppen "${group}".`,
      update: (group) => `Uppgifterna om mötet i gruppen "${group}" har ändrats.`,
      cancellation: (group) => `Mötet i gruppen "${group}" är inställt.`,
    },
    when: 'Tid',
    where: 'Plats',
    open: 'Föredragningslistan och mötets uppgifter i tjänsten:',
    footer: 'Föredragningslistan skickas inte per e-post. En kalenderpost är bifogad.',
  },
  en: {
    subject: {
      invitation: (title) => `Meeting invitation: ${title}`,
      update: (title) => `Meeting invitation changed: ${title}`,
      cancellation: (title) => `Meeting cancelled: ${title}`,
    },
    lead: {
      invitation: (group) => `You are invited to a meeting of "${group}".`,
      update: (group) => `The meeting of "${group}" has changed.`,
      cancellation: (group) => `The meeting of "${group}" has been cancelled.`,
    },
    when: 'When',
    where: 'Where',
    open: 'The agenda and the meeting’s details, signed in:',
    footer: 'The agenda is never sent by email. A calendar entry is attached.',
  },
};

/**
 * A meeting's invitation, update or cancellation: the meeting's title, time, place and a link.
 * Never an agenda item, not even its title: email leaves our control, and an item may be
 * confidential (issue 19).
 */
export function meetingInvitationMail(input: {
  locale: Locale;
  kind: MeetingMailKind;
  groupName: string;
  meetingTitle: string;
  startsAt: Date;
  location: string;
  link: string;
}) {
  const words = MEETING_INVITATION[input.locale];
  const lines = [words.lead[input.kind](input.groupName), '', input.meetingTitle];
  return {
    subject: words.subject[input.kind](input.meetingTitle),
    text: [
      ...lines,
      `${words.when}: ${inHelsinki(input.locale, input.startsAt)}`,
      ...(input.location ? [`${words.where}: ${input.location}`] : []),
      '',
      words.open,
      input.link,
      '',
      words.footer,
    ].join('\n'),
  };
}

const FOLLOW_UP_REMINDER: Record<
  Locale,
  {
    subject: Record<'soon' | 'overdue', (group: string) => string>;
    body: Record<'soon' | 'overdue', (due: string) => string>;
    item: string;
    open: string;
  }
> = {
  fi: {
    subject: {
      soon: (group) => `Jatkotoimen määräaika lähestyy: ${group}`,
      overdue: (group) => `Jatkotoimi on myöhässä: ${group}`,
    },
    body: {
      soon: (due) => `Sinun tai puolueesi vastuulla olevan jatkotoimen määräaika on ${due}.`,
      overdue: (due) => `Sinun tai puolueesi vastuulla olevan jatkotoimen määräaika oli ${due}.`,
    },
    item: 'Jatkotoimi:',
    open: 'Katso omat jatkotoimesi kirjautumalla palveluun:',
  },
  sv: {
    subject: {
      soon: (group) => `Tidsfristen för en uppföljning närmar sig: ${group}`,
      overdue: (group) => `En uppföljning är försenad: ${group}`,
    },
    body: {
      soon: (due) =>
        `Tidsfristen för en uppföljning som du eller ditt parti ansvarar för är ${due}.`,
      overdue: (due) =>
        `Tidsfristen för en uppföljning som du eller ditt parti ansvarar för var ${due}.`,
    },
    item: 'Uppföljning:',
    open: 'Se dina uppföljningar genom att logga in:',
  },
  en: {
    subject: {
      soon: (group) => `A follow-up is due soon: ${group}`,
      overdue: (group) => `A follow-up is late: ${group}`,
    },
    body: {
      soon: (due) => `A follow-up that you or your party own is due on ${due}.`,
      overdue: (due) => `A follow-up that you or your party own was due on ${due}.`,
    },
    item: 'Follow-up:',
    open: 'See your follow-ups by signing in:',
  },
};

/**
 * Reminds an owner of a follow-up's due date (issue 19). `text` is the follow-up's own text, or
 * null for a confidential one: then the email is link-only, like every other that could carry
 * closed content.
 */
export function followUpReminderMail(input: {
  locale: Locale;
  kind: 'soon' | 'overdue';
  groupName: string;
  /** `YYYY-MM-DD`. */
  due: string;
  text: string | null;
  link: string;
}) {
  const words = FOLLOW_UP_REMINDER[input.locale];
  const [year, month, day] = input.due.split('-').map(Number);
  const due = `${day}.${month}.${year}`;
  return {
    subject: words.subject[input.kind](input.groupName),
    text: [
      words.body[input.kind](due),
      ...(input.text ? ['', words.item, input.text] : []),
      '',
      words.open,
      input.link,
    ].join('\n'),
  };
}
