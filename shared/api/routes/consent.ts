import { defineRoutes, json } from '../contract';
import { ConsentViewSchema } from '../responses';
import { ConsentAnswerRequest } from '../schemas';

export const consentRoutes = defineRoutes('consent', {
  getConsent: {
    method: 'get',
    path: '/consent/:requestId',
    summary: 'A consent request’s state, answers and rounds (negotiators)',
    response: json(ConsentViewSchema),
  },
  answerConsent: {
    method: 'post',
    path: '/consent/:requestId/answers',
    summary: 'Answer for your own party: consent, object (with reasons) or ask for time',
    body: ConsentAnswerRequest,
    status: 200,
    response: json(ConsentViewSchema),
  },
});
