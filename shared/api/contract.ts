// The HTTP contract, declared once: each route's method, path, request body, query and response.
// The server registers its handlers against these definitions (the compiler checks what a handler
// returns), the client derives its calls and links from them, and /api/openapi.json is built from
// them: none of the three can drift from the others.
import type { z } from 'zod';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** A JSON body whose shape is the zod schema; `T` is the TypeScript type the schema describes. */
export interface JsonReply<T> {
  kind: 'json';
  schema: z.ZodType<T>;
}

/** No body (204). */
export interface EmptyReply {
  kind: 'empty';
}

/** A file or page the browser downloads or shows itself (a plain link, never `call`ed). */
export interface FileReply {
  kind: 'file';
  /** One, or those a query parameter chooses between (the first by default). */
  contentType: string | readonly string[];
  /** What the OpenAPI document says about the body. */
  description: string;
}

export type Reply = JsonReply<unknown> | EmptyReply | FileReply;

/** Pass the TypeScript type when the schema stands for an existing interface: they must agree. */
export const json = <T>(schema: z.ZodType<T>): JsonReply<T> => ({ kind: 'json', schema });
export const empty: EmptyReply = { kind: 'empty' };
export const file = (contentType: FileReply['contentType'], description: string): FileReply => ({
  kind: 'file',
  contentType,
  description,
});

export interface RouteSpec {
  method: Method;
  /** Below `/api`, with Express-style `:params`. */
  path: string;
  summary: string;
  body?: z.ZodType;
  /** The query parameters the route reads (each optional on the wire). */
  query?: z.ZodType<Record<string, unknown>>;
  response: Reply;
  /** Status of a successful response; defaults to 201 for POST, else 200. */
  status?: number;
  /** Reachable without a session. */
  public?: boolean;
}

/** A route as declared, with its feature's tag and its unique `operationId`. */
export type RouteDef<S extends RouteSpec = RouteSpec> = S & {
  operationId: string;
  tag: string;
  status: number;
  public: boolean;
};

/** The routes of one feature; each key becomes the route's `operationId`. */
export function defineRoutes<const T extends Record<string, RouteSpec>>(
  tag: string,
  specs: T,
): { [K in keyof T]: RouteDef<T[K]> } {
  const defs = {} as Record<string, RouteDef>;
  for (const [operationId, spec] of Object.entries(specs)) {
    defs[operationId] = {
      ...spec,
      operationId,
      tag,
      status: spec.status ?? (spec.method === 'post' ? 201 : 200),
      public: spec.public ?? false,
    };
  }
  return defs as { [K in keyof T]: RouteDef<T[K]> };
}

type ParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | ParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

/** `/meetings/:meetingId/versions/:version` → `{ meetingId, version }`. */
export type PathParams<P extends string> = { [K in ParamNames<P>]: string | number };

export type BodyOf<S extends RouteSpec> = S['body'] extends z.ZodType ? z.input<S['body']> : never;
export type QueryOf<S extends RouteSpec> =
  S['query'] extends z.ZodType<infer Q> ? { [K in keyof Q]?: Q[K] } : never;
/** What a successful response carries, as the client reads it and the handler must return. */
export type ResponseOf<S extends RouteSpec> = S['response'] extends JsonReply<infer T> ? T : void;

/** The path with its parameters filled in (each one URI-encoded) and the query appended. */
export function urlOf(
  route: Pick<RouteSpec, 'path'>,
  params: Record<string, string | number> = {},
  query: Record<string, unknown> = {},
): string {
  const path = route.path.replace(/:(\w+)/g, (_match, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`Missing path parameter ${name} for ${route.path}`);
    return encodeURIComponent(String(value));
  });
  // Written out: shared/ has neither DOM nor Node types, so no URLSearchParams.
  const queryString = Object.entries(query)
    .filter(([, value]) => value !== undefined && value !== null && value !== '')
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
    .join('&');
  return `/api${path}${queryString ? `?${queryString}` : ''}`;
}
