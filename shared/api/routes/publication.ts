import { defineRoutes, json } from '../contract';
import { PublicationViewSchema, VersionPublicationSchema } from '../responses';
import { ProposePublicationRequest } from '../schemas';

export const publicationRoutes = defineRoutes('publications', {
  getPublication: {
    method: 'get',
    path: '/meetings/:meetingId/versions/:version/publication',
    summary: 'Whether a version’s public parts are published, and the proposal (negotiators)',
    response: json(VersionPublicationSchema),
  },
  proposePublication: {
    method: 'post',
    path: '/meetings/:meetingId/versions/:version/publication',
    summary:
      'Propose to publish a version’s public parts on the public page; every party must consent',
    body: ProposePublicationRequest,
    response: json(PublicationViewSchema),
  },
});
