import * as encoding from 'lib0/encoding';
import * as prng from 'lib0/prng';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addsNothing, validateUpdate } from '../../../server/collab/validateUpdate';
import { ROOM_KINDS } from '../../../server/collab/kinds';
import { MEMO_NODES, newBlockId } from '../../../shared/memo/format';
import {
  COLLAB_LIMITS,
  MAX_DELETE_RANGES_PER_UPDATE,
  MAX_NESTING_DEPTH,
  MAX_NEW_CLIENTS_PER_UPDATE,
  MAX_NEW_NODES_PER_UPDATE,
  type CollabLimits,
} from '../../../shared/memo/limits';
import { MAX_OWNER_LENGTH } from '../../../shared/memo/schema';
import { appendAgendaSections, memoFragment } from '../../../shared/memo/memoDoc';
import { writeDissent, writeStance } from '../../../shared/memo/partyDoc';

// The validator is the server's only defence against a writer's bytes: each category of bad
// update the server must refuse, and the shapes honest editors produce that it must accept.

const AGENDA = [
  { agendaItemId: 'agenda-item-1', title: 'Talousarvio 2027', confidentiality: 'groups' as const },
  { agendaItemId: 'agenda-item-2', title: 'Kouluverkko', confidentiality: 'public' as const },
];

/** A server-side memo room with the agenda seeded. */
function memoServer(): Y.Doc {
  const doc = new Y.Doc();
  memoFragment(doc);
  appendAgendaSections(doc, AGENDA);
  return doc;
}

function partyServer(): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap('stances');
  doc.getMap('dissents');
  return doc;
}

/** A client that has synced with `server`. */
function clientOf(server: Y.Doc): Y.Doc {
  const client = new Y.Doc();
  Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
  return client;
}

/** The update `change` makes on `client`. */
function edit(client: Y.Doc, change: (doc: Y.Doc) => void): Uint8Array {
  const before = Y.encodeStateVector(client);
  change(client);
  return Y.encodeStateAsUpdate(client, before);
}

function section(doc: Y.Doc, index = 0): Y.XmlElement {
  return memoFragment(doc).get(index) as Y.XmlElement;
}

/** The seeded notes paragraph's text, created on first use like y-prosemirror does. */
function notesText(doc: Y.Doc): Y.XmlText {
  const paragraph = section(doc).get(1) as Y.XmlElement;
  const existing = paragraph.get(0);
  if (existing instanceof Y.XmlText) return existing;
  const text = new Y.XmlText();
  paragraph.insert(0, [text]);
  return text;
}

type Kind = keyof typeof ROOM_KINDS;

function expectAccepted(doc: Y.Doc, update: Uint8Array, schema: Kind = 'memo') {
  expect(validateUpdate(doc, update, ROOM_KINDS[schema].shape)).toMatchObject({ ok: true });
  Y.applyUpdate(doc, update);
  expect(doc.store.pendingStructs).toBeNull();
  expect(doc.store.pendingDs).toBeNull();
}

function expectRejected(doc: Y.Doc, update: Uint8Array, schema: 'memo' | 'party' = 'memo') {
  const before = Y.encodeStateAsUpdate(doc);
  const verdict = validateUpdate(doc, update, ROOM_KINDS[schema].shape);
  expect(verdict.ok).toBe(false);
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  return verdict.ok ? '' : verdict.problem;
}

interface CraftedItem {
  origin?: Y.ID | null;
  rightOrigin?: Y.ID | null;
  parent?: string | Y.ID | null;
  parentSub?: string | null;
  content: Y.ContentString | Y.ContentType | Y.ContentDeleted | Y.ContentJSON | Y.ContentBinary;
}

/** Hand-write an update: one client's items from `clock`, plus an optional delete set. */
function craft(
  client: number,
  clock: number,
  items: CraftedItem[],
  deletes: { client: number; clock: number; len: number }[] = [],
): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, items.length > 0 ? 1 : 0);
  if (items.length > 0) {
    encoding.writeVarUint(encoder.restEncoder, items.length);
    encoder.writeClient(client);
    encoding.writeVarUint(encoder.restEncoder, clock);
    let at = clock;
    for (const spec of items) {
      const item = new Y.Item(
        Y.createID(client, at),
        null,
        spec.origin ?? null,
        null,
        spec.rightOrigin ?? null,
        (spec.parent ?? null) as any,
        spec.parentSub ?? null,
        spec.content,
      );
      item.write(encoder, 0);
      at += item.length;
    }
  }
  encoding.writeVarUint(encoder.restEncoder, deletes.length);
  for (const range of deletes) {
    encoding.writeVarUint(encoder.restEncoder, range.client);
    encoding.writeVarUint(encoder.restEncoder, 1);
    encoding.writeVarUint(encoder.restEncoder, range.clock);
    encoding.writeVarUint(encoder.restEncoder, range.len);
  }
  return encoder.toUint8Array();
}

