import type { RouteDef } from '../../shared/api/contract';
import { API_ROUTES } from '../../shared/api/routes';
import { CSRF_HEADER } from '../../shared/errors';

const CONTRACT = API_ROUTES.map((route) => ({
  route,
  pattern: new RegExp(`^/api${route.path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`),
}));

function contractRoute(method: string, url: URL): RouteDef | undefined {
  const wanted = method.toLowerCase();
  return CONTRACT.find(
    ({ route, pattern }) => route.method === wanted && pattern.test(url.pathname),
  )?.route;
}

/**
 * Every successful JSON answer any API test receives must fit its route's declared response
 * schema (shared/api/routes), so the whole suite checks the contract, not only its own test.
 */
function checkAgainstContract(method: string, url: URL, status: number, body: unknown): void {
  const route = contractRoute(method, url);
  if (!route || route.response.kind !== 'json' || status < 200 || status >= 300) return;
  const parsed = route.response.schema.safeParse(body);
  if (!parsed.success) {
    throw new Error(
      `${route.operationId} answered outside its declared schema: ${JSON.stringify(parsed.error.issues)}`,
    );
  }
}

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** A fetch client that keeps its session cookie, like one browser. */
export class ApiClient {
  private cookie: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: { raw?: string; headers?: Record<string, string> } = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { [CSRF_HEADER]: '1', ...options.headers };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | undefined = options.raw;
    if (body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined) headers['content-type'] ??= 'application/json';
    const url = new URL(path, this.baseUrl);
    const response = await fetch(url, {
      method,
      headers,
      body: payload,
      redirect: 'manual',
    });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) {
      const pair = setCookie.split(';')[0] ?? '';
      this.cookie = pair.endsWith('=') ? undefined : pair;
    }
    const text = await response.text();
    let parsed: unknown = text;
    if (response.headers.get('content-type')?.includes('application/json')) {
      parsed = JSON.parse(text);
      checkAgainstContract(method, url, response.status, parsed);
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  get sessionCookie() {
    return this.cookie;
  }

  async login(email: string, password: string) {
    const response = await this.post('/api/auth/login', { email, password });
    if (response.status !== 200) {
      throw new Error(
        `login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response;
  }
}
