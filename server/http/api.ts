import express, { type Request, type Response } from 'express';
import type { z } from 'zod';
import { validationFailed } from '../errors';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteDoc {
  method: Method;
  path: string;
  summary: string;
  tag: string;
  body?: z.ZodType;
  status: number;
  public: boolean;
}

interface RouteOptions<S extends z.ZodType | undefined> {
  summary: string;
  body?: S;
  /** Status of a successful response; 204 sends no body. */
  status?: number;
  /** Reachable without a session. */
  public?: boolean;
}

type Body<S> = S extends z.ZodType ? z.infer<S> : undefined;
type Handler<S> = (req: Request, body: Body<S>, res: Response) => Promise<unknown>;

/**
 * An Express router that validates each body with its zod schema and records every route, so the
 * OpenAPI document is generated from the same definitions that serve requests.
 */
export class ApiRouter {
  readonly router = express.Router();
  readonly routes: RouteDoc[] = [];

  constructor(private readonly tag: string) {}

  route<S extends z.ZodType | undefined = undefined>(
    method: Method,
    path: string,
    options: RouteOptions<S>,
    handler: Handler<S>,
  ): void {
    const status = options.status ?? (method === 'post' ? 201 : 200);
    this.routes.push({
      method,
      path,
      summary: options.summary,
      tag: this.tag,
      body: options.body,
      status,
      public: options.public ?? false,
    });
    this.router[method](path, async (req, res) => {
      let body: unknown = undefined;
      if (options.body) {
        const parsed = options.body.safeParse(req.body ?? {});
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
