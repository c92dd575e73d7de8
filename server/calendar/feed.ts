// A user's private calendar feed (issue 19): `/calendar/<token>.ics`, no login, the meetings of
// every group the user is in, with titles only (the .ics builder never sees an agenda). The
// token is 32 random bytes; only its SHA-256 is stored, so the address is shown once, and a new
// one revokes the old.
import { createHash, randomBytes } from 'node:crypto';
import express, { type Request, type Response } from 'express';
import type { AppContext } from '../context';
import { calendarHost, calendarMeeting } from '../meetingInvitations/sendInvitation';
import { meetingFeedIcs } from './ics';

const TOKEN = /^([A-Za-z0-9_-]{43})\.ics$/;

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function calendarFeedPath(token: string): string {
  return `/calendar/${token}.ics`;
}

/** A new feed address for the user; the previous one stops working at once. */
export async function renewCalendarFeed(
  ctx: AppContext,
  userId: string,
  now = new Date(),
): Promise<{ url: string; createdAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const feed = await ctx.repos.calendarFeeds.replace(userId, hashToken(token), now);
  return { url: `${ctx.publicUrl()}${calendarFeedPath(token)}`, createdAt: feed.createdAt };
}

/** The feed's text for `token`, or null when no enabled user has it. */
export async function calendarFeedFor(ctx: AppContext, token: string): Promise<string | null> {
  const { repos } = ctx;
  const feed = await repos.calendarFeeds.byTokenHash(hashToken(token));
  const user = feed && (await repos.users.findById(feed._id));
  if (!user || user.disabledAt) return null;
  const memberships = await repos.memberships.listByUser(user._id);
  const meetings = (
    await Promise.all(memberships.map((m) => repos.meetings.listByGroup(m.groupId)))
  ).flat();
  const sent = await repos.meetingInvitations.latestOf(meetings.map((m) => m._id));
  return meetingFeedIcs({
    name: 'Neuvottelu',
    host: calendarHost(ctx),
    meetings: meetings.map((meeting) =>
      calendarMeeting(ctx, meeting, sent.get(meeting._id)?.sequence ?? 0),
    ),
  });
}

export function calendarFeedRoutes(ctx: AppContext): express.Router {
  const router = express.Router();
  router.get('/calendar/:file', async (req: Request, res: Response) => {
    const token = TOKEN.exec(String(req.params.file))?.[1];
    const text = token ? await calendarFeedFor(ctx, token) : null;
    // Never kept by a proxy or the browser: the address is a secret and the meetings change.
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (text === null) {
      res.status(404).type('text/plain; charset=utf-8').send('Not found\n');
      return;
    }
    res.status(200).type('text/calendar; charset=utf-8').send(text);
  });
  return router;
}
