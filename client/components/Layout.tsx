import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet, useMatch, useNavigate } from 'react-router';
import { can } from '../../shared/permissions';
import { useMe, useSession } from '../session';
import { InPageLink } from './InPageLink';
import { LanguageSwitcher } from './LanguageSwitcher';

const MAIN_ID = 'main';

function SkipLink() {
  const { t } = useTranslation();
  return (
    <InPageLink targetId={MAIN_ID} className="skip-link">
      {t('app.skipToContent')}
    </InPageLink>
  );
}

interface ShellProps {
  header: ReactNode;
  nav?: ReactNode;
  children: ReactNode;
}

function Shell({ header, nav, children }: ShellProps) {
  return (
    <>
      <SkipLink />
      <header className="site-header">
        <div className="header-inner">{header}</div>
        {nav && <div className="nav-bar">{nav}</div>}
      </header>
      <main id={MAIN_ID} tabIndex={-1} className="site-main">
        {children}
      </main>
    </>
  );
}

function Brand() {
  const { t } = useTranslation();
  return (
    <Link to="/" className="brand">
      {t('app.name')}
    </Link>
  );
}

/** The frame of the login and invitation screens: no navigation, but the language choice. */
export function PublicShell() {
  return (
    <Shell
      header={
        <>
          <Brand />
          <div className="header-tools">
            <LanguageSwitcher id="language-public" />
          </div>
        </>
      }
    >
      <Outlet />
    </Shell>
  );
}

/** The frame of every screen behind login: group, navigation, language and the person's menu. */
export function AppShell() {
  const { t } = useTranslation();
  const me = useMe();
  const session = useSession();
  const navigate = useNavigate();
  const groupMatch = useMatch('/groups/:groupId/*');
  const groupId =
    groupMatch?.params.groupId ??
    (me.memberships.length === 1 ? me.memberships[0]?.groupId : undefined);
  const membership = me.memberships.find((candidate) => candidate.groupId === groupId);

  function logout() {
    session
      .logout()
      .catch(() => undefined)
      .finally(() => void navigate('/login', { replace: true }));
  }

  return (
    <Shell
      header={
        <>
          <Brand />
          {membership && <span className="group-name">{membership.groupName}</span>}
          <div className="header-tools">
            <LanguageSwitcher id="language-app" />
            <NavLink to="/profile" className="profile-link">
              <span className="visually-hidden">{t('nav.profile')}: </span>
              {me.name}
            </NavLink>
            <button type="button" className="button-secondary" onClick={logout}>
              {t('nav.logout')}
            </button>
          </div>
        </>
      }
      nav={
        membership && (
          <nav aria-label={t('nav.label')} className="main-nav header-inner">
            <ul>
              <li>
                <NavLink to={`/groups/${membership.groupId}`} end>
                  {t('nav.home')}
                </NavLink>
              </li>
              <li>
                <NavLink to={`/groups/${membership.groupId}/meetings`}>{t('nav.meetings')}</NavLink>
              </li>
              <li>
                <NavLink to={`/groups/${membership.groupId}/memos`}>{t('memos.nav')}</NavLink>
              </li>
              <li>
                <NavLink to={`/groups/${membership.groupId}/statements`}>
                  {t('statements.nav')}
                </NavLink>
              </li>
              {can(membership, 'member.manage') && (
                <li>
                  <NavLink to={`/groups/${membership.groupId}/admin`}>{t('nav.admin')}</NavLink>
                </li>
              )}
            </ul>
          </nav>
        )
      }
    >
      <Outlet />
    </Shell>
  );
}
