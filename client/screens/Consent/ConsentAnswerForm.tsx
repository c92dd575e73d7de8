import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentView } from '../../../shared/api/consent';
import { ConsentAnswerRequest } from '../../../shared/api/schemas';
import type { Party } from '../../../shared/api/types';
import {
  CONSENT_ANSWERS,
  MAX_CONSENT_REASON_LENGTH,
  type ConsentAnswerKind,
} from '../../../shared/consent';
import { isApiError } from '../../api';
import { consentApi } from '../../consentApi';
import { DeadlineField } from '../../components/DeadlineField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { PartyBadge } from '../../components/PartyBadge';
import { fromLocalInputValue, useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { ConsentStatusBadge } from './ConsentStatusBadge';

interface Props {
  consent: ConsentView;
  /** The caller's own party: the only one they may answer for. */
  party: Party | undefined;
  onAnswered: (consent: ConsentView) => void;
  onStale: () => void;
  /** One below the panel's heading. */
  headingLevel: 3 | 4 | 5;
}

/**
 * The caller's answer for their own party in the current round: consent, object (with reasons)
 * or ask for time (until a future moment). A later answer replaces the earlier one; both stay in
 * the history. The round sent is the one on screen, so an answer to words that changed meanwhile
 * is refused by the server instead of counted.
 */
export function ConsentAnswerForm({ consent, party, onAnswered, onStale, headingLevel }: Props) {
  const { t } = useTranslation();
  const Heading = `h${headingLevel}` as 'h3';
  const format = useFormat();
  const ids = useId();
  const [answer, setAnswer] = useState<ConsentAnswerKind | ''>('');
  const [reason, setReason] = useState('');
  const [deadline, setDeadline] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState<string | null>(null);
  const [stale, setStale] = useState(false);

  const own = consent.state?.perParty.find((entry) => entry.partyId === consent.answersFor);
  const round = consent.round!;

  const send = useAction(async (body: ConsentAnswerRequest) => {
    try {
      const updated = await consentApi.answer(consent.requestId, body);
      setDone(t('consent.answer.saved', { answer: t(`consent.answer.kind.${body.answer}`) }));
      setStale(false);
      setAnswer('');
      setReason('');
      setDeadline('');
      onAnswered(updated);
    } catch (error) {
      if (isApiError(error, 'conflict')) {
        // The text changed (a new round) or every party already consented: show the news.
        setStale(true);
        setDone(null);
        onStale();
        return;
      }
      throw error;
    }
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setDone(null);
    if (!answer) {
      setErrors({ answer: t('consent.answer.choose') });
      focusFirstInvalid(event.currentTarget);
      return;
    }
    const deadlineIso = answer === 'time' ? fromLocalInputValue(deadline) : '';
    const body = {
      round,
      ...(consent.answersFor && { partyId: consent.answersFor }),
      answer,
      reason: answer === 'consent' ? '' : reason,
      ...(deadlineIso && { deadline: deadlineIso }),
    };
    const result = validate(ConsentAnswerRequest, body, t, {
      reason: t('consent.answer.reasonRequired'),
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

  const legendId = `${ids}-legend`;
  return (
    <form className="consent-answer" onSubmit={submit} noValidate aria-labelledby={legendId}>
      <Heading id={legendId} className="consent-answer-title">
        {t('consent.answer.title')} {party && <PartyBadge party={party} />}
      </Heading>
      <p className="field-hint">{t('consent.answer.intro', { round })}</p>
      {own && own.status !== 'no_answer' && (
        <p className="consent-own-current">
          {t('consent.answer.current')} <ConsentStatusBadge status={own.status} />
          {own.answer && (
            <span className="muted">
              {' '}
              {t('consent.answeredBy', {
                name: own.answer.userName,
                time: format.dateTime(own.answer.at),
              })}
            </span>
          )}
        </p>
      )}
      <fieldset
        className={errors.answer ? 'consent-choices field-invalid' : 'consent-choices'}
        aria-describedby={errors.answer ? `${ids}-answer-error` : undefined}
      >
        <legend>{t('consent.answer.choiceLegend')}</legend>
        {CONSENT_ANSWERS.map((kind) => (
          <label key={kind} className="consent-choice">
            <input
              type="radio"
              name={`${ids}-answer`}
              value={kind}
              checked={answer === kind}
              aria-invalid={errors.answer ? true : undefined}
              onChange={() => {
                setAnswer(kind);
                setErrors({});
              }}
            />{' '}
            {t(`consent.answer.option.${kind}`)}
          </label>
        ))}
        {errors.answer && (
          <p id={`${ids}-answer-error`} className="field-error">
            {errors.answer}
          </p>
        )}
      </fieldset>
      {answer === 'time' && (
        <DeadlineField
          id={`${ids}-deadline`}
          label={t('consent.answer.deadline')}
          hint={t('consent.answer.deadlineHint')}
          value={deadline}
          onValueChange={setDeadline}
          error={errors.deadline}
          required
        />
      )}
      {(answer === 'object' || answer === 'time') && (
        <Field
          id={`${ids}-reason`}
          label={t('consent.reason')}
          hint={t('consent.answer.reasonHint')}
          error={errors.reason}
          required={answer === 'object'}
        >
          {(control) => (
            <textarea
              {...control}
              rows={4}
              maxLength={MAX_CONSENT_REASON_LENGTH}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
      )}
      {stale && (
        <div role="alert" className="alert alert-warning">
          <p>{t('consent.answer.stale')}</p>
        </div>
      )}
      <ErrorMessage error={send.error} messages={{ forbidden: t('consent.answer.forbidden') }} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={send.busy}>
          {t('consent.answer.submit')}
        </button>
        <span role="status">{done}</span>
      </div>
    </form>
  );
}
