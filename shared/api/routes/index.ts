// Every route of the HTTP API, for checks that each one is served and documented.
import type { RouteDef } from '../contract';
import { approvalRoutes } from './approval';
import { auditRoutes } from './audit';
import { authRoutes } from './auth';
import { consentRoutes } from './consent';
import { continuityRoutes } from './continuity';
import { declassificationRoutes } from './declassification';
import { documentRoutes } from './documents';
import { exportRoutes } from './export';
import { groupRoutes } from './groups';
import { invitationRoutes } from './invitations';
import { mailRoutes } from './mail';
import { meetingRoutes } from './meetings';
import { memberRoutes } from './members';
import { profileRoutes } from './profile';
import { publicRoutes } from './public';
import { publicationRoutes } from './publication';
import { statementRoutes } from './statements';
import { versionRoutes } from './versions';

export const API_ROUTES: readonly RouteDef[] = [
  authRoutes,
  profileRoutes,
  groupRoutes,
  memberRoutes,
  invitationRoutes,
  mailRoutes,
  meetingRoutes,
  documentRoutes,
  continuityRoutes,
  approvalRoutes,
  versionRoutes,
  exportRoutes,
  auditRoutes,
  statementRoutes,
  consentRoutes,
  declassificationRoutes,
  publicationRoutes,
  publicRoutes,
].flatMap((feature) => Object.values<RouteDef>(feature));
