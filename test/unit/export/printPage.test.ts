import { describe, expect, it } from 'vitest';
import { MEMO_LABELS } from '../../../shared/memo/labels';
import { escapeHtml } from '../../../server/export/escape';
import { renderPrintPage } from '../../../server/export/printPage';
import { GROUPS_ONLY, SECRET } from '../memo/contentFixture';
import { CHAIR, fixtureView, NORDIC_TEXT, NORDIC_TITLE } from './viewFixture';

const fi = MEMO_LABELS.fi;

/** The page's visible text: tags dropped, the entities we write decoded. */
function textOf(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

describe('renderPrintPage', () => {
  it('is a complete page in the right language with nothing loaded from elsewhere', () => {
    const html = renderPrintPage(fixtureView('groups'), 'fi');
    expect(html.startsWith('<!doctype html>\n<html lang="fi-FI">')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<title>Muistio: Talousarvioneuvottelu – Versio 2</title>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // Only plain markup and our own attributes: nothing that loads, links or runs anything.
    const tags = html.match(/<[^>]*>/g) ?? [];
    const names = new Set(tags.map((tag) => /^<\/?([a-z0-9!]+)/i.exec(tag)?.[1]?.toLowerCase()));
    const allowed =
      '!doctype body br dd div dl dt h1 h2 h3 head header html li main meta p section span strong style title ul';
    expect([...names].sort()).toEqual(allowed.split(' ').sort());
    const attributes = new Set(
      tags.flatMap((tag) =>
        [...tag.replace(/"[^"]*"/g, '""').matchAll(/\s([a-z-]+)=/g)].map((m) => m[1]),
      ),
    );
    expect([...attributes].sort()).toEqual(
      ['aria-labelledby', 'charset', 'class', 'content', 'id', 'lang', 'name', 'role'].sort(),
    );
    const css = /<style>([\s\S]*)<\/style>/.exec(html)?.[1] ?? '';
    expect(css).not.toMatch(/url\(|@import|@font-face|expression\(/i);
    expect(html).toMatch(/<style>[\s\S]*@page \{ size: A4;/);
    expect(renderPrintPage(fixtureView('groups'), 'sv')).toContain('<html lang="sv-FI">');
  });

  it('shows the stamp, audience and disclaimer, and the print hint on screen only', () => {
    const view = fixtureView('groups');
    const html = renderPrintPage(view, 'fi');
    const text = textOf(html);
    expect(text).toContain(`${fi.approvedBy} ${CHAIR}`);
    expect(text).toContain(`${fi.approvedAt} 24. marraskuuta 2026 klo 14.05`);
    expect(text).toContain(`${fi.version} 2`);
    expect(html).toContain(`<dd class="hash">${view.hash}</dd>`);
    expect(text).toContain(fi.audience.groups);
    expect(html).toContain(`<p class="disclaimer" role="note">${fi.disclaimer}</p>`);
    expect(html).toContain(`<p class="screen-only hint">${fi.printHint}</p>`);
    expect(html).toMatch(/@media print \{[^}]*\}?[\s\S]*\.screen-only \{ display: none; \}/);
    // Page numbers come from the print engine's page counters.
    expect(html).toContain('content: "Sivu " counter(page) " / " counter(pages)');
  });

  it('keeps Finnish and Swedish letters and the memo structure', () => {
    const text = textOf(renderPrintPage(fixtureView('groups'), 'fi'));
    expect(text).toContain(`${NORDIC_TITLE} (${fi.levels.groups})`);
    expect(text).toContain(NORDIC_TEXT);
    expect(text).toContain(`KESK : ${fi.stances.agree}`);
    expect(text).toContain(`SDP : ${fi.stances.reservation} – Ryhmä päättää.`);
    expect(text).toContain(`${fi.owner} KOK`);
    expect(text).toContain(`${fi.due} 1. helmikuuta 2027`);
    expect(text).toContain(`${fi.dissents} KESK : Julkinen eriävä kanta.`);
  });

  it('withholds by audience: neutral text, no canary above the audience', () => {
    const groups = textOf(renderPrintPage(fixtureView('groups'), 'fi'));
    expect(groups).toContain(fi.withheld);
    expect(groups).toContain(GROUPS_ONLY);
    for (const secret of Object.values(SECRET)) expect(groups).not.toContain(secret);

    const publicPage = renderPrintPage(fixtureView('public'), 'fi');
    const publicText = textOf(publicPage);
    expect(publicText).not.toContain(GROUPS_ONLY);
    for (const secret of Object.values(SECRET)) expect(publicText).not.toContain(secret);
    expect(publicText.split(fi.withheld)).toHaveLength(1 + 3);
    expect(publicPage).toContain(`<p class="withheld">${fi.withheld}</p>`);

    const negotiators = textOf(renderPrintPage(fixtureView('negotiators'), 'fi'));
    for (const secret of Object.values(SECRET)) expect(negotiators).toContain(secret);
  });

  it('escapes hostile text into visible characters', () => {
    const html = renderPrintPage(fixtureView('groups'), 'fi');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('Åke Öhman &lt;ake@example.fi&gt;');
    // The follow-up's line breaks stay line breaks.
    expect(html).toContain('<p># Otsikko?<br>1. lista<br>&gt; lainaus');
  });

  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;',
    );
  });
});
