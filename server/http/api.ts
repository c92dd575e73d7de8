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

  route<S extends RouteSpec>(def: RouteDef<S>, handler: Handler<S>): void {
    const { status } = def;
    this.routes.push(def);
    // Express would run a GET handler for HEAD too, with its side effects (an export's audit
    // entry, a PDF rendered for nothing). Our client never sends HEAD: refuse it before the GET.
    if (def.method === 'get')
      this.router.head(def.path, (_req, res) => {
        res.status(405).set('Allow', 'GET').end();
      });
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
