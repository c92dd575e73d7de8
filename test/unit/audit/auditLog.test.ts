import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { AuditLog, type AuditInput, type AuditStore } from '../../../server/audit/auditLog';
import { verifyChain } from '../../../server/audit/chain';
import type { AuditEntryDoc } from '../../../server/db/schema';
import { createLogger } from '../../../server/logger';

const GROUP = '0b8c6c1e-8e43-4c43-a2a6-0b1a9d0c9e11';

/** An in-memory store with the database's one guarantee: a taken _id refuses the insert. */
class MemoryStore implements AuditStore {
  readonly docs = new Map<string, AuditEntryDoc>();
  /** Awaited before each insert; may throw, or let a rival write its entry first. */
  beforeAppend: (doc: AuditEntryDoc) => Promise<void> | void = () => undefined;
  afterAppend: (doc: AuditEntryDoc) => void = () => undefined;

  last(groupId: string) {
    const mine = this.sorted(groupId);
    return Promise.resolve(mine.at(-1) ?? null);
  }
  async append(doc: AuditEntryDoc) {
    await this.beforeAppend(doc);
    if (this.docs.has(doc._id)) return false;
    this.docs.set(doc._id, structuredClone(doc));
    this.afterAppend(doc);
    return true;
  }
  find(groupId: string, seq: number) {
    return Promise.resolve(this.sorted(groupId).find((doc) => doc.seq === seq) ?? null);
  }
  sorted(groupId: string) {
    return [...this.docs.values()]
      .filter((doc) => doc.groupId === groupId)
      .sort((a, b) => a.seq - b.seq);
  }
}

function logSink() {
  const lines: string[] = [];
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        lines.push(chunk.toString());
        callback();
      },
    }),
  );
  return { logger, lines };
}

const input = (n: number, extra: Partial<AuditInput> = {}): AuditInput => ({
  groupId: GROUP,
  actor: { userId: `user-${n}`, name: `Henkilö ${n}` },
  action: 'stance.change',
  target: { type: 'agreedPoint', id: `ap_point${n}` },
  details: { stance: 'agree', partyId: 'party-1' },
  ...extra,
});

const fast = { backoffMs: 1 };

describe('AuditLog', () => {
  it('chains parallel records of one group into one unbroken, gapless log', async () => {
    const store = new MemoryStore();
    const audit = new AuditLog(store, logSink().logger, fast);
    await Promise.all(Array.from({ length: 20 }, (_, n) => audit.record(input(n))));
    const docs = store.sorted(GROUP);
    expect(docs.map((doc) => doc.seq)).toEqual(Array.from({ length: 20 }, (_, n) => n + 1));
    expect(verifyChain(GROUP, docs)).toEqual({ valid: true, entries: 20, firstBrokenSeq: null });
    expect(new Set(docs.map((doc) => doc.target.id)).size).toBe(20);
  });

  it('loses a race for a number to another instance, re-reads the tail and links after it', async () => {
    const store = new MemoryStore();
    const rival = new AuditLog(store, logSink().logger, fast);
    const audit = new AuditLog(store, logSink().logger, fast);
    await audit.record(input(1));
    let raced = false;
    store.beforeAppend = async () => {
      if (raced) return;
      raced = true;
      // The other instance's whole record happens between our tail read and our insert.
      await rival.record(input(99));
    };
    await audit.record(input(2));
    const docs = store.sorted(GROUP);
    expect(docs.map((doc) => doc.target.id)).toEqual(['ap_point1', 'ap_point99', 'ap_point2']);
    expect(verifyChain(GROUP, docs).valid).toBe(true);
  });

  it('stores an entry once when an insert that failed on the way back had landed', async () => {
    const store = new MemoryStore();
    const audit = new AuditLog(store, logSink().logger, fast);
    let failed = false;
    store.afterAppend = () => {
      if (failed) return;
      failed = true;
      throw new Error('connection reset after the write');
    };
    await audit.record(input(1));
    await audit.record(input(2));
    expect(store.sorted(GROUP).map((doc) => doc.target.id)).toEqual(['ap_point1', 'ap_point2']);
  });

  it('never throws: when the store keeps failing it gives up and logs ids, never details', async () => {
    const store = new MemoryStore();
    const { logger, lines } = logSink();
    const audit = new AuditLog(store, logger, { backoffMs: 1, storeAttempts: 3 });
    let attempts = 0;
    store.beforeAppend = () => {
      attempts += 1;
      throw new Error('database down: {"reason":"Salainen linjaus"}');
    };
    await expect(
      audit.record(input(1, { details: { stance: 'dissent', note: 'Salainen linjaus' } })),
    ).resolves.toBeUndefined();
    expect(attempts).toBe(3);
    expect(store.docs.size).toBe(0);
    const logged = lines.join('\n');
    expect(logged).toContain('AUDIT ENTRY LOST');
    expect(logged).toContain(GROUP);
    expect(logged).toContain('ap_point1');
    expect(logged).not.toContain('Salainen');

    // The group's queue is not stuck behind the failure.
    store.beforeAppend = () => undefined;
    await audit.record(input(2));
    expect(store.sorted(GROUP).map((doc) => doc.seq)).toEqual([1]);
  });

  it('stores no undefined fields, so both engines read back what was hashed', async () => {
    const store = new MemoryStore();
    const audit = new AuditLog(store, logSink().logger, fast);
    await audit.record(input(1, { target: { type: 'user', id: 'u1', label: undefined } }));
    const [doc] = store.sorted(GROUP);
    expect(Object.keys(doc!.target)).toEqual(['type', 'id']);
    expect(verifyChain(GROUP, [doc!]).valid).toBe(true);
  });
});
