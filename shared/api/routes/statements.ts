import { z } from 'zod';
import { defineRoutes, file, json } from '../contract';
import { ReleasedStatementSchema, StatementSummarySchema, StatementViewSchema } from '../responses';
import { LangQuery } from './queries';
import {
  CreateStatementRequest,
  EditStatementRequest,
  PutToConsentRequest,
  UpdateStatementRequest,
} from '../schemas';
import type { ReleasedStatement, StatementView } from '../consent';

export const statementRoutes = defineRoutes('statements', {
  listStatements: {
    method: 'get',
    path: '/groups/:groupId/statements',
    summary: 'The group’s joint statements (readers: released ones only)',
    response: json(z.array(StatementSummarySchema)),
  },
  createStatement: {
    method: 'post',
    path: '/groups/:groupId/statements',
    summary: 'Draft a joint statement (negotiators)',
    body: CreateStatementRequest,
    response: json(StatementViewSchema),
  },
  getStatement: {
    method: 'get',
    path: '/statements/:statementId',
    summary: 'A joint statement: the full view for negotiators, the released one for readers',
    response: json<StatementView | ReleasedStatement>(
      z.union([StatementViewSchema, ReleasedStatementSchema]),
    ),
  },
  renameStatement: {
    method: 'patch',
    path: '/statements/:statementId',
    summary: 'Rename a draft statement, or one being edited (negotiators)',
    body: UpdateStatementRequest,
    response: json(StatementViewSchema),
  },
  putStatementToConsent: {
    method: 'post',
    path: '/statements/:statementId/consent',
    summary:
      'Put a draft statement, or one edited after consent, to every party’s consent (negotiators)',
    body: PutToConsentRequest,
    status: 200,
    response: json(StatementViewSchema),
  },
  editStatement: {
    method: 'post',
    path: '/statements/:statementId/edit',
    summary:
      'Take a statement in consent back to edit its text: the round ends and its consents are withdrawn (negotiators)',
    body: EditStatementRequest,
    status: 200,
    response: json(StatementViewSchema),
  },
  exportStatementPdf: {
    method: 'get',
    path: '/statements/:statementId/export.pdf',
    summary: 'A released joint statement as PDF (?lang=)',
    query: LangQuery,
    response: file('application/pdf', 'The PDF file (a download)'),
  },
});
