// The unanimity gate's endpoints (issue 5): joint statements, consent answers, declassification
// proposals and the public feed, typed with the shared DTOs. The statement's PDF and the public
// page are plain links (see `statementPdfLink`, `publicPagePath`).
import type { ReleasedStatement, StatementView } from '../shared/api/consent';
import { consentRoutes } from '../shared/api/routes/consent';
import { declassificationRoutes } from '../shared/api/routes/declassification';
import { publicRoutes } from '../shared/api/routes/public';
import { publicationRoutes } from '../shared/api/routes/publication';
import { statementRoutes } from '../shared/api/routes/statements';
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
import { call, linkTo } from './api';

/** What `GET /api/statements/:id` answers: negotiators get the gate, readers the released text. */
export type StatementResponse = StatementView | ReleasedStatement;

/** True for a negotiator's view (with the consent gate), false for a reader's released text. */
export function isStatementView(response: StatementResponse): response is StatementView {
  return 'consent' in response;
}

export const consentApi = {
  statements: (groupId: string, signal?: AbortSignal) =>
    call(statementRoutes.listStatements, { params: { groupId } }, signal),
  createStatement: (groupId: string, body: CreateStatementRequest) =>
    call(statementRoutes.createStatement, { params: { groupId }, body }),
  statement: (statementId: string, signal?: AbortSignal) =>
    call(statementRoutes.getStatement, { params: { statementId } }, signal),
  renameStatement: (statementId: string, body: UpdateStatementRequest) =>
    call(statementRoutes.renameStatement, { params: { statementId }, body }),
  putToConsent: (statementId: string, body: PutToConsentRequest) =>
    call(statementRoutes.putStatementToConsent, { params: { statementId }, body }),
  /** "Muokkaa tekstiä": the round shown ends, its consents are withdrawn, the text opens. */
  editStatement: (statementId: string, body: EditStatementRequest) =>
    call(statementRoutes.editStatement, { params: { statementId }, body }),

  consent: (requestId: string, signal?: AbortSignal) =>
    call(consentRoutes.getConsent, { params: { requestId } }, signal),
  answer: (requestId: string, body: ConsentAnswerRequest) =>
    call(consentRoutes.answerConsent, { params: { requestId }, body }),

  declassifications: (meetingId: string, version: number, signal?: AbortSignal) =>
    call(declassificationRoutes.listDeclassifications, { params: { meetingId, version } }, signal),
  proposeDeclassification: (
    meetingId: string,
    version: number,
    body: ProposeDeclassificationRequest,
  ) =>
    call(declassificationRoutes.proposeDeclassification, { params: { meetingId, version }, body }),
  declassification: (requestId: string, signal?: AbortSignal) =>
    call(declassificationRoutes.getDeclassification, { params: { requestId } }, signal),

  publication: (meetingId: string, version: number, signal?: AbortSignal) =>
    call(publicationRoutes.getPublication, { params: { meetingId, version } }, signal),
  proposePublication: (meetingId: string, version: number, body: ProposePublicationRequest) =>
    call(publicationRoutes.proposePublication, { params: { meetingId, version }, body }),

  publicFeed: (groupId: string, signal?: AbortSignal) =>
    call(publicRoutes.getPublicFeed, { params: { groupId } }, signal),
};

/** A released statement's PDF, for members (the public page links its own, login-free twin). */
export function statementPdfLink(statementId: string, locale: Locale): string {
  return linkTo(statementRoutes.exportStatementPdf, {
    params: { statementId },
    query: { lang: locale },
  });
}

/** The group's public page, served by the server without login (not a client route). */
export function publicPagePath(groupId: string, locale?: Locale): string {
  return `/julkinen/${encodeURIComponent(groupId)}${locale ? `?lang=${locale}` : ''}`;
}
