import { z } from 'zod';
import type { RouteDoc } from './api';

/** Version numbers are counters; tracked items have composite ids; every other id is a UUID. */
function pathParamSchema(name: string) {
  if (VERSION_PARAMS.has(name)) return { type: 'integer', minimum: 1 };
  if (name === 'itemId') return { type: 'string' };
  return { type: 'string', format: 'uuid' };
}
const VERSION_PARAMS = new Set(['version', 'from', 'to']);

/** OpenAPI 3.1 built from the registered routes and their zod schemas: it cannot drift. */
export function buildOpenApi(routes: readonly RouteDoc[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = `/api${route.path.replace(/:(\w+)/g, '{$1}')}`;
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: pathParamSchema(name ?? ''),
    }));
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      tags: [route.tag],
      ...(parameters.length > 0 && { parameters }),
      ...(route.body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: z.toJSONSchema(route.body, { io: 'input' }) } },
        },
      }),
      ...(route.public ? { security: [] } : {}),
      responses: {
        [String(route.status)]: { description: route.status === 204 ? 'Done' : 'Success' },
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
