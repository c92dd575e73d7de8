// Writes a group's audit log: one entry per recorded event, chained by hash. Callers await
// `record` after their action succeeded; it never throws, so auditing cannot undo an action.
import type { AuditAction, AuditDetails, AuditTarget } from '../../shared/audit';
import type { AuditEntryDoc } from '../db/schema';
import type { Logger } from '../logger';
import { auditEntryId, type AuditLogRepository } from '../repositories/auditLog';
import { GENESIS_HASH, entryHash, type ChainFields } from './chain';

export interface AuditInput {
  groupId: string;
  /** Who did it, from the session; null for the system (no person acted). */
  actor: { userId: string; name: string } | null;
  action: AuditAction;
  /** Ids and non-confidential labels only: never memo text. */
  target: AuditTarget;
  details?: AuditDetails;
}

/** What the routes, the collab server and the helpers record through (`ctx.audit`). */
export interface AuditRecorder {
  record(input: AuditInput): Promise<void>;
}

/** What the writer needs of the repository: read the tail, insert under a unique key, look up. */
export type AuditStore = Pick<AuditLogRepository, 'last' | 'append' | 'find'>;

export interface AuditLogOptions {
  /** Tries after a storage error before the entry is given up (and logged as lost). */
  storeAttempts?: number;
  backoffMs?: number;
  /** Numbers lost to other writers in a row before giving up; each loss re-reads the tail. */
  maxRaces?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class AuditLog implements AuditRecorder {
  /**
   * The last write per group in this process: entries of one group are appended one after the
   * other here, so only writers in other instances ever race for a number.
   */
  private readonly tails = new Map<string, Promise<void>>();
  private readonly storeAttempts: number;
  private readonly backoffMs: number;
  private readonly maxRaces: number;

  constructor(
    private readonly repo: AuditStore,
    private readonly logger: Logger,
    options: AuditLogOptions = {},
  ) {
    this.storeAttempts = options.storeAttempts ?? 4;
    this.backoffMs = options.backoffMs ?? 50;
    this.maxRaces = options.maxRaces ?? 100;
  }

  record(input: AuditInput): Promise<void> {
    const previous = this.tails.get(input.groupId) ?? Promise.resolve();
    const mine = previous.then(() => this.recordNow(input));
    this.tails.set(input.groupId, mine);
    // Forget a group once its queue is empty, so the map does not grow with every group seen.
    void mine.then(() => {
      if (this.tails.get(input.groupId) === mine) this.tails.delete(input.groupId);
    });
    return mine;
  }

  private async recordNow(input: AuditInput): Promise<void> {
    // The entry last sent to the store: after an error it may have landed all the same.
    const attempt = { doc: null as AuditEntryDoc | null };
    for (let tries = 1; ; tries++) {
      try {
        const fields = normalize(input);
        if (attempt.doc && (await this.landed(attempt.doc))) return;
        await this.append(fields, attempt);
        return;
      } catch (error) {
        if (tries < this.storeAttempts) {
          await sleep(this.backoffMs * 4 ** (tries - 1));
          continue;
        }
        // Ids only: the error's message could quote the document, and details are not needed
        // to see which event went unrecorded.
        this.logger.error(
          {
            groupId: input.groupId,
            action: input.action,
            targetType: input.target?.type,
            targetId: input.target?.id,
            actorId: input.actor?.userId ?? null,
            errorName: error instanceof Error ? error.name : typeof error,
          },
          'AUDIT ENTRY LOST: could not append to the audit log',
        );
        return;
      }
    }
  }

  /** Take the number after the tail; on a lost race re-read the tail and try the next one. */
  private async append(
    fields: Omit<ChainFields, 'seq'>,
    attempt: { doc: AuditEntryDoc | null },
  ): Promise<void> {
    for (let race = 0; race < this.maxRaces; race++) {
      const tail = await this.repo.last(fields.groupId);
      const seq = (tail?.seq ?? 0) + 1;
      const prevHash = tail?.hash ?? GENESIS_HASH;
      const entry: ChainFields = { ...fields, seq };
      const hash = entryHash(prevHash, entry);
      attempt.doc = { _id: auditEntryId(fields.groupId, seq), ...entry, prevHash, hash };
      if (await this.repo.append(attempt.doc)) return;
      // Spread competing instances apart a little so that one of them wins each round.
      await sleep(Math.random() * 5);
    }
    throw new Error(`lost ${this.maxRaces} audit sequence races in a row`);
  }

  /** Whether `doc` is stored (an insert that failed on the way back may have been written). */
  private async landed(doc: AuditEntryDoc): Promise<boolean> {
    const stored = await this.repo.find(doc.groupId, doc.seq);
    return stored?.hash === doc.hash;
  }
}

/** The stored fields, built explicitly: no undefined values, which engines store differently. */
function normalize(input: AuditInput): Omit<ChainFields, 'seq'> {
  const target: AuditTarget = { type: input.target.type, id: input.target.id };
  if (input.target.label !== undefined) target.label = input.target.label;
  const details: AuditDetails = {};
  for (const [key, value] of Object.entries(input.details ?? {}))
    if (value !== undefined) details[key] = value;
  return {
    groupId: input.groupId,
    at: new Date(),
    actor: input.actor ? { userId: input.actor.userId, name: input.actor.name } : null,
    action: input.action,
    target,
    details,
  };
}
