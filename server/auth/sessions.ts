import type { UserDoc } from '../db/schema';
import type { MeetingEventBus } from '../realtime/bus';
import type { Repositories } from '../repositories';
import { readSessionToken } from './sessionCookie';
import { hashToken, newToken } from './tokens';

export interface Authenticated {
  user: UserDoc;
  sessionHash: string;
  /** When the session ends by itself; open live connections close then. */
  expiresAt: Date;
}

/** Server-side sessions: the cookie holds a random token, the database its hash. */
export class SessionService {
  constructor(
    private readonly repos: Repositories,
    private readonly ttlMs: number,
    private readonly events: MeetingEventBus,
  ) {}

  get maxAgeMs() {
    return this.ttlMs;
  }

  /** Start a new session; the caller drops any previous one, so the id rotates on login. */
  async start(userId: string): Promise<string> {
    const token = newToken();
    await this.repos.sessions.create(hashToken(token), userId, this.ttlMs);
    return token;
  }

  /** Resolve a Cookie header to the logged-in user, or undefined. */
  async authenticate(cookieHeader: string | undefined): Promise<Authenticated | undefined> {
    const token = readSessionToken(cookieHeader);
    if (!token) return undefined;
    const sessionHash = hashToken(token);
    const session = await this.repos.sessions.findValid(sessionHash);
    if (!session) return undefined;
    const user = await this.repos.users.findById(session.userId);
    // A disabled account's sessions are deleted; this covers a login racing the disabling.
    return user && !user.disabledAt
      ? { user, sessionHash, expiresAt: session.expiresAt }
      : undefined;
  }

  /** End the cookie's session; its live WebSocket and Socket.io connections close too. */
  async end(cookieHeader: string | undefined): Promise<void> {
    const token = readSessionToken(cookieHeader);
    if (!token) return;
    const sessionHash = hashToken(token);
    const session = await this.repos.sessions.findValid(sessionHash);
    await this.repos.sessions.delete(sessionHash);
    if (session) this.events.publish({ type: 'sessionEnded', userId: session.userId, sessionHash });
  }

  /** Whether the session is still valid (live connections re-check this every few seconds). */
  async isValid(sessionHash: string): Promise<boolean> {
    return (await this.repos.sessions.findValid(sessionHash)) !== null;
  }

  /** End every session of the user (a password reset): their live connections close too. */
  async endAll(userId: string): Promise<void> {
    await this.repos.sessions.deleteAllForUser(userId);
    // No session's hash is empty, so every connection of the user matches.
    this.events.publish({ type: 'otherSessionsEnded', userId, keptSessionHash: '' });
  }

  async endOthers(userId: string, keepSessionHash: string): Promise<void> {
    await this.repos.sessions.deleteAllForUser(userId, keepSessionHash);
    this.events.publish({ type: 'otherSessionsEnded', userId, keptSessionHash: keepSessionHash });
  }
}
