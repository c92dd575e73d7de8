import type { IncomingMessage } from 'node:http';

/**
 * Whether a WebSocket handshake comes from one of our own pages. Browsers always send Origin on
 * WebSocket handshakes and cookies go along, so this check is what stops a foreign site from
 * opening a socket with a member's session. Behind a TLS proxy, set PUBLIC_URL.
 */
export function isOwnOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return false;
  const host = req.headers.host ?? '';
  return (
    origin === `http://${host}` || origin === `https://${host}` || allowedOrigins.includes(origin)
  );
}