/** The id of the seeded notes paragraph's XmlElement and of its first text character. */
function ids(server: Y.Doc) {
  const paragraph = section(server).get(1) as Y.XmlElement;
  return { paragraph: paragraph._item!.id };
}

describe('validateUpdate: what honest editors send', () => {
  it('accepts typing, marks, deleting and retyping in a seeded section', () => {
    const server = memoServer();
    const client = clientOf(server);
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).insert(0, 'Sovittiin, että ')),
    );
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).format(0, 9, { bold: {}, italic: {} })),
    );
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).format(0, 9, { bold: null })),
    );
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).delete(2, 5)),
    );
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).insert(2, 'xyz')),
    );
    expect(notesText(server).toString()).toBe(notesText(client).toString());
  });

  it('accepts y-prosemirror-like blocks with their attributes, and level changes', () => {
    const server = memoServer();
    const client = clientOf(server);
    expectAccepted(
      server,
      edit(client, (doc) => {
        const point = new Y.XmlElement(MEMO_NODES.agreedPoint);
        point.setAttribute('id', newBlockId('ap'));
        point.setAttribute('confidentiality', 'confidential');
        const paragraph = new Y.XmlElement(MEMO_NODES.paragraph);
        paragraph.insert(0, [new Y.XmlText('Selvitetään koulujen korjausvelka.')]);
        point.insert(0, [paragraph]);
        const followUp = new Y.XmlElement(MEMO_NODES.followUp);
        followUp.setAttribute('id', newBlockId('fu'));
        followUp.setAttribute('owner', 'SDP');
        followUp.setAttribute('due', '2027-01-15');
        const followUpText = new Y.XmlElement(MEMO_NODES.paragraph);
        followUpText.insert(0, [new Y.XmlText('Kustannusarvio')]);
        followUp.insert(0, [followUpText]);
        const list = new Y.XmlElement(MEMO_NODES.bulletList);
        const item = new Y.XmlElement(MEMO_NODES.listItem);
        const itemText = new Y.XmlElement(MEMO_NODES.paragraph);
        itemText.insert(0, [new Y.XmlText('Kohta'), new Y.XmlElement(MEMO_NODES.hardBreak)]);
        item.insert(0, [itemText]);
        list.insert(0, [item]);
        section(doc).insert(2, [point, followUp, list]);
      }),
    );
    expectAccepted(
      server,
      edit(client, (doc) => section(doc).setAttribute('confidentiality', 'public')),
    );
    expectAccepted(
      server,
      edit(client, (doc) => section(doc, 1).removeAttribute('confidentiality')),
    );
    expectAccepted(
      server,
      edit(client, (doc) => section(doc).delete(2, 1)),
    );
    expect(Y.encodeStateVector(server)).toEqual(Y.encodeStateVector(client));
  });

  it('accepts a new section at the root and an update that carries two clients at once', () => {
    const server = memoServer();
    const alice = clientOf(server);
    const bob = clientOf(server);
    const fromAlice = edit(alice, (doc) => notesText(doc).insert(0, 'Alice '));
    Y.applyUpdate(bob, fromAlice);
    const fromBob = edit(bob, (doc) => {
      notesText(doc).insert(6, 'ja Bob ');
      const extra = new Y.XmlElement(MEMO_NODES.section);
      extra.setAttribute('id', newBlockId('sec'));
      memoFragment(doc).insert(2, [extra]);
    });
    // Bob's typing refers to Alice's: only valid together, in any order inside one update.
    expectAccepted(server, Y.mergeUpdates([fromBob, fromAlice]));
    expect(notesText(server).toString()).toBe('Alice ja Bob ');
  });

  it('accepts an offline insert into a paragraph someone else deleted meanwhile', () => {
    const server = memoServer();
    const online = clientOf(server);
    const offline = clientOf(server);
    expectAccepted(
      server,
      edit(online, (doc) => section(doc).delete(1, 1)),
    );
    const late = edit(offline, (doc) => notesText(doc).insert(0, 'kirjoitettu offline'));
    expectAccepted(server, late);
  });

  it('accepts stances and dissents written with the shared helpers, overwritten and removed', () => {
    const server = partyServer();
    const client = clientOf(server);
    const ap = newBlockId('ap');
    const ds = newBlockId('ds');
    expectAccepted(
      server,
      edit(client, (doc) => writeStance(doc, ap, { stance: 'agree', reason: '' })),
      'party',
    );
    expectAccepted(
      server,
      edit(client, (doc) => writeStance(doc, ap, { stance: 'dissent', reason: 'Liian kallis' })),
      'party',
    );
    expectAccepted(
      server,
      edit(client, (doc) =>
        writeDissent(doc, ds, { sectionId: 'sec_abcdef', reason: 'Ei', confidentiality: 'groups' }),
      ),
      'party',
    );
    expectAccepted(
      server,
      edit(client, (doc) => writeDissent(doc, ds, null)),
      'party',
    );
    expect(server.getMap('stances').toJSON()).toEqual({
      [ap]: { stance: 'dissent', reason: 'Liian kallis' },
    });
  });

  it('accepts a full state the server already has, and says it adds nothing', () => {
    const server = memoServer();
    const client = clientOf(server);
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).insert(0, 'abc')),
    );
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).delete(0, 1)),
    );
    const everything = Y.encodeStateAsUpdate(client);
    expect(validateUpdate(server, everything, ROOM_KINDS.memo.shape)).toMatchObject({ ok: true });
    expect(addsNothing(server, everything)).toBe(true);
    expect(addsNothing(server, Y.encodeStateAsUpdate(client, Y.encodeStateVector(server)))).toBe(
      true,
    );
    expect(
      addsNothing(
        server,
        edit(client, (doc) => notesText(doc).insert(0, 'x')),
      ),
    ).toBe(false);
    expect(
      addsNothing(
        server,
        edit(client, (doc) => notesText(doc).delete(0, 1)),
      ),
    ).toBe(false);
  });
});

