// Rights follow the member at once on the collab endpoint (invariant 5). A socket's rights were
// decided at its upgrade; they are decided again when the member's role or party changes or they
// leave the group (a bus event, acted on at once), before each batch of their edits is stored, when
// their session ends or expires, and every few seconds against the database (for changes made
// behind the server's back, or events lost between instances).
import { COLLAB_CLOSE, COLLAB_CLOSE_REASON as CLOSE_REASON } from '../../shared/memo/protocol';
import { can } from '../../shared/permissions';
import type { Role } from '../../shared/roles';
import type { SessionService } from '../auth/sessions';
import type { Logger } from '../logger';
import type { MembershipChange } from '../realtime/bus';
import type { Repositories } from '../repositories';
import { NEUTRAL_COLOUR } from './awareness';
import type { Connection } from './connection';

/** setTimeout takes at most a signed 32-bit number of milliseconds. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface LiveRightsDeps {
  repos: Pick<Repositories, 'memberships' | 'groups'>;
  sessions: Pick<SessionService, 'isValid'>;
  logger: Logger;
}

/** A membership as far as live rights go; null when the person is no longer in the group. */
type Standing = { role: Role; partyId: string | null; colour?: string } | null;

export class CollabLiveRights {
  private readonly byUser = new Map<string, Set<Connection>>();
  private readonly expiry = new Map<Connection, NodeJS.Timeout>();

  constructor(private readonly deps: LiveRightsDeps) {}

  /** Follow a new connection; it closes by itself when its session expires. */
  track(connection: Connection): void {
    let connections = this.byUser.get(connection.userId);
    if (!connections) {
      connections = new Set();
      this.byUser.set(connection.userId, connections);
    }
    connections.add(connection);
    this.scheduleExpiry(connection);
  }

  untrack(connection: Connection): void {
    const connections = this.byUser.get(connection.userId);
    connections?.delete(connection);
    if (connections?.size === 0) this.byUser.delete(connection.userId);
    const timer = this.expiry.get(connection);
    if (timer) clearTimeout(timer);
    this.expiry.delete(connection);
  }

  private scheduleExpiry(connection: Connection): void {
    const left = connection.identity.sessionExpiresAt.getTime() - Date.now();
    if (left <= 0) {
      connection.close(COLLAB_CLOSE.unauthorized, CLOSE_REASON.sessionExpired);
      return;
    }
    const timer = setTimeout(
      () => {
        this.expiry.delete(connection);
        if (connection.identity.sessionExpiresAt.getTime() > Date.now())
          this.scheduleExpiry(connection);
        else connection.close(COLLAB_CLOSE.unauthorized, CLOSE_REASON.sessionExpired);
      },
      Math.min(left, MAX_TIMER_MS),
    );
    timer.unref();
    this.expiry.set(connection, timer);
  }

  private connectionsOf(userId: string, groupId?: string): Connection[] {
    const connections = [...(this.byUser.get(userId) ?? [])];
    return groupId === undefined ? connections : connections.filter((c) => c.groupId === groupId);
  }

  /**
   * A member's role or party changed, or they left the group: act on the event's facts at once
   * (nothing more of the memo reaches a socket that lost its right to it), then on the stored
   * membership, which wins if two changes raced across instances.
   */
  membershipChanged(event: MembershipChange): void {
    const connections = this.connectionsOf(event.userId, event.groupId);
    if (connections.length === 0) return;
    const { role, partyId } = event;
    this.apply(connections, role === null ? null : { role, partyId });
    this.recheck(event.userId, event.groupId).catch((error: unknown) =>
      this.deps.logger.error({ err: error }, 'collab rights re-check failed'),
    );
  }

  /** Sessions ended (logout, password change elsewhere): their sockets close. */
  sessionsEnded(userId: string, matches: (sessionHash: string) => boolean): void {
    for (const connection of this.connectionsOf(userId)) {
      if (matches(connection.identity.sessionHash))
        connection.close(COLLAB_CLOSE.unauthorized, CLOSE_REASON.sessionEnded);
    }
  }

  /**
   * Before a batch of edits is stored: each writer's membership as stored now. Sockets that have
   * closed meanwhile are judged too, since their queued edits are still stored.
   */
  async confirm(connections: Iterable<Connection>): Promise<void> {
    const writers = new Map<string, Connection[]>();
    for (const connection of connections) {
      const key = `${connection.groupId}\n${connection.userId}`;
      writers.set(key, [...(writers.get(key) ?? []), connection]);
    }
    await Promise.all(
      [...writers.values()].map((batch) =>
        this.recheck(batch[0]!.userId, batch[0]!.groupId, batch),
      ),
    );
  }

  /**
   * Every few seconds: every open socket's session must still be valid and its membership as
   * stored. Reads once per session and once per member, not per socket.
   */
  async sweep(): Promise<void> {
    const sessions = new Map<string, Connection[]>();
    const members = new Map<string, { userId: string; groupId: string }>();
    for (const connections of this.byUser.values()) {
      for (const connection of connections) {
        const { sessionHash } = connection.identity;
        sessions.set(sessionHash, [...(sessions.get(sessionHash) ?? []), connection]);
        const { userId, groupId } = connection;
        members.set(`${groupId}\n${userId}`, { userId, groupId });
      }
    }
    await Promise.all([
      ...[...sessions].map(async ([sessionHash, connections]) => {
        if (await this.deps.sessions.isValid(sessionHash)) return;
        for (const connection of connections)
          connection.close(COLLAB_CLOSE.unauthorized, CLOSE_REASON.sessionEnded);
      }),
      ...[...members.values()].map(({ userId, groupId }) => this.recheck(userId, groupId)),
    ]);
  }

  /** Apply the stored membership to the user's open sockets in the group (and to `also`). */
  private async recheck(
    userId: string,
    groupId: string,
    also: readonly Connection[] = [],
  ): Promise<void> {
    const { repos } = this.deps;
    const membership = await repos.memberships.find(groupId, userId);
    const connections = [...new Set([...this.connectionsOf(userId, groupId), ...also])];
    if (!membership || !can(membership, 'group.negotiate')) {
      this.apply(connections, null);
      return;
    }
    const { role, partyId } = membership;
    // The party's colour is read only for a party move: this runs before every stored batch.
    const moved = connections.some((connection) => connection.identity.partyId !== partyId);
    if (!moved) {
      this.apply(connections, { role, partyId });
      return;
    }
    const party = partyId ? await repos.groups.findParty(groupId, partyId) : null;
    this.apply(connections, { role, partyId, colour: party?.colour ?? NEUTRAL_COLOUR });
  }

  private apply(connections: readonly Connection[], standing: Standing): void {
    for (const connection of connections) {
      if (connection.revoked) continue;
      if (!standing || !can(standing, 'group.negotiate')) {
        // Readers and former members never receive the live text: the socket goes, and what
        // it sent that is still queued is dropped.
        connection.revoked = true;
        connection.close(COLLAB_CLOSE.unauthorized, CLOSE_REASON.membership);
        continue;
      }
      const { identity, actor } = connection;
      const partyId = standing.partyId;
      // A party move without a known colour keeps the old one until the stored party is read.
      const colour =
        standing.colour ?? (partyId === identity.partyId ? identity.colour : NEUTRAL_COLOUR);
      if (
        actor.role === standing.role &&
        (actor.partyId ?? null) === partyId &&
        identity.colour === colour
      )
        continue;
      connection.changeRights(
        { role: standing.role, partyId },
        { ...identity, role: standing.role, partyId, colour },
      );
    }
  }
}
