import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation } from 'react-router';
import { Page } from '../../components/Page';
import type { ReturnState } from '../../components/RequireSession';
import { useSession } from '../../session';
import { LoginForm } from './LoginForm';

export function LoginScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const location = useLocation();
  if (session.state.status === 'ready' && session.state.me) {
    const from = (location.state as ReturnState | null)?.from;
    // Only paths inside this app: never follow a return address elsewhere.
    const target = from?.startsWith('/') && !from.startsWith('//') ? from : '/';
    return <Navigate to={target} replace />;
  }
  return (
    <div className="narrow">
      <Page title={t('login.title')}>
        <p className="lead">{t('login.intro')}</p>
        <LoginForm idPrefix="login" onLoggedIn={session.signIn} />
        <p>
          <Link to="/forgot-password">{t('login.forgotPassword')}</Link>
        </p>
      </Page>
    </div>
  );
}
