import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../shared/confidentiality';

export function LockIcon() {
  return (
    <svg className="lock-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
      <path
        fill="currentColor"
        d="M8 1a3.5 3.5 0 0 0-3.5 3.5V7H4a1 1 0 0 0-1 1v6a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V8a1 1 0 0 0-1-1h-.5V4.5A3.5 3.5 0 0 0 8 1Zm-2 3.5a2 2 0 1 1 4 0V7H6V4.5Z"
      />
    </svg>
  );
}

/** A level as a small badge; confidential has its own colour and a lock. */
export function LevelBadge({ level }: { level: Confidentiality }) {
  const { t } = useTranslation();
  return (
    <span className={`level-badge level-badge-${level}`}>
      {level === 'confidential' && <LockIcon />}
      {t(`confidentiality.${level}`)}
    </span>
  );
}

/** The levels as a select's options, in the interface language. */
function LevelOptions() {
  const { t } = useTranslation();
  return CONFIDENTIALITY_LEVELS.map((level) => (
    <option key={level} value={level}>
      {t(`confidentiality.${level}`)}
    </option>
  ));
}

interface SelectProps {
  label: string;
  value: Confidentiality;
  onChange: (level: Confidentiality) => void;
  disabled?: boolean;
  /** Show the label only to assistive tech, where the context makes it plain. */
  hideLabel?: boolean;
}

/** Choose a level; the visible label says what the level applies to. */
export function ConfidentialitySelect({
  label,
  value,
  onChange,
  disabled,
  hideLabel,
}: SelectProps) {
  const id = useId();
  return (
    <span className={`level-select level-select-${value}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {value === 'confidential' && <LockIcon />}
      <select
        id={id}
        value={value}
        disabled={disabled}
        onChange={(event) => onChange(event.target.value as Confidentiality)}
      >
        <LevelOptions />
      </select>
    </span>
  );
}

interface LevelControlProps {
  /** The accessible name: what the level applies to. */
  label: string;
  value: Confidentiality;
  onChange: (level: Confidentiality) => void;
  /** Read-only: the level is shown as a plain badge. */
  readOnly: boolean;
  /** A hint shown on hover, e.g. the keyboard shortcut for the block at the caret. */
  hint?: string;
}

/**
 * A level as the badge people read, which a writer can change in place: one compact control in
 * a header rather than a labelled dropdown row. Readers get the badge alone.
 */
export function LevelControl({ label, value, onChange, readOnly, hint }: LevelControlProps) {
  if (readOnly) return <LevelBadge level={value} />;
  return (
    <span className={`level-badge level-badge-${value} level-control`}>
      {value === 'confidential' && <LockIcon />}
      <select
        aria-label={label}
        title={hint ? `${label}. ${hint}` : label}
        value={value}
        onChange={(event) => onChange(event.target.value as Confidentiality)}
      >
        <LevelOptions />
      </select>
    </span>
  );
}
