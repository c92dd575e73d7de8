import type { Request, Response } from 'express';
import { clearedSessionCookie, sessionCookie } from '../../auth/sessionCookie';
import { hashToken } from '../../auth/tokens';
import type { AppContext } from '../../context';

function isSecure(ctx: AppContext, req: Request): boolean {
  return req.secure || ctx.publicUrl().startsWith('https://');
}

/**
 * Log the user in on this response: any previous session ends and a fresh id is issued. Returns
 * the new session's hash.
 */
export async function logIn(
  ctx: AppContext,
  req: Request,
  res: Response,
  userId: string,
): Promise<string> {
  await ctx.sessions.end(req.headers.cookie);
  const token = await ctx.sessions.start(userId);
  res.setHeader(
    'Set-Cookie',
    sessionCookie(token, { secure: isSecure(ctx, req), maxAgeMs: ctx.sessions.maxAgeMs }),
  );
  return hashToken(token);
}

export async function logOut(ctx: AppContext, req: Request, res: Response) {
  await ctx.sessions.end(req.headers.cookie);
  res.setHeader('Set-Cookie', clearedSessionCookie(isSecure(ctx, req)));
}
