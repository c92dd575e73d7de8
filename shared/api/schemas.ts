import { z } from 'zod';
import { ROLES } from '../roles';
import { CONFIDENTIALITY_LEVELS } from '../confidentiality';
import { LOCALES } from '../locales';
import { ATTENDANCE_STATUSES, MEETING_STATUSES } from '../meetings';
import { DEPUTIES_SPEAK, PERSON_ATTENDANCE_STATUSES } from '../attendance';
import { MAX_AGENDA_TITLE_LENGTH, REVIEW_OUTCOMES } from '../continuity';
import { CASE_LINK_LIMITS } from '../caseLinks';
import { TRACKED_ITEM_STATUSES } from './memoVersions';
import { EMAIL_PREFERENCES } from './mail';
import { CONSENT_ANSWERS, FIRST_CONSENT_ROUND, MAX_CONSENT_REASON_LENGTH } from '../consent';
import { BLOCK_ID_PATTERN, MAX_REASON_LENGTH } from '../memo/format';

// Every request schema is strict: an unknown field (or a `$`-operator in its place) is refused.

const email = z.string().trim().toLowerCase().max(254).pipe(z.email());
const password = z.string().min(10, 'at least 10 characters').max(200);
const name = z.string().trim().min(1).max(120);
const id = z.uuid();

export const IdParam = id;

export const LoginRequest = z.strictObject({
  email,
  password: z.string().min(1).max(200),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const AcceptInvitationRequest = z.strictObject({
  token: z.string().min(20).max(200),
  name: name.optional(),
  password: password.optional(),
});
export type AcceptInvitationRequest = z.infer<typeof AcceptInvitationRequest>;

/** "Forgot your password?": the answer is the same whether or not the account exists. */
export const RequestPasswordResetRequest = z.strictObject({ email });
export type RequestPasswordResetRequest = z.infer<typeof RequestPasswordResetRequest>;

/** A new password with a reset link's token (the same rules as a new account's). */
export const ResetPasswordRequest = z.strictObject({
  token: z.string().min(20).max(200),
  password,
});
export type ResetPasswordRequest = z.infer<typeof ResetPasswordRequest>;

export const UpdateProfileRequest = z.strictObject({
  name: name.optional(),
  locale: z.enum(LOCALES).optional(),
  emailPreference: z.enum(EMAIL_PREFERENCES).optional(),
});
export type UpdateProfileRequest = z.infer<typeof UpdateProfileRequest>;

export const ChangePasswordRequest = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: password,
});
export type ChangePasswordRequest = z.infer<typeof ChangePasswordRequest>;

export const UpdateGroupRequest = z.strictObject({
  name: name.optional(),
  municipality: z.string().trim().max(120).optional(),
  /** When deputies speak for their party (issue 19). */
  deputiesSpeak: z.enum(DEPUTIES_SPEAK).optional(),
});
export type UpdateGroupRequest = z.infer<typeof UpdateGroupRequest>;

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a2b3c');

export const CreatePartyRequest = z.strictObject({
  name,
  shortName: z.string().trim().min(1).max(12),
  colour,
});
export type CreatePartyRequest = z.infer<typeof CreatePartyRequest>;

export const UpdatePartyRequest = CreatePartyRequest.partial().extend({
  /** The party's deputies in order, 1st first (user ids; issue 19). */
  deputyOrder: z.array(id).max(100).optional(),
});
export type UpdatePartyRequest = z.infer<typeof UpdatePartyRequest>;

export const UpdateMemberRequest = z.strictObject({
  role: z.enum(ROLES),
  partyId: id.nullable().optional(),
});
export type UpdateMemberRequest = z.infer<typeof UpdateMemberRequest>;

export const CreateInvitationRequest = z.strictObject({
  email,
  role: z.enum(ROLES),
  partyId: id.nullable().optional(),
});
export type CreateInvitationRequest = z.infer<typeof CreateInvitationRequest>;

/** The council's own item an agenda item is about; every part optional, the URL https only. */
export const CaseLinkInput = z.strictObject({
  body: z.string().trim().max(CASE_LINK_LIMITS.body).default(''),
  meetingDate: z.union([z.literal(''), z.iso.date()]).default(''),
  section: z.string().trim().max(CASE_LINK_LIMITS.section).default(''),
  diaryNumber: z.string().trim().max(CASE_LINK_LIMITS.diaryNumber).default(''),
  url: z
    .union([
      z.literal(''),
      // The server stores it as the URL parser writes it (server/routes/meetings).
      z.url({ protocol: /^https$/, hostname: z.regexes.domain }).max(CASE_LINK_LIMITS.url),
    ])
    .default(''),
});
export type CaseLinkInput = z.input<typeof CaseLinkInput>;

