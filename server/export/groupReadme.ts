// README.txt of the group export, in Finnish, Swedish and English (one file for whoever opens
// the zip, whatever their language), the requester's language first. Our own words only: no
// group data but the edition.
import type { Audience } from '../../shared/confidentiality';
import type { Locale } from '../../shared/locales';

const TEXT: Record<Locale, { edition: Record<Audience, string>; body: string }> = {
  fi: {
    edition: {
      negotiators:
        'Painos: neuvottelijoiden. Luottamukselliset osat ovat mukana ja merkitty. Älä jaa tiedostoja ryhmän ulkopuolelle.',
      groups:
        'Painos: puolueryhmien (lukijoiden). Luottamukselliset osat on jätetty pois kaikista tiedostoista.',
      public: 'Painos: julkinen. Vain julkiset osat ovat mukana.',
    },
    body: [
      'Neuvotteluryhmän vienti',
      '',
      'group.json          ryhmä, puolueet (myös päättyneet), jäsenet ja roolit, kokoukset asialistoineen',
      '                    ja läsnäoloineen, hyväksytyt versiot (numero, hyväksyjä, aika, SHA-256),',
      '                    seurattavat asiat, kannanotot ja suostumuskierrokset, julkisuustason laskut',
      'versions/*.json     jokaisen hyväksytyn version sisältö: kohdat, sovitut asiat, puolueiden kannat,',
      '                    eriävät mielipiteet ja jatkotoimet',
      'versions/*.pdf      jokainen hyväksytty versio PDF-muodossa, sama kuin version oma PDF-vienti',
      'audit.json          ryhmän tapahtumaloki tiivisteketjuineen ja ketjun tarkistuksen tulos',
      '',
      'SHA-256 on laskettu hyväksymishetkellä tallennetusta sisällöstä. Kenttien kuvaus:',
      'docs/group-export.md ohjelman lähdekoodissa.',
    ].join('\n'),
  },
  sv: {
    edition: {
      negotiators:
        'Upplaga: förhandlarnas. Konfidentiella delar ingår och är märkta. Dela inte filerna utanför gruppen.',
      groups:
        'Upplaga: partigruppernas (läsarnas). Konfidentiella delar har utelämnats ur alla filer.',
      public: 'Upplaga: offentlig. Endast offentliga delar ingår.',
    },
    body: [
      'Export av förhandlingsgruppen',
      '',
      'group.json          gruppen, partierna (även avslutade), medlemmar och roller, möten med',
      '                    föredragningslista och närvaro, godkända versioner (nummer, godkänd av, tid,',
      '                    SHA-256), uppföljda ärenden, ställningstaganden och samtyckesrundor, sänkt sekretess',
      'versions/*.json     innehållet i varje godkänd version: avsnitt, överenskommelser, partiernas',
      '                    ståndpunkter, avvikande meningar och uppföljningar',
      'versions/*.pdf      varje godkänd version som PDF, samma som versionens egen PDF-export',
      'audit.json          gruppens händelselogg med hashkedja och resultatet av kedjans kontroll',
      '',
      'SHA-256 är beräknad på innehållet som sparades vid godkännandet. Fälten beskrivs i',
      'docs/group-export.md i programmets källkod.',
    ].join('\n'),
  },
  en: {
    edition: {
      negotiators:
        'Edition: negotiators’. Confidential parts are included and marked. Do not share these files outside the group.',
      groups: 'Edition: party groups’ (readers’). Confidential parts are withheld from every file.',
      public: 'Edition: public. Only public parts are included.',
    },
    body: [
      'Negotiation group export',
      '',
      'group.json          the group, its parties (ended ones too), members and roles, meetings with',
      '                    agenda and attendance, approved versions (number, approved by and at, SHA-256),',
      '                    tracked items, joint statements and consent rounds, declassifications',
      'versions/*.json     the content of every approved version: sections, agreed points, each party’s',
      '                    stance, dissents and follow-ups',
      'versions/*.pdf      every approved version as PDF, the same as the version’s own PDF export',
      'audit.json          the group’s audit log with its hash chain and the result of checking it',
      '',
      'Each SHA-256 was computed over the content stored at approval. The fields are described in',
      'docs/group-export.md in the source code.',
    ].join('\n'),
  },
};

const ORDER: readonly Locale[] = ['fi', 'sv', 'en'];

/** The README for `audience`, every language, `locale` first; CRLF so Notepad shows lines too. */
export function groupExportReadme(audience: Audience, locale: Locale): string {
  const locales = [locale, ...ORDER.filter((other) => other !== locale)];
  return locales
    .map((l) => `${TEXT[l].body}\n\n${TEXT[l].edition[audience]}\n`)
    .join('\n----------------------------------------------------------------\n\n')
    .replace(/\n/g, '\r\n');
}
