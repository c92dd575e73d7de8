// The `route` label of an HTTP request: the pattern it matched in the API contract, never the
// URL itself (ids in paths would leave the trust boundary, and every id a series of its own).
import { API_ROUTES } from '../../shared/api/routes';
import { COLLAB_PATH } from '../../shared/memo/protocol';
import { SOCKET_IO_PATH } from '../../shared/realtime/events';

interface Pattern {
  method: string;
  label: string;
  regex: RegExp;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Routes with fewer parameters first: `/meetings/new` before `/meetings/:meetingId`. */
const PATTERNS: readonly Pattern[] = API_ROUTES.map((route) => ({
  method: route.method.toUpperCase(),
  label: `/api${route.path}`,
  params: route.path.split('/').filter((part) => part.startsWith(':')).length,
  regex: new RegExp(
    `^/api${route.path
      .split('/')
      .map((part) => (part.startsWith(':') ? '[^/]+' : escape(part)))
      .join('/')}/?$`,
  ),
}))
  .sort((a, b) => a.params - b.params)
  .map(({ method, label, regex }) => ({ method, label, regex }));

const FIXED = new Set(['/healthz', '/readyz', '/metrics', '/api/openapi.json']);

export function routeLabel(method: string, path: string): string {
  if (FIXED.has(path)) return path;
  if (path.startsWith('/api/')) {
    const upper = method === 'HEAD' ? 'GET' : method;
    return (
      PATTERNS.find((pattern) => pattern.method === upper && pattern.regex.test(path))?.label ??
      '/api/unmatched'
    );
  }
  if (path.startsWith(`${SOCKET_IO_PATH}/`)) return SOCKET_IO_PATH;
  if (path.startsWith(`${COLLAB_PATH}/`)) return COLLAB_PATH;
  // The app shell, its assets and the public pages: one series for them all.
  return 'page';
}
