// The unanimity gate's endpoints (issue 5): joint statements, consent answers, declassification
// proposals and the public feed, typed with the shared DTOs. The statement's PDF and the public
// page are plain links (see `statementPdfLink`, `publicPagePath`).
import type {
  ConsentView,
  DeclassificationList,
  DeclassificationView,
  PublicationView,
  PublicFeed,
  ReleasedStatement,
  StatementSummary,
  StatementView,
  VersionPublication,
} from '../shared/api/consent';
import type {
  ConsentAnswerRequest,
  CreateStatementRequest,
  EditStatementRequest,
  ProposeDeclassificationRequest,
  ProposePublicationRequest,
  PutToConsentRequest,
  UpdateStatementRequest,
} from '../shared/api/schemas';
import type { Locale } from '../shared/locales';
import { groupPath, request, segment } from './api';

const statementPath = (statementId: string) => `/api/statements/${segment(statementId)}`;
const consentPath = (requestId: string) => `/api/consent/${segment(requestId)}`;
const declassificationsPath = (meetingId: string, version: number) =>
  `/api/meetings/${segment(meetingId)}/versions/${version}/declassifications`;
const publicationPath = (meetingId: string, version: number) =>
  `/api/meetings/${segment(meetingId)}/versions/${version}/publication`;

/** What `GET /api/statements/:id` answers: negotiators get the gate, readers the released text. */
export type StatementResponse = StatementView | ReleasedStatement;

/** True for a negotiator's view (with the consent gate), false for a reader's released text. */
export function isStatementView(response: StatementResponse): response is StatementView {
  return 'consent' in response;
}

export const consentApi = {
  statements: (groupId: string, signal?: AbortSignal) =>
    request<StatementSummary[]>('GET', `${groupPath(groupId)}/statements`, undefined, signal),
  createStatement: (groupId: string, body: CreateStatementRequest) =>
    request<StatementView>('POST', `${groupPath(groupId)}/statements`, body),
  statement: (statementId: string, signal?: AbortSignal) =>
    request<StatementResponse>('GET', statementPath(statementId), undefined, signal),
  renameStatement: (statementId: string, body: UpdateStatementRequest) =>
    request<StatementView>('PATCH', statementPath(statementId), body),
  putToConsent: (statementId: string, body: PutToConsentRequest) =>
    request<StatementView>('POST', `${statementPath(statementId)}/consent`, body),
  /** "Muokkaa tekstiä": the round shown ends, its consents are withdrawn, the text opens. */
  editStatement: (statementId: string, body: EditStatementRequest) =>
    request<StatementView>('POST', `${statementPath(statementId)}/edit`, body),

  consent: (requestId: string, signal?: AbortSignal) =>
    request<ConsentView>('GET', consentPath(requestId), undefined, signal),
  answer: (requestId: string, body: ConsentAnswerRequest) =>
    request<ConsentView>('POST', `${consentPath(requestId)}/answers`, body),

  declassifications: (meetingId: string, version: number, signal?: AbortSignal) =>
    request<DeclassificationList>(
      'GET',
      declassificationsPath(meetingId, version),
      undefined,
      signal,
    ),
  proposeDeclassification: (
    meetingId: string,
    version: number,
    body: ProposeDeclassificationRequest,
  ) => request<DeclassificationView>('POST', declassificationsPath(meetingId, version), body),
  declassification: (requestId: string, signal?: AbortSignal) =>
    request<DeclassificationView>(
      'GET',
      `/api/declassifications/${segment(requestId)}`,
      undefined,
      signal,
    ),

  publication: (meetingId: string, version: number, signal?: AbortSignal) =>
    request<VersionPublication>('GET', publicationPath(meetingId, version), undefined, signal),
  proposePublication: (meetingId: string, version: number, body: ProposePublicationRequest) =>
    request<PublicationView>('POST', publicationPath(meetingId, version), body),

  publicFeed: (groupId: string, signal?: AbortSignal) =>
    request<PublicFeed>('GET', `/api/public/groups/${segment(groupId)}/feed`, undefined, signal),
};

/** A released statement's PDF, for members (the public page links its own, login-free twin). */
export function statementPdfLink(statementId: string, locale: Locale): string {
  return `${statementPath(statementId)}/export.pdf?lang=${locale}`;
}

/** The group's public page, served by the server without login (not a client route). */
export function publicPagePath(groupId: string, locale?: Locale): string {
  return `/julkinen/${segment(groupId)}${locale ? `?lang=${locale}` : ''}`;
}
