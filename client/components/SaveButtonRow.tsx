interface Props {
  label: string;
  busy: boolean;
  /** Announced to screen readers once the save went through; null until then. */
  doneMessage: string | null;
  variant?: 'primary' | 'secondary';
}

/** A form's submit button with the live "saved" confirmation beside it. */
export function SaveButtonRow({ label, busy, doneMessage, variant = 'primary' }: Props) {
  return (
    <div className="button-row">
      <button type="submit" className={`button-${variant}`} disabled={busy}>
        {label}
      </button>
      <span role="status">{doneMessage}</span>
    </div>
  );
}
