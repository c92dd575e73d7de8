// Every route of the HTTP API, for checks that each one is served and documented.
import type { RouteDef } from '../contract';
import { groupRoutes } from './groups';
import { meetingRoutes } from './meetings';

export const API_ROUTES: readonly RouteDef[] = [groupRoutes, meetingRoutes].flatMap((feature) =>
  Object.values<RouteDef>(feature),
);
