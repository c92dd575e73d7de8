import { z } from 'zod';
import type { RouteDef } from '../../shared/api/contract';
import { NAMED_RESPONSE_SCHEMAS } from '../../shared/api/responses';

/** Version numbers are counters; tracked items have composite ids; every other id is a UUID. */
function pathParamSchema(name: string) {
  if (VERSION_PARAMS.has(name)) return { type: 'integer', minimum: 1 };
  if (name === 'itemId') return { type: 'string' };
  return { type: 'string', format: 'uuid' };
}
const VERSION_PARAMS = new Set(['version', 'from', 'to']);

/** A zod schema as JSON Schema for the document (its own `$schema` line left out). */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output') {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  return rest;
}

/** The query parameters a route reads, each optional, from its query schema's properties. */
function queryParameters(route: RouteDef) {
  if (!route.query) return [];
  const properties = jsonSchema(route.query, 'input').properties ?? {};
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: 'query',
    required: false,
    schema,
  }));
}

const schemaRef = (id: string) => `#/components/schemas/${id}`;

/**
 * The response schemas as named components: the shared ones under their names (and referred to
 * wherever they nest), a route's own (a list, a union) as `<operationId>Response`.
 */
function responseComponents(routes: readonly RouteDef[]) {
  const registry = z.registry<{ id: string }>();
  const ids = new Map<z.ZodType, string>();
  for (const [id, schema] of Object.entries(NAMED_RESPONSE_SCHEMAS)) {
    registry.add(schema, { id });
    ids.set(schema, id);
  }
  for (const route of routes) {
    const { response } = route;
    if (response.kind !== 'json' || ids.has(response.schema)) continue;
    const id = `${route.operationId}Response`;
    registry.add(response.schema, { id });
    ids.set(response.schema, id);
  }
  const { schemas } = z.toJSONSchema(registry, {
    io: 'output',
    unrepresentable: 'any',
    uri: schemaRef,
  });
  const components = Object.fromEntries(
    Object.entries(schemas).map(([id, { $schema: _dialect, $id: _uri, ...schema }]) => [
      id,
      schema,
    ]),
  );
  return { components, ids };
}

function successResponse(route: RouteDef, ids: ReadonlyMap<z.ZodType, string>) {
  const { response } = route;
  switch (response.kind) {
    case 'empty':
      return { description: 'Done' };
    case 'json':
      return {
        description: 'Success',
        content: {
          'application/json': { schema: { $ref: schemaRef(ids.get(response.schema) ?? '') } },
        },
      };
    case 'file':
      return {
        description: response.description,
        content: Object.fromEntries(
          [response.contentType].flat().map((contentType) => [
            // The media type without its charset: the key names the type, the header adds it.
            contentType.split(';')[0] ?? contentType,
            { schema: { type: 'string', contentMediaType: contentType } },
          ]),
        ),
      };
  }
}

/** OpenAPI 3.1 built from the registered route definitions and their zod schemas: it cannot drift. */
export function buildOpenApi(routes: readonly RouteDef[]) {
  const { components, ids } = responseComponents(routes);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const parameters = [
      ...[...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
        name,
        in: 'path',
        required: true,
        schema: pathParamSchema(name ?? ''),
      })),
      ...queryParameters(route),
    ];
    paths[path] ??= {};
    paths[path][route.method] = {
      operationId: route.operationId,
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: jsonSchema(route.body, 'input') } },
        },
      }),
      ...(route.public ? { security: [] } : {}),
      responses: {
        [String(route.status)]: successResponse(route, ids),
        default: {
          description: 'Error',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Neuvottelu API',
      version: '1',
      description:
        'Every state-changing request needs the header `x-neuvottelu-csrf: 1`. Sessions are an HttpOnly cookie.',
    },
    servers: [{ url: '/' }],
    security: [{ session: [] }],
    paths,
    components: {
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'neuvottelu_session' } },
      schemas: {
        ...components,
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message'],
              properties: {
                code: { type: 'string' },
                message: { type: 'string' },
                details: {
                  type: 'array',
                  items: {
                    type: 'object',
                    properties: { path: { type: 'string' }, message: { type: 'string' } },
                  },
                },
              },
            },
          },
        },
      },
    },
  };
}
