import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Meeting } from '../../../shared/api/types';
import { can } from '../../../shared/permissions';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';

/**
 * "Kutsu lähetetty 3.12. klo 14.05 (esityslistan versio 4)", what changed since, and for an
 * organiser the button that sends the invitation or its update (issue 19).
 */
export function MeetingInvitation({
  meeting,
  onChange,
}: {
  meeting: Meeting;
  onChange: (meeting: Meeting) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const { actor } = useGroup();
  const [outcome, setOutcome] = useState<'sent' | 'unchanged' | null>(null);
  const send = useAction(async () => {
    const result = await api.sendInvitation(meeting.id);
    setOutcome(result.sent ? 'sent' : 'unchanged');
    // The meeting as it is now: "sent", and nothing changed since.
    onChange(await api.meeting(meeting.id));
  });
  const invitation = meeting.invitation ?? null;
  const changed = invitation?.changedSince ?? [];
  const open = meeting.status === 'planned' || meeting.status === 'in_progress';
  const mayInvite = can(actor, 'meeting.invite') && open && (!invitation || changed.length > 0);
  if (!invitation && !mayInvite) return null;
  return (
    <section className="meeting-invitation" aria-labelledby="invitation-heading">
      <h2 id="invitation-heading" className="visually-hidden">
        {t('meetingInvitation.title')}
      </h2>
      {invitation ? (
        <p>
          {t(`meetingInvitation.sent.${invitation.kind}`, {
            when: format.dateTime(invitation.sentAt),
            // Revisions count from 0; people count versions from 1.
            revision: invitation.revision + 1,
            name: invitation.sentByName,
          })}
        </p>
      ) : (
        <p>{t('meetingInvitation.notSent')}</p>
      )}
      {changed.length > 0 && (
        <p className="alert alert-warning">
          {t('meetingInvitation.changed', {
            what: changed.map((change) => t(`meetingInvitation.changes.${change}`)).join(', '),
          })}
        </p>
      )}
      <ErrorMessage error={send.error} />
      <p role="status" className={outcome ? 'alert alert-success' : 'visually-hidden'}>
        {outcome && t(`meetingInvitation.outcome.${outcome}`)}
      </p>
      {mayInvite && (
        <button
          type="button"
          className="button-secondary"
          disabled={send.busy}
          onClick={() => send.run()}
        >
          {invitation ? t('meetingInvitation.sendUpdate') : t('meetingInvitation.send')}
        </button>
      )}
    </section>
  );
}
