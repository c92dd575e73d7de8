import { defineRoutes, json } from '../contract';
import { DeclassificationListSchema, DeclassificationViewSchema } from '../responses';
import { ProposeDeclassificationRequest } from '../schemas';

export const declassificationRoutes = defineRoutes('declassifications', {
  listDeclassifications: {
    method: 'get',
    path: '/meetings/:meetingId/versions/:version/declassifications',
    summary: 'What of a version may be declassified, and its proposals (negotiators)',
    response: json(DeclassificationListSchema),
  },
  proposeDeclassification: {
    method: 'post',
    path: '/meetings/:meetingId/versions/:version/declassifications',
    summary: 'Propose to lower one item of a version one level; every party must consent',
    body: ProposeDeclassificationRequest,
    response: json(DeclassificationViewSchema),
  },
  getDeclassification: {
    method: 'get',
    path: '/declassifications/:requestId',
    summary: 'One declassification proposal with its consent state (negotiators)',
    response: json(DeclassificationViewSchema),
  },
});
