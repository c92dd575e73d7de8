import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOM_KINDS } from '../../../server/collab/kinds';
import { validateUpdate } from '../../../server/collab/validateUpdate';
import { statementFragment } from '../../../shared/statements/format';

// A statement room accepts exactly the statement's layout. Consent never lives in Yjs: anything
// else, such as a root map saying another party consents, is refused.

function server(): Y.Doc {
  const doc = new Y.Doc();
  statementFragment(doc);
  return doc;
}

function clientOf(doc: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
  return client;
}

function edit(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function element(name: string, ...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const node = new Y.XmlElement(name);
  node.insert(0, children);
  return node;
}

const paragraph = (text: string) => element('paragraph', new Y.XmlText(text));

function verdict(change: (doc: Y.Doc) => void, base = server()) {
  return validateUpdate(base, edit(clientOf(base), change), ROOM_KINDS.statement.shape);
}

describe('statement room updates', () => {
  it.each<[string, (doc: Y.Doc) => void]>([
    ['a paragraph', (doc) => statementFragment(doc).insert(0, [paragraph('Teksti')])],
    [
      'marked text and a hard break',
      (doc) => {
        const text = new Y.XmlText();
        statementFragment(doc).insert(0, [element('paragraph', text, element('hardBreak'))]);
        text.insert(0, 'lihava', { bold: {} });
        text.format(0, 3, { bold: null, italic: {} });
      },
    ],
    [
      'nested lists',
      (doc) =>
        statementFragment(doc).insert(0, [
          element(
            'orderedList',
            element(
              'listItem',
              paragraph('yksi'),
              element('bulletList', element('listItem', paragraph('sisempi'))),
            ),
          ),
        ]),
    ],
  ])('accepts %s', (_name, change) => {
    expect(verdict(change)).toMatchObject({ ok: true });
  });

  it('accepts deleting and retyping text', () => {
    const base = server();
    statementFragment(base).insert(0, [paragraph('Vanha teksti')]);
    expect(
      verdict((doc) => {
        const fragment = statementFragment(doc);
        fragment.delete(0, fragment.length);
        fragment.insert(0, [paragraph('Uusi')]);
      }, base),
    ).toMatchObject({ ok: true });
  });

  it.each<[string, (doc: Y.Doc) => void, string]>([
    [
      'a root map claiming another party consents',
      (doc) => doc.getMap('consent').set('party-b', 'consent'),
      'unknown root type',
    ],
    [
      'the memo fragment',
      (doc) => doc.getXmlFragment('memo').insert(0, [paragraph('x')]),
      'unknown root type',
    ],
    [
      'an attribute on a paragraph',
      (doc) => {
        const p = paragraph('x');
        p.setAttribute('consent', 'party-b');
        statementFragment(doc).insert(0, [p]);
      },
      'attribute not allowed on this node',
    ],
    [
      'a memo node',
      (doc) => statementFragment(doc).insert(0, [element('agreedPoint', paragraph('x'))]),
      'unknown node',
    ],
    [
      'a list item at the root',
      (doc) => statementFragment(doc).insert(0, [element('listItem', paragraph('x'))]),
      'node not allowed here',
    ],
    [
      'a paragraph straight in a list',
      (doc) => statementFragment(doc).insert(0, [element('bulletList', paragraph('x'))]),
      'node not allowed here',
    ],
    [
      'text straight at the root',
      (doc) => statementFragment(doc).insert(0, [new Y.XmlText('x')]),
      'node not allowed here',
    ],
    [
      'an unknown mark',
      (doc) => {
        const text = new Y.XmlText();
        statementFragment(doc).insert(0, [element('paragraph', text)]);
        text.insert(0, 'x', { consent: {} });
      },
      'mark not allowed here',
    ],
    [
      'a map inside a paragraph',
      (doc) => {
        const p = new Y.XmlElement('paragraph');
        statementFragment(doc).insert(0, [p]);
        // Yjs's types say it cannot hold a hook; a hostile client's bytes can.
        p.insert(0, [new Y.XmlHook('consent') as unknown as Y.XmlElement]);
      },
      'type not allowed in this room',
    ],
  ])('refuses %s', (_name, change, problem) => {
    expect(verdict(change)).toEqual({ ok: false, problem });
  });
});
