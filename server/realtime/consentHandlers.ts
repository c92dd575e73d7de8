// `answerConsent` over Socket.io: the same body and the same function as
// `POST /api/consent/:requestId/answers`, so a party's answer has exactly one set of rules
// whichever path it takes. Whatever the client sends is `unknown` until checked; every failure is
// an `{ok: false}` acknowledgement, never a thrown error.
import { z } from 'zod';
import { ConsentAnswerRequest } from '../../shared/api/schemas';
import type { AnswerConsentResult } from '../../shared/realtime/events';
import { answerConsent } from '../consent/answer';
import type { AppContext } from '../context';
import { AppError, notFound, toAppError, unauthenticated, validationFailed } from '../errors';
import type { RealtimeSocket } from './types';

const requestIdSchema = z.uuid();
/** Each answer reads and writes the database: a client gets only a few at a time. */
const MAX_ANSWERS_IN_FLIGHT = 4;

export function registerConsentHandlers(socket: RealtimeSocket, ctx: AppContext): void {
  let inFlight = 0;

  async function answer(payload: Record<string, unknown>): Promise<AnswerConsentResult> {
    const { requestId, ...body } = payload;
    if (typeof requestId !== 'string' || !requestIdSchema.safeParse(requestId).success)
      throw notFound('Consent request');
    const parsed = ConsentAnswerRequest.safeParse(body);
    if (!parsed.success) throw validationFailed(parsed.error);
    // The session may have ended since the handshake.
    const auth = await ctx.sessions.authenticate(socket.request.headers.cookie);
    if (!auth || auth.sessionHash !== socket.data.sessionHash) {
      socket.disconnect(true);
      throw unauthenticated();
    }
    const caller = { userId: auth.user._id, name: auth.user.name };
    const consent = await answerConsent(ctx, requestId, caller, parsed.data, 'socket');
    return { ok: true, consent };
  }

  socket.on('answerConsent', (payload: unknown, ack: unknown) => {
    const reply = (result: AnswerConsentResult) => {
      if (typeof ack === 'function') (ack as (result: AnswerConsentResult) => void)(result);
    };
    const fail = (error: unknown) => {
      const { code, message } = toAppError(error);
      reply({ ok: false, error: { code, message } });
    };
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      return fail(new AppError('bad_request', 'The answer must be an object.'));
    if (inFlight >= MAX_ANSWERS_IN_FLIGHT)
      return reply({
        ok: false,
        error: { code: 'rate_limited', message: 'Too many answers at once; try again.' },
      });
    inFlight += 1;
    answer(payload as Record<string, unknown>)
      .then(reply, (error: unknown) => {
        if (!(error instanceof AppError))
          ctx.logger.error({ err: error }, 'socket.io answerConsent failed');
        fail(error);
      })
      .finally(() => {
        inFlight -= 1;
      });
  });
}