describe('validateUpdate: what the server refuses', () => {
  it('refuses random bytes and truncated updates without throwing', () => {
    const server = memoServer();
    const gen = prng.create(20_260_001);
    for (let i = 0; i < 2_000; i++) {
      const bytes = prng.uint8Array(gen, prng.uint32(gen, 1, 64));
      const verdict = validateUpdate(server, bytes, ROOM_KINDS[i % 2 ? 'memo' : 'party'].shape);
      // Some byte strings happen to be empty updates; none may change anything or throw.
      if (verdict.ok) expect(addsNothing(server, bytes)).toBe(true);
    }
    const good = edit(clientOf(server), (doc) => notesText(doc).insert(0, 'hello world'));
    for (let cut = 1; cut < good.length; cut++) {
      const verdict = validateUpdate(server, good.slice(0, cut), ROOM_KINDS.memo.shape);
      if (verdict.ok) expect(addsNothing(server, good.slice(0, cut))).toBe(true);
    }
  });

  it('passes only mutated updates that Yjs then integrates completely', () => {
    const server = memoServer();
    const client = clientOf(server);
    const applied = edit(client, (doc) =>
      notesText(doc).insert(0, 'Keskusteltiin talousarviosta.'),
    );
    expectAccepted(server, applied);
    const fresh = edit(client, (doc) => {
      notesText(doc).format(0, 5, { bold: {} });
      section(doc).setAttribute('confidentiality', 'confidential');
      const point = new Y.XmlElement(MEMO_NODES.agreedPoint);
      point.setAttribute('id', newBlockId('ap'));
      section(doc).insert(2, [point]);
      notesText(doc).delete(0, 3);
    });
    // Replays of what the server has are as good raw material as new edits.
    const seeds = [applied, fresh, Y.encodeStateAsUpdate(client), Y.encodeStateAsUpdate(server)];
    const gen = prng.create(20_260_002);
    const state = Y.encodeStateAsUpdate(server);
    let passed = 0;
    for (let i = 0; i < 4_000; i++) {
      const bytes = Array.from(seeds[i % seeds.length]!);
      const at = () => prng.uint32(gen, 0, Math.max(bytes.length - 1, 0));
      switch (prng.uint32(gen, 0, 3)) {
        case 0:
          bytes[at()] = prng.uint32(gen, 0, 255);
          break;
        case 1:
          bytes.splice(at(), 1);
          break;
        case 2:
          bytes.splice(at(), 0, prng.uint32(gen, 0, 255));
          break;
        default:
          bytes.splice(at(), 1, 0xff, 0xff, 0xff, 0x0f);
      }
      const mutated = new Uint8Array(bytes);
      if (!validateUpdate(server, mutated, ROOM_KINDS.memo.shape).ok) continue;
      passed += 1;
      const copy = new Y.Doc();
      Y.applyUpdate(copy, state);
      Y.applyUpdate(copy, mutated);
      expect(copy.store.pendingStructs).toBeNull();
      expect(copy.store.pendingDs).toBeNull();
    }
    // Some mutations only change text or ids; the point is that none slips through broken.
    expect(passed).toBeGreaterThan(0);
  });

  it('refuses skip structs and gaps beyond the state vector', () => {
    const server = memoServer();
    const client = clientOf(server);
    const first = edit(client, (doc) => notesText(doc).insert(0, 'a'));
    const second = edit(client, (doc) => notesText(doc).insert(1, 'b'));
    const third = edit(client, (doc) => notesText(doc).insert(2, 'c'));
    expect(expectRejected(server, Y.mergeUpdates([first, third]))).toBe('skip struct');
    expect(expectRejected(server, third)).toBe('gap before struct');
    expectAccepted(server, first);
    expectAccepted(server, second);
    expectAccepted(server, third);
  });

  it('refuses references to content neither the document nor the update holds', () => {
    const server = memoServer();
    const alice = clientOf(server);
    const bob = clientOf(server);
    const fromAlice = edit(alice, (doc) => notesText(doc).insert(0, 'Alice '));
    Y.applyUpdate(bob, fromAlice);
    const fromBob = edit(bob, (doc) => notesText(doc).insert(6, 'Bob'));
    expect(expectRejected(server, fromBob)).toBe('reference to unknown content');

    const { paragraph } = ids(server);
    const unknown = Y.createID(4242, 7);
    expectRejected(server, craft(99, 0, [{ parent: unknown, content: new Y.ContentString('x') }]));
    expectRejected(
      server,
      craft(99, 0, [
        { origin: Y.createID(paragraph.client, 1e6), content: new Y.ContentString('x') },
      ]),
    );
    expectRejected(
      server,
      craft(99, 0, [{ rightOrigin: Y.createID(77, 0), content: new Y.ContentString('x') }]),
    );
  });

  it('refuses a struct the document already has when it points at unknown content', () => {
    // Yjs looks up the references of known structs too; a dangling one leaves it pending.
    const server = memoServer();
    const client = clientOf(server);
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).insert(0, 'tunnettu')),
    );
    const known = notesText(server)._start!.id;
    const replay = craft(known.client, known.clock, [
      { parent: Y.createID(3_859_177_857, 0), content: new Y.ContentString('tunnettu') },
    ]);
    expect(expectRejected(server, replay)).toBe('reference to unknown content');
  });

  it('refuses circular and forward references', () => {
    const server = memoServer();
    const { paragraph } = ids(server);
    const a = craft(11, 0, [{ origin: Y.createID(12, 0), content: new Y.ContentString('a') }]);
    const b = craft(12, 0, [{ origin: Y.createID(11, 0), content: new Y.ContentString('b') }]);
    expect(expectRejected(server, Y.mergeUpdates([a, b]))).toBe('circular references');
    expect(
      expectRejected(
        server,
        craft(13, 0, [
          { parent: paragraph, content: new Y.ContentType(new Y.XmlText()) },
          { origin: Y.createID(13, 5), content: new Y.ContentType(new Y.XmlText()) },
        ]),
      ),
    ).toBe('reference to a later clock of the same client');
  });

  it('refuses a parent that is not a type', () => {
    const server = memoServer();
    const client = clientOf(server);
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).insert(0, 'teksti')),
    );
    const text = notesText(server);
    const charId = text._start!.id;
    expect(
      expectRejected(server, craft(99, 0, [{ parent: charId, content: new Y.ContentString('x') }])),
    ).toBe('parent is not a type');
  });

  it('refuses deleting unknown clocks and absurd clock jumps', () => {
    const server = memoServer();
    const { paragraph } = ids(server);
    expect(
      expectRejected(server, craft(1, 0, [], [{ client: paragraph.client, clock: 0, len: 1e6 }])),
    ).toBe('deletes unknown content');
    expect(expectRejected(server, craft(1, 0, [], [{ client: 5555, clock: 0, len: 1 }]))).toBe(
      'deletes unknown content',
    );
    expect(
      expectRejected(
        server,
        craft(98, 0, [{ parent: paragraph, content: new Y.ContentDeleted(20_000_000) }]),
      ),
    ).toBe('clock advances too far');
  });

  it('refuses what breaks the memo schema', () => {
    const server = memoServer();
    const edits: [string, (doc: Y.Doc) => void][] = [
      ['another root', (doc) => doc.getMap('evil').set('x', 1)],
      ['another root text', (doc) => doc.getText('memo2').insert(0, 'x')],
      ['unknown node', (doc) => section(doc).insert(0, [new Y.XmlElement('script')])],
      ['unknown attribute', (doc) => section(doc).setAttribute('onclick', 'alert(1)')],
      ['bad level', (doc) => section(doc).setAttribute('confidentiality', 'secret')],
      ['bad id', (doc) => section(doc).setAttribute('id', '<img>')],
      ['object attribute', (doc) => section(doc).setAttribute('owner', { x: 1 } as any)],
      ['unknown mark', (doc) => notesText(doc).insert(0, 'x', { link: { href: 'https://evil' } })],
      ['embed', (doc) => notesText(doc).insertEmbed(0, { image: 'x' })],
      ['text attribute', (doc) => notesText(doc).setAttribute('style', 'x')],
      ['text in a node', (doc) => (section(doc) as any).insert(0, ['plain string'])],
      ['hook', (doc) => section(doc).insert(0, [new Y.XmlHook('hook') as any])],
      ['map in a node', (doc) => section(doc).insert(0, [new Y.Map() as any])],
      ['subdocument', (doc) => section(doc).setAttribute('id', new Y.Doc() as any)],
      ['binary', (doc) => section(doc).setAttribute('due', new Uint8Array([1]) as any)],
      ['text at the root', (doc) => memoFragment(doc).insert(0, [new Y.XmlText('x')])],
      [
        'paragraph at the root',
        (doc) => memoFragment(doc).insert(0, [new Y.XmlElement(MEMO_NODES.paragraph)]),
      ],
    ];
    for (const [what, change] of edits) {
      const update = edit(clientOf(server), change);
      const verdict = validateUpdate(server, update, ROOM_KINDS.memo.shape);
      expect({ what, ok: verdict.ok }).toEqual({ what, ok: false });
    }
    expectRejected(server, craft(90, 0, [{ parent: 'memo', content: new Y.ContentJSON(['x']) }]));
    expectRejected(
      server,
      craft(90, 0, [{ parent: 'memo', content: new Y.ContentBinary(new Uint8Array(2)) }]),
    );
  });

  it('refuses what breaks a party room', () => {
    const server = partyServer();
    const ap = newBlockId('ap');
    const edits: ((doc: Y.Doc) => void)[] = [
      (doc) => doc.getMap('stances').set(ap, { stance: 'dissent', reason: '' }),
      (doc) => doc.getMap('stances').set(ap, { stance: 'maybe', reason: '' }),
      (doc) => doc.getMap('stances').set(ap, { stance: 'agree', reason: '', extra: 1 }),
      (doc) => doc.getMap('stances').set('x', { stance: 'agree', reason: '' }),
      (doc) =>
        doc
          .getMap('dissents')
          .set(newBlockId('ds'), { sectionId: 'x', reason: 'r', confidentiality: 'groups' }),
      (doc) => doc.getMap('dissents').set(newBlockId('ds'), new Y.Map()),
      (doc) => doc.getMap('other').set(ap, { stance: 'agree', reason: '' }),
      (doc) => doc.getArray('stances2').insert(0, [1]),
      (doc) => doc.getMap('stances').set(ap, 'agree'),
    ];
    for (const change of edits) expectRejected(server, edit(clientOf(server), change), 'party');
    // Overwriting a valid stance with a bad one (the new item inherits its key from the old).
    const client = clientOf(server);
    expectAccepted(
      server,
      edit(client, (doc) => writeStance(doc, ap, { stance: 'agree', reason: '' })),
      'party',
    );
    expectRejected(
      server,
      edit(client, (doc) => doc.getMap('stances').set(ap, { stance: 'nope' })),
      'party',
    );
  });
});

