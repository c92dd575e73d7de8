import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EmailOutcome } from '../../../shared/api/mail';
import type { CreatedInvitation } from '../../../shared/api/types';

const EMAIL_OUTCOME = {
  sent: 'admin.invitations.sent',
  queued: 'admin.invitations.queued',
  failed: 'admin.invitations.notSent',
  off: 'admin.invitations.notSent',
} as const satisfies Record<EmailOutcome, string>;

/** The link of a new invitation, shown once so the inviter can pass it on if mail fails. */
export function CreatedInvitationNotice({ invitation }: { invitation: CreatedInvitation }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  // The Clipboard API exists only in secure contexts.
  const canCopy = typeof navigator.clipboard?.writeText === 'function';

  function copy() {
    navigator.clipboard.writeText(invitation.link).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  }

  return (
    <div className="alert alert-success">
      <p>{t(EMAIL_OUTCOME[invitation.emailStatus], { email: invitation.email })}</p>
      <div className="field">
        <label htmlFor="invitation-link">{t('admin.invitations.link')}</label>
        <p id="invitation-link-hint" className="field-hint">
          {t('admin.invitations.linkHint')}
        </p>
        <input
          id="invitation-link"
          readOnly
          value={invitation.link}
          aria-describedby="invitation-link-hint"
          onFocus={(event) => event.target.select()}
        />
      </div>
      {canCopy && (
        <button type="button" className="button-secondary" onClick={copy}>
          {copied ? t('admin.invitations.copied') : t('admin.invitations.copy')}
        </button>
      )}
    </div>
  );
}
