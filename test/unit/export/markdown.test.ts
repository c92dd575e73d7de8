import { find as findLinks } from 'linkifyjs';
import { describe, expect, it } from 'vitest';
import { MEMO_LABELS } from '../../../shared/memo/labels';
import { escapeMarkdownInline, escapeMarkdownLine } from '../../../server/export/escape';
import { renderMarkdown } from '../../../server/export/markdown';
import { GROUPS_ONLY, SECRET } from '../memo/contentFixture';
import { CHAIR, fixtureView, HOSTILE, NORDIC_TEXT, NORDIC_TITLE } from './viewFixture';

const fi = MEMO_LABELS.fi;

/** The text a Markdown reader shows: backslash escapes resolved (canaries hold underscores). */
function shown(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

/**
 * Markdown's inline text as a linkifier gets it, and its code spans: backslash escapes resolved
 * (remark and commonmark-java resolve them before they look for links) and code spans taken out
 * (no renderer links inside code). A CommonMark code span is a run of backticks up to the next run
 * of the same length.
 */
function inlineParts(markdown: string): { text: string; code: string[] } {
  let text = '';
  const code: string[] = [];
  for (let i = 0; i < markdown.length;) {
    if (markdown[i] === '\\' && /[!-/:-@[-`{-~]/.test(markdown[i + 1] ?? '')) {
      text += markdown[i + 1];
      i += 2;
      continue;
    }
    const fence = /^`+/.exec(markdown.slice(i))?.[0];
    if (!fence) {
      text += markdown[i];
      i += 1;
      continue;
    }
    const close = new RegExp(`(?<!\`)${fence}(?!\`)`).exec(markdown.slice(i + fence.length));
    if (!close) {
      text += fence;
      i += fence.length;
      continue;
    }
    code.push(
      markdown.slice(i + fence.length, i + fence.length + close.index).replace(/^ (.*) $/, '$1'),
    );
    text += ' ';
    i += fence.length + close.index + fence.length;
  }
  return { text, code };
}

/** Lines of the file that hold a Markdown character not escaped with a backslash. */
function unescaped(markdown: string, chars: string): string[] {
  const pattern = new RegExp(`(?<!\\\\)[${chars.replace(/[\]\\^-]/g, '\\$&')}]`);
  return markdown.split('\n').filter((line) => pattern.test(line));
}

describe('renderMarkdown', () => {
  it('gives the groups rendering with title, stamp, audience and the disclaimer', () => {
    const view = fixtureView('groups');
    const md = renderMarkdown(view, 'fi');
    expect(md.startsWith('# Muistio: Talousarvioneuvottelu\n')).toBe(true);
    expect(md).toContain(`> - ${fi.approvedBy}: ${CHAIR}`);
    expect(md).toContain(`> - ${fi.approvedAt}: 24. marraskuuta 2026 klo 14.05`);
    expect(md).toContain(`> - ${fi.version}: 2`);
    expect(md).toContain(`> - ${fi.hash}: \`${view.hash}\``);
    expect(view.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(md).toContain(`**${fi.audience.groups}**`);
    expect(md).toContain(`*${fi.disclaimer}*`);
    expect(md).toContain('Kokous: 7. joulukuuta 2026 klo 17.00');
  });

  it('keeps Finnish and Swedish letters as they are', () => {
    const md = renderMarkdown(fixtureView('groups'), 'fi');
    expect(md).toContain(`## 4. ${NORDIC_TITLE} (${fi.levels.groups})`);
    expect(md).toContain(NORDIC_TEXT);
    expect(md).toContain('Äänekosken neuvotteluryhmä');
  });

  it('shows sections, agreed points with every stance, follow-ups and dissents', () => {
    const md = renderMarkdown(fixtureView('groups'), 'fi');
    expect(md).toContain(`## 1. Talousarvio (${fi.levels.public})`);
    expect(md).toContain(`**${fi.agreedPoint}**\n\nSäästölista valmistellaan.`);
    expect(md).toContain(`${fi.stancesHeading}:`);
    expect(md).toContain(`- **KESK**: ${fi.stances.agree}\n`);
    expect(md).toContain(`- **SDP**: ${fi.stances.reservation} – Ryhmä päättää.`);
    expect(md).toContain(`- **VIHR**: ${fi.stanceNotStated}`);
    expect(md).toContain(
      `**${fi.followUp}**\n\nSelvitys\n\n- ${fi.owner}: KOK\n- ${fi.due}: 1. helmikuuta 2027`,
    );
    expect(md).toContain(`### ${fi.dissents}\n\n- **KESK**: Julkinen eriävä kanta.`);
    // A block more closed than its section says so.
    expect(md).toContain(`*(${fi.levels.groups})*\n\n• eka`);
  });

  it('withholds for the groups: neutral text in place, no confidential canary', () => {
    const md = shown(renderMarkdown(fixtureView('groups'), 'fi'));
    expect(md).toContain(`*${fi.withheld}*`);
    expect(md).toContain(`## *${fi.withheld}*`);
    expect(md).toContain(GROUPS_ONLY);
    for (const secret of Object.values(SECRET)) expect(md).not.toContain(secret);
  });

  it('gives the public no groups-level text and shows a run of withheld items once', () => {
    const md = shown(renderMarkdown(fixtureView('public'), 'fi'));
    expect(md).toContain(`**${fi.audience.public}**`);
    expect(md).not.toContain(GROUPS_ONLY);
    expect(md).not.toContain(NORDIC_TITLE);
    for (const secret of Object.values(SECRET)) expect(md).not.toContain(secret);
    // Levels are left out where everything is public.
    expect(md).toContain('## 1. Talousarvio\n');
    // Two withheld blocks side by side, one withheld dissent, three withheld sections in a row.
    expect(md.split(fi.withheld)).toHaveLength(1 + 3);
  });

  it('shows the negotiators everything they are given', () => {
    const md = shown(renderMarkdown(fixtureView('negotiators'), 'fi'));
    for (const secret of Object.values(SECRET)) expect(md).toContain(secret);
    expect(md).not.toContain(fi.withheld);
  });

  it('escapes hostile text so it cannot become links, images or HTML', () => {
    const md = renderMarkdown(fixtureView('groups'), 'fi');
    expect(md).not.toContain(HOSTILE.script);
    expect(md).not.toContain(HOSTILE.link);
    expect(md).not.toContain(HOSTILE.image);
    expect(md).not.toContain('<script>');
    expect(md).not.toMatch(/(?<!\\)<img/);
    expect(md).toContain('\\<script\\>alert("x")\\</script\\>');
    // Addresses are code, which no renderer makes a link of.
    expect(md).toContain('\\!\\[seuranta\\](`https://evil.example/pixel.png`)');
    expect(md).toContain('\\[klikkaa tästä\\](`https://evil.example/phish`)');
    expect(md).toContain('Åke Öhman \\<`ake@example.fi`\\>');
    expect(unescaped(md.replace(/`[^`]*`/g, ''), '<[]!&|')).toEqual([]);
    // The code spans are the checksum's and the addresses'.
    expect(inlineParts(md).code.sort()).toEqual(
      [
        fixtureView('groups').hash,
        'https://evil.example/pixel.png',
        'https://evil.example/phish',
        'ake@example.fi',
      ].sort(),
    );
    // Text that would open a heading, a list or a quote at the start of a line stays text.
    expect(md).toContain('\\# Otsikko?\\\n1\\. lista\\\n\\> lainaus');
    expect(md.split('\n').filter((line) => /^(#+ Otsikko|1\. lista|> lainaus)/.test(line))).toEqual(
      [],
    );
  });

  it('speaks Swedish and English', () => {
    const sv = renderMarkdown(fixtureView('groups'), 'sv');
    expect(sv.startsWith('# Promemoria: ')).toBe(true);
    expect(sv).toContain(MEMO_LABELS.sv.disclaimer);
    expect(sv).toContain(`> - ${MEMO_LABELS.sv.approvedAt}: 24 november 2026 kl. 14.05`);
    expect(sv).toContain(MEMO_LABELS.sv.withheld);
    const en = renderMarkdown(fixtureView('groups'), 'en');
    expect(en).toContain(MEMO_LABELS.en.disclaimer);
    expect(en).toContain(`${MEMO_LABELS.en.audience.groups}`);
    expect(en).toContain('24 November 2026 at 14:05');
  });
});

describe('Markdown escaping', () => {
  it('makes addresses code, so no renderer links them, and keeps them readable', () => {
    expect(escapeMarkdownLine('Katso https://kunta.fi/ohje.')).toBe(
      'Katso `https://kunta.fi/ohje`.',
    );
    expect(escapeMarkdownLine('(www.kunta.fi), a@b.c')).toBe('(`www.kunta.fi`), `a@b.c`');
    expect(escapeMarkdownLine('<ake@example.fi>')).toBe('\\<`ake@example.fi`\\>');
    expect(escapeMarkdownLine('- https://x.fi/a_b')).toBe('\\- `https://x.fi/a_b`');
    // A backtick in the address: a longer fence, and a space where the text meets it.
    expect(escapeMarkdownLine('https://x.fi/`a`')).toBe('`` https://x.fi/`a` ``');
    // Times, dates and abbreviations are not addresses.
    const plain = 'klo 17.30, 7.12.2026, esim. näin, n.k. 5 %';
    expect(escapeMarkdownLine(plain)).toBe(plain);
  });

  it('leaves a linkifier nothing to link in what GFM and looser renderers would link', () => {
    const hostile = [
      'Katso https://kunta.fi/ohje ja http://vanha.kunta.fi.',
      'Lisää: www.kunta.fi/paatokset, tai (kunta.fi).',
      'Kysy: matti.meikalainen@kunta.fi tai <ake@example.fi>',
      'mailto:kirjaamo@kunta.fi, ftp://tiedostot.kunta.fi xmpp:a@b.fi',
      '**https://evil.example.com/phish** [klikkaa](https://evil.example/phish)',
      // A writer's own escapes, which remark would resolve before linking.
      'https\\://kunta.fi www\\.kunta.fi',
    ];
    for (const text of hostile) {
      // The check can fail: the text as typed is full of links.
      expect(findLinks(text).length, text).toBeGreaterThan(0);
      const md = escapeMarkdownLine(text);
      expect(findLinks(inlineParts(md).text), md).toEqual([]);
    }
    const rendered = renderMarkdown(fixtureView('negotiators'), 'fi');
    expect(findLinks(shown(rendered)).length).toBeGreaterThan(0);
    expect(findLinks(inlineParts(rendered).text)).toEqual([]);
  });

  it('escapes inline syntax everywhere and block syntax at the start of a line', () => {
    expect(escapeMarkdownLine('  - kohta')).toBe('\\- kohta');
    expect(escapeMarkdownLine('12. kohta')).toBe('12\\. kohta');
    expect(escapeMarkdownLine('3) kohta')).toBe('3\\) kohta');
    expect(escapeMarkdownLine('+ = ###')).toBe('\\+ = \\#\\#\\#');
    expect(escapeMarkdownLine('*a* _b_ `c` ~d~ $e$ a|b &amp; \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\~d\\~ \\$e\\$ a\\|b \\&amp; \\\\',
    );
    // Mid-line, a number and a dash are just text.
    expect(escapeMarkdownLine('24. marraskuuta - klo', false)).toBe('24. marraskuuta - klo');
    expect(escapeMarkdownInline('rivi\nja\r\ntoinen')).toBe('rivi ja toinen');
  });
});
