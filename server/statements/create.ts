// A negotiator drafts a joint statement for the group, optionally tied to one of its meetings and
// an agenda item of that meeting. The statement is a consent request of kind `statement` with no
// round yet (a draft); its id is also its live room's.
import { randomUUID } from 'node:crypto';
import type { CreateStatementRequest } from '../../shared/api/schemas';
import type { AppContext } from '../context';
import type { ConsentRequestDoc } from '../db/schema';
import { conflict, notFound } from '../errors';
import { readStatementLock } from './lock';

export interface Author {
  userId: string;
  name: string;
}

/** The meeting and agenda item of the body, checked against the group (404 otherwise). */
async function placeOf(
  ctx: AppContext,
  groupId: string,
  body: CreateStatementRequest,
): Promise<{ meetingId: string | null; agendaItemId: string | null }> {
  if (!body.meetingId) {
    if (body.agendaItemId) throw notFound('Agenda item');
    return { meetingId: null, agendaItemId: null };
  }
  const meeting = await ctx.repos.meetings.findById(body.meetingId);
  if (!meeting || meeting.groupId !== groupId) throw notFound('Meeting');
  if (body.agendaItemId && !meeting.agenda.some((item) => item.id === body.agendaItemId))
    throw notFound('Agenda item');
  return { meetingId: meeting._id, agendaItemId: body.agendaItemId ?? null };
}

export async function createStatement(
  ctx: AppContext,
  groupId: string,
  author: Author,
  body: CreateStatementRequest,
  now = new Date(),
): Promise<ConsentRequestDoc> {
  const { meetingId, agendaItemId } = await placeOf(ctx, groupId, body);
  const request: ConsentRequestDoc = {
    _id: randomUUID(),
    groupId,
    kind: 'statement',
    title: body.title,
    meetingId,
    deadline: null,
    createdBy: author,
    createdAt: now,
    statement: { agendaItemId },
    declassification: null,
  };
  await ctx.repos.consent.createRequest(request);
  // Ids only: the title is not public before release, and administrators read the audit log.
  await ctx.audit.record({
    groupId,
    actor: author,
    action: 'statement.create',
    target: { type: 'statement', id: request._id },
    details: { meetingId, agendaItemId },
  });
  return request;
}

/**
 * Renaming is for a draft, or a statement taken back for editing: in consent the parties consent
 * to the title too, and a released one is frozen.
 */
export async function renameStatement(
  ctx: AppContext,
  request: ConsentRequestDoc,
  title: string,
): Promise<ConsentRequestDoc> {
  if ((await readStatementLock(ctx.repos, request._id)).locked)
    throw conflict('Only a draft, or a statement being edited, can be renamed.');
  await ctx.repos.consent.renameRequest(request._id, title);
  return { ...request, title };
}