/** The problem the validator names for `change` made on a synced copy of `server`. */
function problemOf(server: Y.Doc, change: (doc: Y.Doc) => void, schema: Kind = 'memo') {
  const verdict = validateUpdate(server, edit(clientOf(server), change), ROOM_KINDS[schema].shape);
  return verdict.ok ? 'accepted' : verdict.problem;
}

function element(name: string, ...children: (Y.XmlElement | Y.XmlText)[]): Y.XmlElement {
  const node = new Y.XmlElement(name);
  node.insert(0, children);
  return node;
}

const paragraph = (text: string) => element(MEMO_NODES.paragraph, new Y.XmlText(text));

function withAttrs(node: Y.XmlElement, attrs: Record<string, unknown>): Y.XmlElement {
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value as string);
  return node;
}

const followUp = (attrs: Record<string, unknown>) =>
  withAttrs(element(MEMO_NODES.followUp, paragraph('Selvitys')), {
    id: newBlockId('fu'),
    ...attrs,
  });

describe('validateUpdate: the layout, node by node (shared/memo/schema.ts)', () => {
  it.each<[string, (doc: Y.Doc) => void, string]>([
    [
      'a confidential paragraph inside a section title',
      (doc) => (section(doc).get(0) as Y.XmlElement).insert(1, [paragraph('salainen')]),
      'node not allowed here',
    ],
    [
      'a section inside a paragraph',
      (doc) => (section(doc).get(1) as Y.XmlElement).insert(0, [element(MEMO_NODES.section)]),
      'node not allowed here',
    ],
    [
      'a paragraph inside a paragraph (the nesting bomb)',
      (doc) => (section(doc).get(1) as Y.XmlElement).insert(0, [paragraph('x')]),
      'node not allowed here',
    ],
    [
      'text straight in a section',
      (doc) => section(doc).insert(1, [new Y.XmlText('x')]),
      'node not allowed here',
    ],
    [
      'a list inside a list item (the memo has no nested lists)',
      (doc) =>
        section(doc).insert(1, [
          element(
            MEMO_NODES.bulletList,
            element(MEMO_NODES.listItem, paragraph('a'), element(MEMO_NODES.bulletList)),
          ),
        ]),
      'node not allowed here',
    ],
    [
      'a section title outside a section',
      (doc) =>
        section(doc).insert(1, [element(MEMO_NODES.agreedPoint, element(MEMO_NODES.sectionTitle))]),
      'node not allowed here',
    ],
    [
      'a mark in a section title',
      (doc) =>
        ((section(doc).get(0) as Y.XmlElement).get(0) as Y.XmlText).format(0, 3, { bold: {} }),
      'mark not allowed here',
    ],
    [
      'a due date on a section',
      (doc) => section(doc).setAttribute('due', '2027-01-15'),
      'attribute not allowed on this node',
    ],
    [
      'an owner on a paragraph',
      (doc) => (section(doc).get(1) as Y.XmlElement).setAttribute('owner', 'SDP'),
      'attribute not allowed on this node',
    ],
    [
      'an id on a list item',
      (doc) =>
        section(doc).insert(1, [
          element(
            MEMO_NODES.orderedList,
            withAttrs(element(MEMO_NODES.listItem, paragraph('a')), { id: newBlockId('ap') }),
          ),
        ]),
      'attribute not allowed on this node',
    ],
  ])('refuses %s', (_what, change, problem) => {
    expect(problemOf(memoServer(), change)).toBe(problem);
  });

  it.each<[string, unknown]>([
    ['a day that does not exist', '2027-02-30'],
    ['a two-digit year', '27-01-15'],
    ['no leading zeros', '2027-1-5'],
    ['a word', 'huomenna'],
    ['a date with a time', '2027-01-15T10:00'],
    ['a six-digit year', '275760-09-13'],
    ['a number', 20270115],
    ['an object', { date: '2027-01-15' }],
  ])('refuses a follow-up due date that is %s', (_what, due) => {
    expect(problemOf(memoServer(), (doc) => section(doc).insert(1, [followUp({ due })]))).toBe(
      'bad due',
    );
  });

  it('accepts real dates, leap days and an empty due date, and owners up to 200 characters', () => {
    const server = memoServer();
    for (const due of ['2027-01-15', '2028-02-29', '']) {
      expect(problemOf(server, (doc) => section(doc).insert(1, [followUp({ due })]))).toBe(
        'accepted',
      );
    }
    expect(
      problemOf(server, (doc) => section(doc).insert(1, [followUp({ due: '2027-02-29' })])),
    ).toBe('bad due');
    const owner = (length: number) => (doc: Y.Doc) =>
      section(doc).insert(1, [followUp({ owner: 'x'.repeat(length) })]);
    expect(problemOf(server, owner(MAX_OWNER_LENGTH))).toBe('accepted');
    expect(problemOf(server, owner(MAX_OWNER_LENGTH + 1))).toBe('bad owner');
  });

  const memberId = '6f1c2b8e-4d5a-4e3f-9b7c-1a2b3c4d5e6f';

  it('accepts an owner reference to a member or a party, beside the old free-text owner', () => {
    const server = memoServer();
    for (const ownerRef of [`member:${memberId}`, `party:${memberId}`]) {
      expect(
        problemOf(server, (doc) =>
          section(doc).insert(1, [followUp({ ownerRef, owner: 'Kaisa Keskinen' })]),
        ),
      ).toBe('accepted');
    }
  });

  it.each<[string, unknown]>([
    ['a bare id', memberId],
    ['another kind', `group:${memberId}`],
    ['an id that is no UUID', 'member:kesk'],
    ['a reference with more after it', `member:${memberId}:x`],
    ['an upper-case id', `member:${memberId.toUpperCase()}`],
    ['a Mongo operator', { $ne: null }],
    ['a list of references', [`member:${memberId}`]],
    ['an empty text', ''],
  ])('refuses a follow-up owner reference that is %s', (_what, ownerRef) => {
    expect(problemOf(memoServer(), (doc) => section(doc).insert(1, [followUp({ ownerRef })]))).toBe(
      'bad ownerRef',
    );
  });
});

