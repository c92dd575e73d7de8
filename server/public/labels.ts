// The words of the public page (`/julkinen/:groupId`), in the three interface languages. Finnish
// is the default: the page is read without logging in, so there is no profile language to follow.
import { DEFAULT_LOCALE, LOCALES, type Locale } from '../../shared/locales';

export interface PublicPageLabels {
  /** Page heading before the group's name. */
  heading: string;
  intro: string;
  statements: string;
  noStatements: string;
  released: string;
  hash: string;
  downloadPdf: string;
  memos: string;
  noMemos: string;
  meeting: string;
  version: string;
  approved: string;
  /** When every party consented to publishing a memo version. */
  published: string;
  openMemo: string;
  /** Shown on a memo whose public rendering includes declassified content. */
  declassified: string;
  feed: string;
  language: string;
  notFoundTitle: string;
  notFound: string;
  /** The link back from a memo's public rendering to the group's page. */
  backToPage: string;
}

export const PUBLIC_PAGE_LABELS: Record<Locale, PublicPageLabels> = {
  fi: {
    heading: 'Julkiset tiedot',
    intro:
      'Tällä sivulla ovat neuvotteluryhmän yhteiset kannanotot ja hyväksyttyjen muistioiden julkiset osat, jotka on julkaistu jokaisen puolueen suostumuksella.',
    statements: 'Yhteiset kannanotot',
    noStatements: 'Yhteisiä kannanottoja ei ole julkaistu.',
    released: 'Julkaistu',
    hash: 'Tunnistekoodi',
    downloadPdf: 'Lataa PDF',
    memos: 'Muistiot',
    noMemos: 'Julkisia muistioita ei ole.',
    meeting: 'Kokous',
    version: 'Versio',
    approved: 'Hyväksytty',
    published: 'Julkaistu kaikkien puolueiden suostumuksella',
    openMemo: 'Avaa julkinen versio',
    declassified: 'Sisältää ryhmien yhteisellä suostumuksella julkistettua aineistoa.',
    feed: 'Sama tieto koneluettavana (JSON)',
    language: 'Kieli',
    notFoundTitle: 'Sivua ei löytynyt',
    notFound: 'Hakemaasi sivua ei ole tai sitä ei ole julkaistu.',
    backToPage: 'Takaisin julkisiin tietoihin',
  },
  sv: {
    heading: 'Offentliga uppgifter',
    intro:
      'På denna sida finns förhandlingsgruppens gemensamma ställningstaganden och de offentliga delarna av godkända promemorior, publicerade med varje partis samtycke.',
    statements: 'Gemensamma ställningstaganden',
    noStatements: 'Inga gemensamma ställningstaganden har publicerats.',
    released: 'Publicerat',
    hash: 'Kontrollkod',
    downloadPdf: 'Ladda ner PDF',
    memos: 'Promemorior',
    noMemos: 'Det finns inga offentliga promemorior.',
    meeting: 'Möte',
    version: 'Version',
    approved: 'Godkänd',
    published: 'Publicerad med alla partiers samtycke',
    openMemo: 'Öppna den offentliga versionen',
    declassified: 'Innehåller material som offentliggjorts med gruppernas gemensamma samtycke.',
    feed: 'Samma uppgifter maskinläsbart (JSON)',
    language: 'Språk',
    notFoundTitle: 'Sidan hittades inte',
    notFound: 'Sidan du söker finns inte eller har inte publicerats.',
    backToPage: 'Tillbaka till de offentliga uppgifterna',
  },
  en: {
    heading: 'Public information',
    intro:
      'This page holds the negotiating group’s joint statements and the public parts of approved memos, published with every party’s consent.',
    statements: 'Joint statements',
    noStatements: 'No joint statements have been published.',
    released: 'Published',
    hash: 'Check code',
    downloadPdf: 'Download PDF',
    memos: 'Memos',
    noMemos: 'There are no public memos.',
    meeting: 'Meeting',
    version: 'Version',
    approved: 'Approved',
    published: 'Published with every party’s consent',
    openMemo: 'Open the public version',
    declassified: 'Includes content made public with every party’s consent.',
    feed: 'The same as machine-readable data (JSON)',
    language: 'Language',
    notFoundTitle: 'Page not found',
    notFound: 'The page you are looking for does not exist or has not been published.',
    backToPage: 'Back to the public information',
  },
};

/** `?lang=` when it names an interface language; Finnish otherwise (a public page never fails on it). */
export function publicLocale(requested: unknown): Locale {
  return LOCALES.find((locale) => locale === requested) ?? DEFAULT_LOCALE;
}
