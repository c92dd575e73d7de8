import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlOf, type RouteDef } from '../../shared/api/contract';
import { API_ROUTES } from '../../shared/api/routes';
import { groupRoutes } from '../../shared/api/routes/groups';
import { meetingRoutes } from '../../shared/api/routes/meetings';
import { DEMO_PASSWORD } from '../../server/seed/demo';
import { ApiClient } from '../support/apiClient';
import { startTestServer, type TestServer } from '../support/testServer';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Every operation of the document with its method and path. */
function operations(doc: any): { method: string; path: string; operation: any }[] {
  return Object.entries(doc.paths).flatMap(([path, item]: [string, any]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({ method, path, operation })),
  );
}

/** GET `route` as `client` and check the answer against the route's declared response schema. */
async function conforming(
  client: ApiClient,
  route: RouteDef,
  params: Record<string, string | number>,
  query?: Record<string, unknown>,
): Promise<any> {
  const response = await client.get(urlOf(route, params, query));
  expect(response.status, `${route.operationId}: ${JSON.stringify(response.body)}`).toBe(
    route.status,
  );
  if (route.response.kind !== 'json') throw new Error(`${route.operationId} answers no JSON`);
  const parsed = route.response.schema.safeParse(response.body);
  expect(parsed.error?.issues, route.operationId).toBeUndefined();
  return response.body;
}

describe('/api/openapi.json', () => {
  let t: TestServer;
  let doc: any;
  let secretary: ApiClient;
  let reader: ApiClient;
  let groupId: string;

  beforeAll(async () => {
    t = await startTestServer({ seedDemo: true });
    secretary = new ApiClient(t.url);
    groupId = (await secretary.login('sihteeri@demo.example', DEMO_PASSWORD)).body.memberships[0]
      .groupId;
    reader = new ApiClient(t.url);
    await reader.login('vihr.lukija1@demo.example', DEMO_PASSWORD);
    doc = (await secretary.get('/api/openapi.json')).body;
  });
  afterAll(() => t.close());

  it('is a valid OpenAPI 3.1 document by a real validator', async () => {
    const result = await new Validator().validate(doc);
    expect(result.errors).toBeUndefined();
    expect(result.valid).toBe(true);
    expect(doc.openapi).toBe('3.1.0');
  });

  it('has each route of the shared contract, under a unique operationId', () => {
    const ops = operations(doc);
    const ids = ops.map(({ operation }) => operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && id.length > 0)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    for (const route of API_ROUTES) {
      const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
      expect(doc.paths[path]?.[route.method]?.operationId, `${route.method} ${path}`).toBe(
        route.operationId,
      );
    }
  });

  it('gives every route a success response with a schema, or says it has no body', () => {
    const declared = new Set(API_ROUTES.map((route) => route.operationId));
    const ops = operations(doc).filter(({ operation }) => declared.has(operation.operationId));
    expect(ops).toHaveLength(API_ROUTES.length);
    for (const { method, path, operation } of ops) {
      const success = Object.entries<any>(operation.responses).filter(
        ([code]) => code !== 'default',
      );
      expect(success, `${method} ${path}`).toHaveLength(1);
      const [code, response] = success[0]!;
      if (code === '204') {
        expect(response.content, `${method} ${path}`).toBeUndefined();
        continue;
      }
      const media = Object.entries<any>(response.content ?? {});
      expect(media.length, `${method} ${path}`).toBeGreaterThan(0);
      for (const [, { schema }] of media) expect(schema, `${method} ${path}`).toBeTypeOf('object');
    }
  });

  it('describes what the server really answers (negotiator and reader views)', async () => {
    const created = await secretary.post(urlOf(meetingRoutes.createMeeting, { groupId }), {
      title: 'Neuvottelu',
      startsAt: '2026-12-07T17:00:00+02:00',
      councilMeetingDate: '2026-12-14',
      agenda: [
        { title: 'Talousarvio', confidentiality: 'groups' },
        { title: 'Henkilöstö', confidentiality: 'confidential' },
      ],
    });
    expect(created.status).toBe(201);
    expect(
      meetingRoutes.createMeeting.response.schema.safeParse(created.body).error,
    ).toBeUndefined();
    for (const client of [secretary, reader]) {
      await conforming(client, groupRoutes.getGroup, { groupId });
      const meetings = await conforming(client, meetingRoutes.listMeetings, { groupId });
      expect(meetings.length).toBeGreaterThan(0);
      for (const { id } of meetings) {
        await conforming(client, meetingRoutes.getMeeting, { meetingId: id });
      }
    }
  });
});
