import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  /** Visible label of the first button, e.g. "Remove". */
  label: string;
  /** A fuller name for assistive tech when many such buttons share one label. */
  accessibleLabel?: string;
  /** What is about to happen, shown with the confirm step. */
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
}

/** A destructive action that asks once more in place, without a modal dialog. */
export function ConfirmButton({ label, accessibleLabel, question, onConfirm, disabled }: Props) {
  const { t } = useTranslation();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="button-danger"
        disabled={disabled}
        aria-label={accessibleLabel}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={question}>
      <span className="confirm-question">{question}</span>
      <button
        type="button"
        className="button-danger"
        autoFocus
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t('common.confirm')}
      </button>
      <button type="button" className="button-secondary" onClick={() => setAsking(false)}>
        {t('common.cancel')}
      </button>
    </span>
  );
}
