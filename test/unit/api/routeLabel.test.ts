import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../../shared/api/routes';
import { routeLabel } from '../../../server/metrics/routeLabel';

// The `route` label of /metrics: every API route is counted under its own pattern, whatever ids
// its path carries, and nothing else ever puts a path of its own into a label (invariant 3).

describe('routeLabel', () => {
  it('names every API route by its own pattern, never by the ids in its path', () => {
    for (const route of API_ROUTES) {
      const path = `/api${route.path.replace(/:[A-Za-z]+/g, () => randomUUID())}`;
      expect(routeLabel(route.method.toUpperCase(), path), path).toBe(`/api${route.path}`);
    }
  });

  it('puts everything else under a few fixed names', () => {
    const id = randomUUID();
    expect(routeLabel('GET', `/api/nothing/${id}`)).toBe('/api/unmatched');
    expect(routeLabel('DELETE', '/api/auth/login')).toBe('/api/unmatched');
    expect(routeLabel('GET', `/meetings/${id}`)).toBe('page');
    expect(routeLabel('GET', '/assets/index-abc123.js')).toBe('page');
    expect(routeLabel('GET', `/socket.io/`)).toBe('/socket.io');
    for (const fixed of ['/healthz', '/readyz', '/metrics'])
      expect(routeLabel('GET', fixed)).toBe(fixed);
  });
});
