import { createHash, randomBytes } from 'node:crypto';

/** An unguessable URL-safe token (256 bits). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of a token: a database leak then yields no usable session or link. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
