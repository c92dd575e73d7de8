import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemoHistory } from '../../../shared/api/memoVersions';
import { Field } from '../../components/Field';
import { ErrorMessage } from '../../components/ErrorMessage';
import { memoApi } from '../../memoApi';
import { useAction } from '../../useAction';

/** As `ReopenMemoRequest` allows. */
const MAX_REASON = 2000;

interface Props {
  meetingId: string;
  onReopened: (history: MemoHistory) => void;
}

/** Reopening an approved memo for editing, with the reason everyone will see in its history. */
export function ReopenForm({ meetingId, onReopened }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const closedByCancel = useRef(false);

  const reopen = useAction(async (text: string) => {
    onReopened(await memoApi.reopen(meetingId, { reason: text }));
  });

  useEffect(() => {
    if (open) field.current?.focus();
    else if (closedByCancel.current) {
      closedByCancel.current = false;
      toggle.current?.focus();
    }
  }, [open]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = reason.trim();
    const problem = !text
      ? t('validation.required')
      : text.length > MAX_REASON
        ? t('validation.tooLong', { max: MAX_REASON })
        : null;
    setInvalid(problem);
    if (problem) {
      field.current?.focus();
      return;
    }
    reopen.run(text);
  }

  if (!open) {
    return (
      <div className="button-row">
        <button
          ref={toggle}
          type="button"
          className="button-secondary"
          aria-expanded={false}
          onClick={() => setOpen(true)}
        >
          {t('approval.reopenOpen')}
        </button>
      </div>
    );
  }

  return (
    <form className="reopen-form" onSubmit={submit} noValidate aria-labelledby="reopen-heading">
      <h3 id="reopen-heading">{t('approval.reopenTitle')}</h3>
      <p>{t('approval.reopenIntro')}</p>
      <Field
        id="reopen-reason"
        label={t('approval.reason')}
        hint={t('approval.reasonHint')}
        error={invalid ?? undefined}
        required
      >
        {(control) => (
          <textarea
            {...control}
            ref={field}
            rows={3}
            maxLength={MAX_REASON}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
        )}
      </Field>
      <ErrorMessage error={reopen.error} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={reopen.busy}>
          {t('approval.reopen')}
        </button>
        <button
          type="button"
          className="button-secondary"
          onClick={() => {
            closedByCancel.current = true;
            setOpen(false);
            setInvalid(null);
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
