import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementView } from '../../../shared/api/consent';
import { PutToConsentRequest } from '../../../shared/api/schemas';
import { consentApi } from '../../consentApi';
import { DeadlineField } from '../../components/DeadlineField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { fromLocalInputValue } from '../../i18n/format';
import type { RoomSaveStatus } from '../../memo/saveStatus';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';

interface Props {
  statementId: string;
  /** Edited after consent: it goes to a new round, every party answering again. */
  again: boolean;
  /** The live text's save status: only stored words can be put to consent. */
  save: RoomSaveStatus;
  onSent: (statement: StatementView) => void;
}

/**
 * Putting the draft (or the text edited after consent) to every party's consent, with an optional
 * deadline for the answers: one round per press, never per keystroke.
 */
export function PutToConsentForm({ statementId, again, save, onSent }: Props) {
  const { t } = useTranslation();
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const send = useAction(async (body: PutToConsentRequest) => {
    onSent(await consentApi.putToConsent(statementId, body));
  });
  const saved = save === 'saved';

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const iso = fromLocalInputValue(deadline);
    if (deadline && !iso) {
      setErrors({ deadline: t('consent.answer.deadlineInvalid') });
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const result = validate(PutToConsentRequest, iso ? { deadline: iso } : {}, t, {
      deadline: t('consent.answer.deadlineInvalid'),
    });
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setErrors({});
    send.run(result.data);
  }

  return (
    <section className="panel statement-send" aria-labelledby="statement-send-heading">
      <h2 id="statement-send-heading">
        {t(again ? 'statements.send.titleAgain' : 'statements.send.title')}
      </h2>
      <p>{t('statements.send.intro')}</p>
      {again && <p>{t('statements.send.introAgain')}</p>}
      <form className="form" onSubmit={submit} noValidate>
        <DeadlineField
          id="statement-deadline"
          label={t('statements.send.deadline')}
          hint={t('statements.send.deadlineHint')}
          value={deadline}
          onValueChange={setDeadline}
          error={errors.deadline}
        />
        <ErrorMessage error={send.error} messages={{ conflict: t('statements.send.conflict') }} />
        {!saved && (
          <p id="statement-send-wait" className="field-hint">
            {t('statements.send.waitForSave')}
          </p>
        )}
        <div className="button-row">
          <button
            type="submit"
            className="button-primary"
            disabled={send.busy || !saved}
            aria-describedby={saved ? undefined : 'statement-send-wait'}
          >
            {t(again ? 'statements.send.titleAgain' : 'statements.send.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