export const AgendaItemInput = z.strictObject({
  id: id.optional(),
  title: z.string().trim().min(1).max(MAX_AGENDA_TITLE_LENGTH),
  description: z.string().trim().max(5000).default(''),
  confidentiality: z.enum(CONFIDENTIALITY_LEVELS).default('groups'),
  caseLink: CaseLinkInput.nullable().optional(),
});
export type AgendaItemInput = z.input<typeof AgendaItemInput>;

const meetingFields = {
  title: z.string().trim().min(1).max(300),
  startsAt: z.iso.datetime({ offset: true }),
  location: z.string().trim().max(300).default(''),
  videoLink: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(2000)]).default(''),
  councilMeetingDate: z.union([z.literal(''), z.iso.date()]).default(''),
  agenda: z.array(AgendaItemInput).max(100).default([]),
};

export const CreateMeetingRequest = z.strictObject(meetingFields);
export type CreateMeetingRequest = z.input<typeof CreateMeetingRequest>;

export const UpdateMeetingRequest = z.strictObject({
  ...meetingFields,
  /** The revision the editor started from; a stale one is a conflict, not a silent overwrite. */
  revision: z.int().min(0),
});
export type UpdateMeetingRequest = z.input<typeof UpdateMeetingRequest>;

export const ChangeMeetingStatusRequest = z.strictObject({
  status: z.enum(MEETING_STATUSES),
});
export type ChangeMeetingStatusRequest = z.infer<typeof ChangeMeetingStatusRequest>;

export const SetAttendanceRequest = z.strictObject({
  attendance: z.array(z.strictObject({ partyId: id, status: z.enum(ATTENDANCE_STATUSES) })).max(50),
});
export type SetAttendanceRequest = z.infer<typeof SetAttendanceRequest>;

/** Who attends, person by person (issue 19): the whole list, replacing the one stored. */
export const SetPeopleAttendanceRequest = z.strictObject({
  people: z
    .array(
      z.strictObject({
        userId: id,
        status: z.enum(PERSON_ATTENDANCE_STATUSES),
        substituteUserId: id.nullable().default(null),
      }),
    )
    .max(200),
  /** The meeting's revision the list was made from: a change meanwhile is a conflict. */
  revision: z.int().min(0),
});
export type SetPeopleAttendanceRequest = z.input<typeof SetPeopleAttendanceRequest>;

export const InvitationPreviewRequest = z.strictObject({
  token: z.string().min(20).max(200),
});
export type InvitationPreviewRequest = z.infer<typeof InvitationPreviewRequest>;

/** A SHA-256 in hex, as the server computes it. */
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

export const ApproveMemoRequest = z.strictObject({
  /** The draft hash from the check the chair saw; if the memo changed since, nothing is approved. */
  draftHash: sha256Hex.optional(),
});
export type ApproveMemoRequest = z.infer<typeof ApproveMemoRequest>;

const calendarDay = z.iso.date();

/** The chair (or an administrator) delegates the approval to a vice-chair (issue 19). */
export const CreateApprovalDelegationRequest = z.strictObject({
  delegateUserId: id,
  scope: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('meeting'), meetingId: id }),
    z.strictObject({ kind: z.literal('period'), from: calendarDay, to: calendarDay }),
  ]),
});
export type CreateApprovalDelegationRequest = z.infer<typeof CreateApprovalDelegationRequest>;

/** Ending a delegation early takes nothing but the path. */
export const EndApprovalDelegationRequest = z.strictObject({});

export const ReopenMemoRequest = z.strictObject({
  reason: z.string().trim().min(1).max(2000),
});
export type ReopenMemoRequest = z.infer<typeof ReopenMemoRequest>;

/**
 * A follow-up's new status; "viety valmisteluun" names the council case it went to and "ei
 * toteuteta" gives the reason (the route checks which status needs which).
 */
export const SetTrackedItemStatusRequest = z.strictObject({
  status: z.enum(TRACKED_ITEM_STATUSES),
  caseLink: CaseLinkInput.optional(),
  reason: z.string().trim().max(MAX_REASON_LENGTH).optional(),
  /**
   * How many changes the item's history held when the sender read it: if someone changed it
   * since, nothing is stored (409) rather than overwriting a change the sender never saw.
   */
  basedOn: z.int().min(0).max(100_000).optional(),
});
export type SetTrackedItemStatusRequest = z.infer<typeof SetTrackedItemStatusRequest>;

