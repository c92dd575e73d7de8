import { describe, expect, expectTypeOf, it } from 'vitest';
import { z } from 'zod';
import type { CallArgs } from '../../../client/api';
import { urlOf, type ResponseOf } from '../../../shared/api/contract';
import { API_ROUTES } from '../../../shared/api/routes';
import { meetingRoutes } from '../../../shared/api/routes/meetings';
import { versionRoutes } from '../../../shared/api/routes/versions';
import type { Meeting } from '../../../shared/api/types';

describe('the HTTP contract', () => {
  it('builds URLs from a definition, each parameter encoded, the query in the order given', () => {
    expect(urlOf(meetingRoutes.getMeeting, { meetingId: 'a/b c?' })).toBe(
      '/api/meetings/a%2Fb%20c%3F',
    );
    expect(
      urlOf(
        { path: '/meetings/:meetingId/versions/:version/print' },
        { meetingId: 'm', version: 2 },
        { lang: 'sv', audience: undefined, before: '' },
      ),
    ).toBe('/api/meetings/m/versions/2/print?lang=sv');
    expect(
      urlOf(versionRoutes.getMemoVersion, { meetingId: 'm', version: 1 }, { audience: 'public' }),
    ).toBe('/api/meetings/m/versions/1?audience=public');
    expect(() => urlOf(meetingRoutes.getMeeting, {})).toThrow(/meetingId/);
  });

  it('gives every route a unique operationId and a unique method and path', () => {
    const ids = API_ROUTES.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const keys = API_ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('turns every request, query and response schema into JSON Schema', () => {
    for (const route of API_ROUTES) {
      if (route.body) expect(() => z.toJSONSchema(route.body!, { io: 'input' })).not.toThrow();
      if (route.query) expect(() => z.toJSONSchema(route.query!, { io: 'input' })).not.toThrow();
      if (route.response.kind === 'json') {
        const schema = route.response.schema;
        expect(() => z.toJSONSchema(schema, { unrepresentable: 'any' })).not.toThrow();
      }
    }
  });

  it('types calls from the definitions (checked by the compiler)', () => {
    expectTypeOf<ResponseOf<typeof meetingRoutes.getMeeting>>().toEqualTypeOf<Meeting>();
    expectTypeOf<CallArgs<typeof meetingRoutes.getMeeting>['params']>().toEqualTypeOf<{
      meetingId: string | number;
    }>();
    // @ts-expect-error: the path parameter is required
    const missing: CallArgs<typeof meetingRoutes.getMeeting> = {};
    const wrongBody: CallArgs<typeof meetingRoutes.setAttendance> = {
      params: { meetingId: 'm' },
      // @ts-expect-error: the body must fit the request schema
      body: { attendance: 'all' },
    };
    expect([missing, wrongBody]).toHaveLength(2);
  });
});
