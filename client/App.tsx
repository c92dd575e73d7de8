import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { AppShell, PublicShell } from './components/Layout';
import { Loading } from './components/Loadable';
import { Page } from './components/Page';
import { RequireSession } from './components/RequireSession';
import { GroupRoute } from './group';
import { MemoNotificationsProvider } from './notifications/MemoNotifications';
import { AcceptInvitationScreen } from './screens/AcceptInvitation/AcceptInvitationScreen';
import { AdminScreen } from './screens/Admin/AdminScreen';
import { AuditScreen } from './screens/Audit/AuditScreen';
import { GroupChooser } from './screens/Home/GroupChooser';
import { GroupHome } from './screens/Home/GroupHome';
import { MyFollowUps } from './screens/Home/MyFollowUps';
import { LoginScreen } from './screens/Login/LoginScreen';
import { MeetingList } from './screens/Meetings/MeetingList';
import { MeetingScreen } from './screens/Meetings/MeetingScreen';
import { NewMeeting } from './screens/Meetings/NewMeeting';
import { MemoListScreen } from './screens/Memos/MemoListScreen';
import { ForgotPasswordScreen } from './screens/PasswordReset/ForgotPasswordScreen';
import { ResetPasswordScreen } from './screens/PasswordReset/ResetPasswordScreen';
import { ProfileScreen } from './screens/Profile/ProfileScreen';
import { StatementListScreen } from './screens/Statements/StatementListScreen';
import { SessionProvider } from './session';

// The meeting room brings the editor and Yjs: only those who open a memo download them.
const MeetingRoomScreen = lazy(() => import('./screens/MeetingRoom/MeetingRoomScreen'));
// Readers open approved versions from links: the document and comparison load on demand.
const VersionScreen = lazy(() => import('./screens/Version/VersionScreen'));
const CompareScreen = lazy(() => import('./screens/Version/CompareScreen'));
// A statement's page brings the same editor and Yjs as the meeting room.
const StatementScreen = lazy(() => import('./screens/Statements/StatementScreen'));

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('app.notFound')}>
      <p>
        <Link to="/">{t('app.backHome')}</Link>
      </p>
    </Page>
  );
}

export function App() {
  return (
    <BrowserRouter>
      <SessionProvider>
        <Routes>
          <Route element={<PublicShell />}>
            <Route path="login" element={<LoginScreen />} />
            <Route path="invite" element={<AcceptInvitationScreen />} />
            <Route path="forgot-password" element={<ForgotPasswordScreen />} />
            <Route path="reset-password" element={<ResetPasswordScreen />} />
          </Route>
          <Route
            element={
              <RequireSession>
                <MemoNotificationsProvider>
                  <AppShell />
                </MemoNotificationsProvider>
              </RequireSession>
            }
          >
            <Route index element={<GroupChooser />} />
            <Route path="profile" element={<ProfileScreen />} />
            <Route path="my-follow-ups" element={<MyFollowUps />} />
            <Route path="groups/:groupId" element={<GroupRoute />}>
              <Route index element={<GroupHome />} />
              <Route path="meetings" element={<MeetingList />} />
              <Route path="meetings/new" element={<NewMeeting />} />
              <Route path="meetings/:meetingId" element={<MeetingScreen />} />
              <Route
                path="meetings/:meetingId/memo"
                element={
                  <Suspense fallback={<Loading />}>
                    <MeetingRoomScreen />
                  </Suspense>
                }
              />
              <Route
                path="meetings/:meetingId/versions/:version"
                element={
                  <Suspense fallback={<Loading />}>
                    <VersionScreen />
                  </Suspense>
                }
              />
              <Route
                path="meetings/:meetingId/versions/:from/compare/:to"
                element={
                  <Suspense fallback={<Loading />}>
                    <CompareScreen />
                  </Suspense>
                }
              />
              <Route path="memos" element={<MemoListScreen />} />
              <Route path="statements" element={<StatementListScreen />} />
              <Route
                path="statements/:statementId"
                element={
                  <Suspense fallback={<Loading />}>
                    <StatementScreen />
                  </Suspense>
                }
              />
              <Route path="admin" element={<AdminScreen />} />
              <Route path="audit" element={<AuditScreen />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
