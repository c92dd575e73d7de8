import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GENESIS_HASH } from '../../server/audit/chain';
import { BackupError, mongoSnapshot } from '../../server/backup/snapshot';
import type { Database } from '../../server/db/collection';
import type { MongoDatabase } from '../../server/db/mongo';
import { COLLECTIONS, type AuditEntryDoc } from '../../server/db/schema';
import { auditEntry as entry } from '../support/auditChain';
import { openTestDatabase } from '../support/engines';

// A MongoDB without snapshot reads (FerretDB here): the backup reads, validates and reads again
// while what it read does not verify — as when a write raced the read — and gives up clearly.

describe('backup reads on MongoDB without snapshot reads', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase('mongodb');
  });
  afterAll(async () => {
    await db.dropAll();
    await db.close();
  });

  it('reads again while an audit chain has a gap, and succeeds once it is whole', async () => {
    const audit = db.collection<AuditEntryDoc>(COLLECTIONS.auditLog);
    const first = entry('g', 1, GENESIS_HASH);
    const second = entry('g', 2, first.hash);
    const third = entry('g', 3, second.hash);
    // As a read sees a chain whose entry 2 is being written while 3 already shows.
    await audit.insertOne(first);
    await audit.insertOne(third);
    const logged: string[] = [];
    const snapshot = await mongoSnapshot(db as MongoDatabase, {
      log: (line) => {
        logged.push(line);
        if (logged.length === 1) void audit.insertOne(second);
      },
    });
    expect(logged[0]).toContain('the chain breaks at entry 2');
    expect(snapshot.method).toBe('mongodb-validated-reads');
    expect(snapshot.attempts).toBeGreaterThan(1);
    expect(snapshot.validation).toMatchObject({ auditEntries: 3, problems: [] });
    expect(snapshot.lines.get(COLLECTIONS.auditLog)).toHaveLength(3);
  });

  it('gives up after its attempts, saying what did not verify', async () => {
    await db.collection<AuditEntryDoc>(COLLECTIONS.auditLog).insertOne(entry('h', 2, GENESIS_HASH));
    const attempt = mongoSnapshot(db as MongoDatabase, { maxAttempts: 2 });
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    await expect(attempt).rejects.toThrow(/2 attempts.*\n.*audit log of group h/);
  });
});
