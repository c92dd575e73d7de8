import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useSession } from '../../session';
import { useAction } from '../../useAction';

/** Accepting with the account one is already logged in with: nothing to fill in. */
export function AcceptAsMember({ token }: { token: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  const accept = useAction(async () => {
    session.update(await api.acceptInvitation({ token }));
    await navigate('/', { replace: true });
  });
  return (
    <>
      <ErrorMessage error={accept.error} messages={{ not_found: t('invite.invalid') }} />
      <button
        type="button"
        className="button-primary"
        disabled={accept.busy}
        onClick={() => accept.run()}
      >
        {t('invite.accept')}
      </button>
    </>
  );
}
