import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlOf, type RouteDef } from '../../shared/api/contract';
import { API_ROUTES } from '../../shared/api/routes';
import { approvalRoutes } from '../../shared/api/routes/approval';
import { auditRoutes } from '../../shared/api/routes/audit';
import { consentRoutes } from '../../shared/api/routes/consent';
import { continuityRoutes } from '../../shared/api/routes/continuity';
import { declassificationRoutes } from '../../shared/api/routes/declassification';
import { groupRoutes } from '../../shared/api/routes/groups';
import { invitationRoutes } from '../../shared/api/routes/invitations';
import { mailRoutes } from '../../shared/api/routes/mail';
import { meetingRoutes } from '../../shared/api/routes/meetings';
import { memberRoutes } from '../../shared/api/routes/members';
import { profileRoutes } from '../../shared/api/routes/profile';
import { publicRoutes } from '../../shared/api/routes/public';
import { publicationRoutes } from '../../shared/api/routes/publication';
import { statementRoutes } from '../../shared/api/routes/statements';
import { versionRoutes } from '../../shared/api/routes/versions';
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

/**
 * Keys of `value` that `schema` (JSON Schema from the document, `$ref`s resolved in `doc`) does
 * not declare where it says `additionalProperties: false`: the document must not promise clients
 * a closed object the server then extends.
 */
function undeclaredKeys(doc: any, schema: any, value: unknown, at = '$'): string[] {
  if (schema?.$ref) {
    const name = String(schema.$ref).replace('#/components/schemas/', '');
    return undeclaredKeys(doc, doc.components.schemas[name], value, at);
  }
  if (schema?.anyOf) {
    const fits = schema.anyOf.map((option: any) => undeclaredKeys(doc, option, value, at));
    return fits.find((found: string[]) => found.length === 0) ?? fits[0];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) =>
      undeclaredKeys(doc, schema?.items, item, `${at}[${index}]`),
    );
  }
  if (value === null || typeof value !== 'object' || !schema?.properties) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key in schema.properties
      ? undeclaredKeys(doc, schema.properties[key], child, `${at}.${key}`)
      : schema.additionalProperties === false
        ? [`${at}.${key}`]
        : [],
  );
}

/** Call `route` as `client` and check the answer against the route's declared response schema. */
async function conformingCall(
  client: ApiClient,
  route: RouteDef,
  params: Record<string, string | number>,
  body?: unknown,
): Promise<any> {
  const response = await client.request(route.method, urlOf(route, params), body);
  expect(response.status, `${route.operationId}: ${JSON.stringify(response.body)}`).toBe(
    route.status,
  );
  if (route.response.kind !== 'json') throw new Error(`${route.operationId} answers no JSON`);
  const parsed = route.response.schema.safeParse(response.body);
  expect(parsed.error?.issues, route.operationId).toBeUndefined();
  const documented = openapi.paths[`/api${route.path.replace(/:(\w+)/g, '{$1}')}`][route.method];
  const schema = documented.responses[String(route.status)].content['application/json'].schema;
  expect(undeclaredKeys(openapi, schema, response.body), route.operationId).toEqual([]);
  return response.body;
}

