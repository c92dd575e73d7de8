import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ROOM_KINDS, roomKind } from '../../../server/collab/kinds';
import { validateUpdate } from '../../../server/collab/validateUpdate';
import type { CollabRoom } from '../../../shared/memo/format';
import { memoFragment } from '../../../shared/memo/memoDoc';
import { writeStance } from '../../../shared/memo/partyDoc';
import { statementFragment } from '../../../shared/statements/format';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const REFS: Record<keyof typeof ROOM_KINDS, CollabRoom> = {
  memo: { kind: 'memo', meetingId: 'm1' },
  party: { kind: 'party', meetingId: 'm1', partyId: 'p1' },
  statement: { kind: 'statement', statementId: 's1' },
};

/** A client's honest first edit of each kind's document. */
const FIRST_EDIT: Record<keyof typeof ROOM_KINDS, (doc: Y.Doc) => void> = {
  memo: (doc) => memoFragment(doc).insert(0, [new Y.XmlElement('memoSection')]),
  party: (doc) => writeStance(doc, 'ap_000001', { stance: 'agree', reason: '' }),
  statement: (doc) => statementFragment(doc).insert(0, [new Y.XmlElement('paragraph')]),
};

describe('room kinds (server/collab/kinds)', () => {
  it('registers each kind under its own name, and roomKind finds it by the reference', () => {
    for (const [name, ref] of Object.entries(REFS)) {
      expect(ref.kind).toBe(name);
      expect(roomKind(ref)).toBe(ROOM_KINDS[ref.kind]);
    }
  });

  it('creates documents whose root types its own layout accepts, so an honest edit passes', () => {
    for (const name of Object.keys(REFS) as (keyof typeof ROOM_KINDS)[]) {
      const kind = ROOM_KINDS[name];
      const server = kind.createDoc();
      const roots = [...server.share.keys()];
      expect(roots.length).toBeGreaterThan(0);
      const shape = kind.shape;
      for (const root of roots) {
        expect('layout' in shape ? [shape.layout.root] : shape.maps, `${name}: ${root}`).toContain(
          root,
        );
      }
      const client = new Y.Doc();
      Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
      const before = Y.encodeStateVector(client);
      FIRST_EDIT[name](client);
      const verdict = validateUpdate(server, Y.encodeStateAsUpdate(client, before), shape);
      expect(verdict, name).toMatchObject({ ok: true });
    }
  });

  it('keeps room-kind knowledge in the descriptors: no other collab or approval module branches on it', () => {
    // A comparison with a room kind's name, or a case on it, outside server/collab/kinds/.
    const branch = /[!=]==?\s*'(memo|party|statement)'|case\s+'(memo|party|statement)'/;
    const dirs = ['server/collab', 'server/approval'];
    const offenders: string[] = [];
    for (const dir of dirs) {
      for (const entry of fs.readdirSync(path.join(ROOT, dir), { recursive: true })) {
        const file = path.join(dir, String(entry));
        if (!file.endsWith('.ts') || file.startsWith(path.join('server/collab/kinds'))) continue;
        const lines = fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n');
        lines.forEach((line, index) => {
          if (branch.test(line)) offenders.push(`${file}:${index + 1}: ${line.trim()}`);
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
