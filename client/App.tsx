import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Link, Route, Routes } from 'react-router';
import { AppShell, PublicShell } from './components/Layout';
import { Loading } from './components/Loadable';
import { Page } from './components/Page';
import { RequireSession } from './components/RequireSession';
import { GroupRoute } from './group';
import { AcceptInvitationScreen } from './screens/AcceptInvitation/AcceptInvitationScreen';
import { AdminScreen } from './screens/Admin/AdminScreen';
import { GroupChooser } from './screens/Home/GroupChooser';
import { GroupHome } from './screens/Home/GroupHome';
import { LoginScreen } from './screens/Login/LoginScreen';
import { MeetingList } from './screens/Meetings/MeetingList';
import { MeetingScreen } from './screens/Meetings/MeetingScreen';
import { NewMeeting } from './screens/Meetings/NewMeeting';
import { ProfileScreen } from './screens/Profile/ProfileScreen';
import { SessionProvider } from './session';

// The meeting room brings the editor and Yjs: only those who open a memo download them.
const MeetingRoomScreen = lazy(() => import('./screens/MeetingRoom/MeetingRoomScreen'));

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
          </Route>
          <Route
            element={
              <RequireSession>
                <AppShell />
              </RequireSession>
            }
          >
            <Route index element={<GroupChooser />} />
            <Route path="profile" element={<ProfileScreen />} />
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
              <Route path="admin" element={<AdminScreen />} />
            </Route>
            <Route path="*" element={<NotFound />} />
          </Route>
        </Routes>
      </SessionProvider>
    </BrowserRouter>
  );
}
