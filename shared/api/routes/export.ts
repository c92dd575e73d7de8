import { defineRoutes, file } from '../contract';
import { ExportQuery } from './queries';

export const exportRoutes = defineRoutes('exports', {
  exportMemoPdf: {
    method: 'get',
    path: '/meetings/:meetingId/versions/:version/export.pdf',
    summary: 'An approved memo version as PDF (?audience=, ?lang=)',
    query: ExportQuery,
    response: file('application/pdf', 'The PDF file (a download)'),
  },
  exportMemoMarkdown: {
    method: 'get',
    path: '/meetings/:meetingId/versions/:version/export.md',
    summary: 'An approved memo version as Markdown (?audience=, ?lang=)',
    query: ExportQuery,
    response: file('text/markdown; charset=utf-8', 'The Markdown file (a download)'),
  },
  printMemo: {
    method: 'get',
    path: '/meetings/:meetingId/versions/:version/print',
    summary: 'An approved memo version as a print-friendly HTML page (?audience=, ?lang=)',
    query: ExportQuery,
    response: file('text/html; charset=utf-8', 'A self-contained page to print'),
  },
  exportGroup: {
    method: 'get',
    path: '/groups/:groupId/export.zip',
    summary:
      'The whole group as one zip for the chair or an administrator: its data as JSON and the PDF of every approved version (?audience=, ?lang=); see docs/group-export.md',
    query: ExportQuery,
    response: file(
      'application/zip',
      'A zip streamed as it is written (group.json, versions/*.json, versions/*.pdf, audit.json, README.txt); cut off, never finished, when writing fails',
    ),
  },
});
