import { describe, expect, it } from 'vitest';
import {
  DOCUMENT_NAME_MAX_LENGTH,
  documentExtension,
  matchesSignature,
  normaliseFileName,
  redactDocuments,
  type DocumentInfo,
} from '../../shared/documents';
import type { Confidentiality } from '../../shared/confidentiality';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

describe('normaliseFileName', () => {
  it('keeps only the last path part, whichever separator', () => {
    expect(normaliseFileName('../../etc/passwd.pdf')).toBe('passwd.pdf');
    expect(normaliseFileName('C:\\Users\\a\\Raamit 2027.xlsx')).toBe('Raamit 2027.xlsx');
  });

  it('drops control and direction characters and leading dots', () => {
    expect(normaliseFileName('\u0001kuva\u202egpj\u2066.exe\u0007')).toBe('kuvagpj.exe');
    expect(normaliseFileName('...piilo.pdf')).toBe('piilo.pdf');
    expect(normaliseFileName(' a \t\n b .pdf ')).toBe('a b .pdf');
  });

  it('gives nothing for a name with nothing left', () => {
    for (const name of ['', '../', '\u0000', ' . ', '\u202e'])
      expect(normaliseFileName(name)).toBeNull();
  });

  it('shortens a long name but keeps its extension', () => {
    const long = normaliseFileName(`${'ä'.repeat(500)}.docx`)!;
    expect(Array.from(long)).toHaveLength(DOCUMENT_NAME_MAX_LENGTH);
    expect(long.endsWith('.docx')).toBe(true);
  });
});

describe('the type check', () => {
  it('knows extensions case-insensitively and nothing else', () => {
    expect(documentExtension('a.PDF')).toBe('pdf');
    expect(documentExtension('a.pdf.exe')).toBeNull();
    expect(documentExtension('pdf')).toBeNull();
    expect(documentExtension('a.toString')).toBeNull();
  });

  it('reads the first bytes, not the name', () => {
    expect(matchesSignature('pdf', bytes('%PDF-1.7\n'))).toBe(true);
    expect(matchesSignature('pdf', bytes('MZ\x90\x00'))).toBe(false);
    expect(matchesSignature('docx', bytes('PK\x03\x04rest'))).toBe(true);
    expect(matchesSignature('docx', bytes('%PDF-1.7'))).toBe(false);
    expect(matchesSignature('csv', bytes('a;b\r\n1;2\r\n'))).toBe(true);
    expect(matchesSignature('txt', bytes('MZ\x90\x00\x03'))).toBe(false);
    expect(matchesSignature('pdf', new Uint8Array())).toBe(false);
  });
});

describe('redactDocuments', () => {
  const doc = (
    id: string,
    agendaItemId: string,
    confidentiality: Confidentiality,
  ): DocumentInfo => ({
    id,
    meetingId: 'm',
    agendaItemId,
    fileName: `${id}.pdf`,
    mediaType: 'application/pdf',
    size: 1,
    sha256: '0'.repeat(64),
    confidentiality,
    uploadedBy: 'u',
    uploadedByName: 'U',
    uploadedAt: '2026-12-07T15:00:00.000Z',
  });
  const items: Record<string, Confidentiality> = { open: 'groups', closed: 'confidential' };
  const docs = [
    doc('shared', 'open', 'groups'),
    doc('secret', 'open', 'confidential'),
    doc('onClosed', 'closed', 'groups'),
    doc('orphan', 'gone', 'public'),
  ];
  const levelOf = (id: string) => items[id];

  it('gives negotiators every document of the agenda', () => {
    expect(redactDocuments(docs, 'negotiators', levelOf).map((d) => 'id' in d && d.id)).toEqual([
      'shared',
      'secret',
      'onClosed',
    ]);
  });

  it('gives readers a marker for a confidential one and nothing of a withheld item', () => {
    expect(redactDocuments(docs, 'groups', levelOf)).toEqual([
      docs[0],
      { agendaItemId: 'open', withheld: true },
    ]);
  });

  it('gives the public nothing', () => {
    expect(redactDocuments([doc('p', 'open', 'public')], 'public', () => 'public')).toEqual([]);
  });
});