/** The outcome of reviewing the previous meeting's memo, recorded at the later meeting. */
export const RecordReviewRequest = z.strictObject({
  outcome: z.enum(REVIEW_OUTCOMES),
});
export type RecordReviewRequest = z.infer<typeof RecordReviewRequest>;

/**
 * A party's answer to a joint statement or declassification put to consent. `round` is the round
 * whose text the answerer read: if the text changed meanwhile, the server refuses (409) rather than
 * count a consent to words nobody saw. The deadline of `time` must lie after `now()`, the moment
 * of the answer; the route's schema reads the clock when the request arrives.
 */
export function consentAnswerRequest(now: () => Date) {
  return z
    .strictObject({
      round: z.int().min(FIRST_CONSENT_ROUND),
      /** The party answered for; the caller's own when left out. Anyone else's is refused (403). */
      partyId: id.optional(),
      answer: z.enum(CONSENT_ANSWERS),
      reason: z.string().trim().max(MAX_CONSENT_REASON_LENGTH).default(''),
      deadline: z.iso.datetime({ offset: true }).optional(),
    })
    .superRefine((body, ctx) => {
      const refuse = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (body.answer === 'object' && body.reason === '')
        refuse('reason', 'An objection needs its reasons.');
      if (body.answer !== 'time' && body.deadline !== undefined)
        refuse('deadline', 'Only asking for time has a deadline.');
      if (body.answer === 'time' && body.deadline === undefined)
        refuse('deadline', 'Asking for time needs a deadline.');
      if (body.answer === 'time' && body.deadline && Date.parse(body.deadline) <= now().getTime())
        refuse('deadline', 'The deadline must be in the future.');
    });
}
export const ConsentAnswerRequest = consentAnswerRequest(() => new Date());
export type ConsentAnswerRequest = z.infer<typeof ConsentAnswerRequest>;

export const MAX_STATEMENT_TITLE_LENGTH = 300;

/** A new joint statement; optionally tied to a meeting of the group and one of its agenda items. */
export const CreateStatementRequest = z.strictObject({
  title: z.string().trim().min(1).max(MAX_STATEMENT_TITLE_LENGTH),
  meetingId: id.optional(),
  agendaItemId: id.optional(),
});
export type CreateStatementRequest = z.infer<typeof CreateStatementRequest>;

/** Renaming is for drafts only: parties consent to the title as much as to the text. */
export const UpdateStatementRequest = z.strictObject({
  title: z.string().trim().min(1).max(MAX_STATEMENT_TITLE_LENGTH),
});
export type UpdateStatementRequest = z.infer<typeof UpdateStatementRequest>;

/** Put to consent, or propose a declassification: an optional deadline for the answers. */
function futureDeadline(now: () => Date) {
  return z.iso
    .datetime({ offset: true })
    .refine(
      (deadline) => Date.parse(deadline) > now().getTime(),
      'The deadline must be in the future.',
    )
    .optional();
}

export function putToConsentRequest(now: () => Date) {
  return z.strictObject({ deadline: futureDeadline(now) });
}
export const PutToConsentRequest = putToConsentRequest(() => new Date());
export type PutToConsentRequest = z.infer<typeof PutToConsentRequest>;

/**
 * Take a statement back from consent to edit its text ("Muokkaa tekstiä"): the round the caller
 * saw, so that consents given since are never withdrawn unseen (409 if it is not the open round).
 */
export const EditStatementRequest = z.strictObject({ round: z.int().min(1).max(1_000_000) });
export type EditStatementRequest = z.infer<typeof EditStatementRequest>;

/** Propose to publish a memo version's public parts: an optional deadline for the answers. */
export const ProposePublicationRequest = putToConsentRequest(() => new Date());
export type ProposePublicationRequest = z.infer<typeof ProposePublicationRequest>;

const blockId = z.string().regex(BLOCK_ID_PATTERN);
export const DeclassificationTargetInput = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('section'), sectionId: blockId }),
  z.strictObject({ kind: z.literal('block'), sectionId: blockId, blockId }),
  z.strictObject({
    kind: z.literal('notes'),
    sectionId: blockId,
    index: z.int().min(0).max(10_000),
  }),
  z.strictObject({ kind: z.literal('dissent'), sectionId: blockId, dissentId: blockId }),
]);

export function proposeDeclassificationRequest(now: () => Date) {
  return z.strictObject({
    target: DeclassificationTargetInput,
    to: z.enum(CONFIDENTIALITY_LEVELS),
    deadline: futureDeadline(now),
  });
}
export const ProposeDeclassificationRequest = proposeDeclassificationRequest(() => new Date());
export type ProposeDeclassificationRequest = z.infer<typeof ProposeDeclassificationRequest>;
