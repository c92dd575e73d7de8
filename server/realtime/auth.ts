import type { IncomingMessage } from 'node:http';
import type { ExtendedError } from 'socket.io';
import type { ErrorCode } from '../../shared/errors';
import type { AppContext } from '../context';
import { isOwnOrigin } from '../http/origin';
import type { RealtimeSocket } from './types';

/**
 * Engine.io's gate before any handshake. A browser always sends Origin, so a page of another
 * site is refused here even though the person's cookie would go along. Clients that send no
 * Origin are not browsers and still need a session cookie.
 */
export function originGate(ctx: AppContext) {
  return (req: IncomingMessage, callback: (err: string | null, success: boolean) => void) => {
    const allowed = !req.headers.origin || isOwnOrigin(req, [ctx.publicUrl()]);
    callback(allowed ? null : 'Origin not allowed', allowed);
  };
}

/** The error a client sees in `connect_error`, with a stable code in `data`. */
export function connectError(code: ErrorCode, message: string): ExtendedError {
  const error: ExtendedError = new Error(message);
  error.data = { code };
  return error;
}

/** Socket.io middleware: every connection, first or reconnect, needs a live session. */
export function sessionGate(ctx: AppContext) {
  return (socket: RealtimeSocket, next: (err?: ExtendedError) => void) => {
    ctx.sessions.authenticate(socket.request.headers.cookie).then(
      (auth) => {
        if (!auth) return next(connectError('unauthenticated', 'Please log in.'));
        socket.data = {
          userId: auth.user._id,
          name: auth.user.name,
          sessionHash: auth.sessionHash,
          sessionExpiresAt: auth.expiresAt.getTime(),
          meetings: {},
        };
        next();
      },
      (error: unknown) => {
        ctx.logger.error({ err: error }, 'socket.io session check failed');
        next(connectError('unavailable', 'The server cannot check your session now.'));
      },
    );
  };
}
