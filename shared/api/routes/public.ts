import { defineRoutes, file, json } from '../contract';
import { PublicFeedSchema } from '../responses';
import { LangQuery } from './queries';

export const publicRoutes = defineRoutes('public', {
  getPublicFeed: {
    method: 'get',
    path: '/public/groups/:groupId/feed',
    summary: 'A group’s released statements and public memos (no login)',
    public: true,
    response: json(PublicFeedSchema),
  },
  exportPublicStatementPdf: {
    method: 'get',
    path: '/public/groups/:groupId/statements/:statementId/export.pdf',
    summary: 'A released joint statement as PDF (no login; ?lang=)',
    query: LangQuery,
    public: true,
    response: file('application/pdf', 'The PDF file (a download)'),
  },
});