/** The served document, for the checks above. */
let openapi: any;

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
    openapi = doc;
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
    const ops = operations(doc);
    // Nothing is served outside the contract, and all of it is served.
    expect(ops.filter(({ operation }) => !declared.has(operation.operationId))).toEqual([]);
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

  it('declares the query parameters each route reads', () => {
    const queryNames = (path: string) =>
      doc.paths[path].get.parameters
        .filter((parameter: any) => parameter.in === 'query')
        .map((parameter: any) => parameter.name);
    expect(queryNames('/api/groups/{groupId}/audit')).toEqual(['before', 'limit']);
    expect(queryNames('/api/groups/{groupId}/audit/export')).toEqual(['format']);
    expect(queryNames('/api/groups/{groupId}/tracked-items')).toEqual([
      'status',
      'kind',
      'unfinished',
    ]);
    expect(queryNames('/api/meetings/{meetingId}/versions/{version}')).toEqual(['audience']);
    expect(queryNames('/api/meetings/{meetingId}/versions/{version}/print')).toEqual([
      'audience',
      'lang',
    ]);
    // Whatever a summary mentions as `?name=` or `&name=` is declared too.
    for (const { method, path, operation } of operations(doc)) {
      const mentioned = [...String(operation.summary).matchAll(/[?&](\w+)=/g)].map(([, n]) => n);
      const declared = (operation.parameters ?? [])
        .filter((parameter: any) => parameter.in === 'query')
        .map((parameter: any) => parameter.name);
      expect(declared, `${method} ${path}`).toEqual(expect.arrayContaining(mentioned));
    }
  });

  it('names the content type of every file: PDF, Markdown, HTML, CSV', () => {
    const types = (path: string) => Object.keys(doc.paths[path].get.responses['200'].content);
    const version = '/api/meetings/{meetingId}/versions/{version}';
    expect(types(`${version}/export.pdf`)).toEqual(['application/pdf']);
    expect(types(`${version}/export.md`)).toEqual(['text/markdown']);
    expect(types(`${version}/print`)).toEqual(['text/html']);
    expect(types('/api/statements/{statementId}/export.pdf')).toEqual(['application/pdf']);
    expect(types('/api/public/groups/{groupId}/statements/{statementId}/export.pdf')).toEqual([
      'application/pdf',
    ]);
    expect(types('/api/groups/{groupId}/audit/export')).toEqual(['application/json', 'text/csv']);
    expect(types('/api/meetings/{meetingId}')).toEqual(['application/json']);
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
      await conformingCall(client, groupRoutes.getGroup, { groupId });
      const meetings = await conformingCall(client, meetingRoutes.listMeetings, { groupId });
      expect(meetings.length).toBeGreaterThan(0);
      for (const { id } of meetings) {
        await conformingCall(client, meetingRoutes.getMeeting, { meetingId: id });
      }
    }
  });

  it('describes the answers of the chair’s routes, statements, consent and versions', async () => {
    const chair = new ApiClient(t.url);
    await chair.login('puheenjohtaja@demo.example', DEMO_PASSWORD);
    const group = { groupId };
    await conformingCall(chair, profileRoutes.getMe, {});
    for (const route of [
      memberRoutes.listMembers,
      invitationRoutes.listInvitations,
      mailRoutes.getMailOutbox,
      auditRoutes.getAuditLog,
      continuityRoutes.listTrackedItems,
      versionRoutes.listApprovedMemos,
      statementRoutes.listStatements,
    ]) {
      await conformingCall(chair, route, group);
    }
    await conformingCall(new ApiClient(t.url), publicRoutes.getPublicFeed, group);

    const statement = await conformingCall(chair, statementRoutes.createStatement, group, {
      title: 'Yhteinen kannanotto',
    });
    const statementId = statement.id;
    await conformingCall(chair, statementRoutes.getStatement, { statementId });
    await conformingCall(chair, consentRoutes.getConsent, {
      requestId: statement.consent.requestId,
    });

    const meeting = await conformingCall(chair, meetingRoutes.createMeeting, group, {
      title: 'Hyväksyttävä',
      startsAt: '2026-12-07T17:00:00+02:00',
      agenda: [{ title: 'Talousarvio' }],
    });
    const meetingId = meeting.id;
    await conformingCall(
      chair,
      meetingRoutes.changeMeetingStatus,
      { meetingId },
      {
        status: 'in_progress',
      },
    );
    const check = await conformingCall(chair, approvalRoutes.checkApproval, { meetingId });
    await conformingCall(
      chair,
      approvalRoutes.approveMemo,
      { meetingId },
      {
        draftHash: check.draftHash,
      },
    );
    const version = { meetingId, version: 1 };
    await conformingCall(chair, versionRoutes.getMemoHistory, { meetingId });
    await conformingCall(chair, versionRoutes.getMemoVersion, version);
    await conformingCall(reader, versionRoutes.getMemoVersion, version);
    await conformingCall(chair, versionRoutes.compareMemoVersions, { meetingId, from: 1, to: 1 });
    await conformingCall(chair, versionRoutes.getReadReceipts, { meetingId });
    await conformingCall(chair, declassificationRoutes.listDeclassifications, version);
    await conformingCall(chair, publicationRoutes.getPublication, version);
  });
});