describe('validateUpdate: limits per update and per document (shared/memo/limits.ts)', () => {
  /** The real limits, some made small so that a test can reach them quickly. */
  const small = (limits: Partial<CollabLimits>): CollabLimits => ({ ...COLLAB_LIMITS, ...limits });

  /** The verdict on `change` made on a synced copy of `server` (writing as `clientID`). */
  function verdictOf(
    server: Y.Doc,
    change: (doc: Y.Doc) => void,
    limits: CollabLimits = COLLAB_LIMITS,
    clientID?: number,
  ) {
    const client = clientOf(server);
    if (clientID !== undefined) client.clientID = clientID;
    const update = edit(client, change);
    const verdict = validateUpdate(server, update, ROOM_KINDS.memo.shape, limits);
    // Accepted updates are applied, as the server would, so the next check sees them.
    if (verdict.ok) Y.applyUpdate(server, update);
    return verdict.ok ? 'accepted' : verdict.problem;
  }

  const paragraphs = (count: number) => (doc: Y.Doc) =>
    section(doc).insert(
      1,
      Array.from({ length: count }, () => new Y.XmlElement(MEMO_NODES.paragraph)),
    );

  /** A statement list nested `lists` deep, text in the innermost paragraph. */
  function nestedLists(lists: number): Y.XmlElement {
    let list = element(MEMO_NODES.bulletList, element(MEMO_NODES.listItem, paragraph('x')));
    for (let i = 1; i < lists; i++) {
      list = element(
        MEMO_NODES.bulletList,
        element(MEMO_NODES.listItem, element(MEMO_NODES.paragraph), list),
      );
    }
    return list;
  }

  it('refuses nesting deeper than MAX_NESTING_DEPTH, also when added below stored nodes', () => {
    const statement = () => {
      const doc = new Y.Doc();
      doc.getXmlFragment('statement');
      return doc;
    };
    const insert = (list: Y.XmlElement) => (doc: Y.Doc) =>
      doc.getXmlFragment('statement').insert(0, [list]);
    // Two levels per list, two for the innermost paragraph and its text: 15 lists fit in 32.
    const fits = (MAX_NESTING_DEPTH - 2) / 2;
    const server = statement();
    const client = clientOf(server);
    expectAccepted(server, edit(client, insert(nestedLists(fits))), 'statement');
    expect(problemOf(statement(), insert(nestedLists(fits + 1)), 'statement')).toBe(
      'nested too deep',
    );
    // A list inside the innermost stored item is too deep as well.
    const innermostItem = (doc: Y.Doc) => {
      let node = doc.getXmlFragment('statement').get(0) as Y.XmlElement;
      for (;;) {
        const last = node.get(node.length - 1);
        if (!(last instanceof Y.XmlElement) || last.nodeName === MEMO_NODES.paragraph) return node;
        node = last;
      }
    };
    expect(
      problemOf(server, (doc) => innermostItem(doc).insert(1, [nestedLists(1)]), 'statement'),
    ).toBe('nested too deep');
    expect(
      problemOf(server, (doc) => innermostItem(doc).insert(1, [paragraph('x')]), 'statement'),
    ).toBe('accepted');
  });

  it('refuses more than MAX_NEW_NODES_PER_UPDATE new nodes in one update', () => {
    expect(verdictOf(memoServer(), paragraphs(MAX_NEW_NODES_PER_UPDATE))).toBe('accepted');
    expect(verdictOf(memoServer(), paragraphs(MAX_NEW_NODES_PER_UPDATE + 1))).toBe(
      'too many new nodes',
    );
  });

  it('refuses nodes beyond the per-document limit, counting what deletions freed', () => {
    // The seeded memo has 8 nodes (2 sections, their titles with text, their notes).
    const limits = small({ nodesPerDocument: 28 });
    const server = memoServer();
    const verdict = (change: (doc: Y.Doc) => void) => verdictOf(server, change, limits);
    expect(verdict(paragraphs(21))).toBe('too many nodes in the document');
    expect(verdict(paragraphs(20))).toBe('accepted');
    expect(verdict(paragraphs(1))).toBe('too many nodes in the document');
    expect(verdict((doc) => section(doc).delete(1, 5))).toBe('accepted');
    expect(verdict(paragraphs(5))).toBe('accepted');
    expect(verdict(paragraphs(1))).toBe('too many nodes in the document');
  });

  it('refuses a fragmenting delete set of more than MAX_DELETE_RANGES_PER_UPDATE ranges', () => {
    const server = memoServer();
    const client = clientOf(server);
    const length = 2 * MAX_DELETE_RANGES_PER_UPDATE + 2;
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).insert(0, 'x'.repeat(length))),
    );
    const text = notesText(server)._start!.id;
    // Every other character of the text, each deletion a range of its own.
    const fragmenting = (ranges: number) =>
      craft(
        text.client,
        0,
        [],
        Array.from({ length: ranges }, (_, i) => ({
          client: text.client,
          clock: text.clock + 2 * i,
          len: 1,
        })),
      );
    expectRejected(server, fragmenting(MAX_DELETE_RANGES_PER_UPDATE + 1));
    expect(
      validateUpdate(server, fragmenting(MAX_DELETE_RANGES_PER_UPDATE + 1), ROOM_KINDS.memo.shape),
    ).toEqual({
      ok: false,
      problem: 'too many delete ranges',
    });
    expectAccepted(server, fragmenting(MAX_DELETE_RANGES_PER_UPDATE));
  });

  it('refuses growing a document past its struct limit, each edit counted at its worst', () => {
    const server = memoServer();
    const client = clientOf(server);
    expectAccepted(
      server,
      edit(client, (doc) => notesText(doc).insert(0, 'abc')),
    );
    const structs = () =>
      [...server.store.clients.values()].reduce((n, list) => n + list.length, 0);
    const stored = structs();
    const limits = small({ structsPerDocument: stored + 3 });
    // Typed at the start, a character merges with nothing: one struct each, but a new struct
    // may split the item it lands in, and a deleted range the items at its ends: two each.
    const typeFirst = (doc: Y.Doc) => notesText(doc).insert(0, 'x');
    expect(verdictOf(server, typeFirst, limits)).toBe('accepted');
    expect(verdictOf(server, typeFirst, limits)).toBe('accepted');
    expect(structs()).toBe(stored + 2);
    expect(verdictOf(server, typeFirst, limits)).toBe('document too large');
    expect(verdictOf(server, (doc) => notesText(doc).delete(3, 1), limits)).toBe(
      'document too large',
    );
    expect(verdictOf(server, typeFirst)).toBe('accepted');
  });

  it('refuses more new client ids in one update than the limit', () => {
    const server = memoServer();
    const fromClients = (count: number) =>
      Y.mergeUpdates(
        Array.from({ length: count }, (_, i) =>
          edit(clientOf(server), (doc) => notesText(doc).insert(0, String(i))),
        ),
      );
    expect(
      validateUpdate(server, fromClients(MAX_NEW_CLIENTS_PER_UPDATE + 1), ROOM_KINDS.memo.shape),
    ).toEqual({
      ok: false,
      problem: 'too many new client ids',
    });
    const verdict = validateUpdate(
      server,
      fromClients(MAX_NEW_CLIENTS_PER_UPDATE),
      ROOM_KINDS.memo.shape,
    );
    expect(verdict.ok && verdict.writers.length).toBe(MAX_NEW_CLIENTS_PER_UPDATE);
  });

  it('refuses new client ids past the per-document limit; known ones go on writing', () => {
    const server = memoServer();
    const limits = small({ clientsPerDocument: 20 });
    const type = (doc: Y.Doc) => notesText(doc).insert(0, 'x');
    let last = 0;
    while (server.store.clients.size < limits.clientsPerDocument) {
      last = clientOf(server).clientID;
      expect(verdictOf(server, type, limits, last)).toBe('accepted');
    }
    expect(verdictOf(server, type, limits)).toBe('too many client ids in the document');
    expect(verdictOf(server, type, limits, last)).toBe('accepted');
  });
});
