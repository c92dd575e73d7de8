import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import type { ResponseOf, RouteDef, RouteSpec } from '../../shared/api/contract';
import { validationFailed } from '../errors';

type Body<S extends RouteSpec> = S['body'] extends z.ZodType ? z.output<S['body']> : undefined;
type Handler<S extends RouteSpec> = (
  req: Request,
  body: Body<S>,
  res: Response,
) => Promise<ResponseOf<S>>;

/**
 * An Express router whose routes are the shared definitions (shared/api/routes): each body is
 * validated with its zod schema, each handler must return the declared response type, and every
 * route is recorded so the OpenAPI document is generated from the same definitions.
 */
export class ApiRouter {
  readonly router = express.Router();
  readonly routes: RouteDef[] = [];

  /** @deprecated The tag comes from the definitions. */
  constructor(readonly legacyTag?: string) {}

  /** @deprecated Until every feature declares its routes in shared/api/routes. */
  route<S extends z.ZodType | undefined = undefined>(
    method: RouteSpec['method'],
    path: string,
    options: { summary: string; body?: S; status?: number; public?: boolean },
    handler: (
      req: Request,
      body: S extends z.ZodType ? z.output<S> : undefined,
      res: Response,
    ) => Promise<unknown>,
  ): void;
  route<S extends RouteSpec>(def: RouteDef<S>, handler: Handler<S>): void;
  route(...args: unknown[]): void {
    if (typeof args[0] === 'string') {
      const [method, path, options, handler] = args as [
        RouteSpec['method'],
        string,
        Omit<RouteSpec, 'method' | 'path' | 'response'>,
        Handler<RouteSpec>,
      ];
      const def = {
        method,
        path,
        ...options,
        response: { kind: 'json', schema: null as unknown as z.ZodType },
        operationId: `${method}${path}`,
        tag: this.legacyTag ?? 'legacy',
        status: options.status ?? (method === 'post' ? 201 : 200),
        public: options.public ?? false,
      } as RouteDef;
      this.define(def, handler);
      return;
    }
    this.define(args[0] as RouteDef, args[1] as Handler<RouteSpec>);
  }

  private define<S extends RouteSpec>(def: RouteDef<S>, handler: Handler<S>): void {
    const { status } = def;
    this.routes.push(def);
    this.router[def.method](def.path, async (req, res) => {
      let body: unknown = undefined;
      if (def.body) {
        const parsed = def.body.safeParse(req.body ?? {});
        if (!parsed.success) throw validationFailed(parsed.error);
        body = parsed.data;
      }
      const result = await handler(req, body as Body<S>, res);
      // A handler that wrote its own response (a file, a page) is done.
      if (res.headersSent) return;
      if (status === 204 || result === undefined) res.status(status === 200 ? 204 : status).end();
      else res.status(status).json(result);
    });
  }
}
