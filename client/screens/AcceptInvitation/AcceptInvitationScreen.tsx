import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import type { InvitationPreview } from '../../../shared/api/types';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useSession } from '../../session';
import { useResource } from '../../useResource';
import { LoginForm } from '../Login/LoginForm';
import { NewAccountForm } from './NewAccountForm';
import { AcceptAsMember } from './AcceptAsMember';

/** The token travels in the fragment, which browsers never send to a server or in a Referer. */
export function tokenFromHash(hash: string): string | null {
  return new URLSearchParams(hash.replace(/^#/, '')).get('token');
}

export function AcceptInvitationScreen() {
  const { t } = useTranslation();
  const location = useLocation();
  const [token] = useState(() => tokenFromHash(location.hash));
  return (
    <div className="narrow">
      <Page title={t('invite.title')}>
        {token ? (
          <InvitationWithToken token={token} />
        ) : (
          <div role="alert" className="alert alert-error">
            <p>{t('invite.missingToken')}</p>
          </div>
        )}
      </Page>
    </div>
  );
}

function InvitationWithToken({ token }: { token: string }) {
  const load = useCallback((signal: AbortSignal) => api.previewInvitation(token, signal), [token]);
  const preview = useResource(load);
  const { t } = useTranslation();
  if (preview.result.status === 'error') {
    return (
      <ErrorMessage
        error={preview.result.error}
        messages={{ not_found: t('invite.invalid'), bad_request: t('invite.invalid') }}
      />
    );
  }
  return (
    <Loadable resource={preview}>
      {(invitation) => <Invitation token={token} invitation={invitation} />}
    </Loadable>
  );
}

function Invitation({ token, invitation }: { token: string; invitation: InvitationPreview }) {
  const { t } = useTranslation();
  const session = useSession();
  const me = session.state.status === 'ready' ? session.state.me : null;
  const signedInAsInvitee = me?.email.toLowerCase() === invitation.email.toLowerCase();

  let next;
  if (!invitation.accountExists) {
    next = <NewAccountForm token={token} />;
  } else if (signedInAsInvitee) {
    next = <AcceptAsMember token={token} />;
  } else if (me) {
    next = (
      <>
        <p>{t('invite.wrongAccount', { current: me.email, email: invitation.email })}</p>
        <button
          type="button"
          className="button-secondary"
          onClick={() => void session.logout().catch(() => undefined)}
        >
          {t('nav.logout')}
        </button>
      </>
    );
  } else {
    next = (
      <>
        <p>{t('invite.loginFirst', { email: invitation.email })}</p>
        <LoginForm
          idPrefix="invite-login"
          initialEmail={invitation.email}
          onLoggedIn={session.signIn}
        />
      </>
    );
  }

  return (
    <>
      <dl className="summary">
        <dt>{t('invite.group')}</dt>
        <dd>{invitation.groupName}</dd>
        <dt>{t('invite.role')}</dt>
        <dd>{t(`roles.${invitation.role}`)}</dd>
        {invitation.partyName && (
          <>
            <dt>{t('invite.party')}</dt>
            <dd>{invitation.partyName}</dd>
          </>
        )}
        <dt>{t('invite.email')}</dt>
        <dd>{invitation.email}</dd>
      </dl>
      {next}
    </>
  );
}
