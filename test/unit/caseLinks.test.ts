import { describe, expect, it } from 'vitest';
import { CaseLinkInput } from '../../shared/api/schemas';
import { formatCaseLink, hasCaseLink, type CaseLink } from '../../shared/caseLinks';

const link: CaseLink = {
  body: 'Kaupunginhallitus',
  meetingDate: '2027-01-12',
  section: '14',
  diaryNumber: '123/2026',
  url: 'https://kaupunki.example/poytakirjat/kh/2027-01-12/14',
};

describe('formatCaseLink', () => {
  it('cites the item as Finnish minutes do', () => {
    expect(formatCaseLink(link, 'fi')).toBe('Kaupunginhallitus 12.1.2027 § 14, dnro 123/2026');
  });

  it('uses the Swedish and English abbreviations and date forms', () => {
    const sv = { ...link, body: 'Stadsstyrelsen' };
    expect(formatCaseLink(sv, 'sv')).toBe('Stadsstyrelsen 12.1.2027 § 14, dnr 123/2026');
    const en = { ...link, body: 'City board' };
    expect(formatCaseLink(en, 'en')).toBe('City board 12 Jan 2027 § 14, ref. 123/2026');
  });

  it('leaves out the parts that are empty', () => {
    expect(formatCaseLink({ ...link, meetingDate: '', diaryNumber: '' }, 'fi')).toBe(
      'Kaupunginhallitus § 14',
    );
    expect(formatCaseLink({ ...link, body: '', section: '', meetingDate: '' }, 'fi')).toBe(
      'dnro 123/2026',
    );
    const onlyUrl = { body: '', meetingDate: '', section: '', diaryNumber: '', url: link.url };
    expect(formatCaseLink(onlyUrl, 'sv')).toBe('');
    expect(hasCaseLink(onlyUrl)).toBe(true);
    expect(hasCaseLink({ ...onlyUrl, url: ' ' })).toBe(false);
  });
});

describe('CaseLinkInput', () => {
  it('accepts https links and empty parts', () => {
    expect(CaseLinkInput.parse({ url: link.url })).toEqual({
      body: '',
      meetingDate: '',
      section: '',
      diaryNumber: '',
      url: link.url,
    });
  });

  it.each([
    'javascript:alert(1)',
    'http://kaupunki.example/asia',
    'data:text/html,<script>1</script>',
    'https://',
    'kaupunki.example/asia',
    `https://kaupunki.example/${'a'.repeat(2000)}`,
  ])('refuses %s as the URL', (url) => {
    expect(CaseLinkInput.safeParse({ url }).success).toBe(false);
  });

  it('refuses oversized parts, unknown keys and operators', () => {
    expect(CaseLinkInput.safeParse({ body: 'x'.repeat(121) }).success).toBe(false);
    expect(CaseLinkInput.safeParse({ section: '1'.repeat(21) }).success).toBe(false);
    expect(CaseLinkInput.safeParse({ diaryNumber: '1'.repeat(61) }).success).toBe(false);
    expect(CaseLinkInput.safeParse({ meetingDate: '12.1.2027' }).success).toBe(false);
    expect(CaseLinkInput.safeParse({ body: { $gt: '' } }).success).toBe(false);
    expect(CaseLinkInput.safeParse({ $where: '1' }).success).toBe(false);
  });
});
