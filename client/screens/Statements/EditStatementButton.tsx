import { useTranslation } from 'react-i18next';
import type { StatementView } from '../../../shared/api/consent';
import { consentApi } from '../../consentApi';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../useAction';

interface Props {
  /** A statement in consent. */
  view: StatementView;
  /** Taken back: the statement as the server has it now (being edited). */
  onEditing: (view: StatementView) => void;
}

/**
 * "Muokkaa tekstiä": while in consent the text is locked, so changing it is a deliberate step. The
 * confirmation names the parties whose consent it withdraws; the round shown goes with the
 * request, so a consent given meanwhile is never withdrawn unseen (the server answers 409).
 */
export function EditStatementButton({ view, onEditing }: Props) {
  const { t } = useTranslation();
  const edit = useAction(async (round: number) => {
    onEditing(await consentApi.editStatement(view.id, { round }));
  });
  const round = view.consent.round;
  const state = view.consent.state;
  if (round === null || !state) return null;
  const consented = state.perParty
    .filter((entry) => entry.status === 'consented')
    .map((entry) => view.consent.parties.find((party) => party.id === entry.partyId)?.shortName)
    .map((name) => name ?? '–');
  const question =
    consented.length > 0
      ? t('statements.edit.question', { parties: consented.join(', ') })
      : t('statements.edit.questionNone');
  return (
    <div className="statement-edit">
      <ConfirmButton
        label={t('statements.edit.open')}
        question={question}
        disabled={edit.busy}
        onConfirm={() => edit.run(round)}
      />
      <ErrorMessage error={edit.error} messages={{ conflict: t('statements.edit.conflict') }} />
    </div>
  );
}
