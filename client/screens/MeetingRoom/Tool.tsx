import type { ReactNode } from 'react';
import { shortcut } from './shortcuts';

interface ToolProps {
  label: string;
  keys: string;
  onClick: () => void;
  disabled: boolean;
  pressed?: boolean;
  /** What the button shows; the label is the accessible name when this is a symbol. */
  symbol?: ReactNode;
}

/** One toolbar button with its shortcut; it keeps the editor's selection when pressed. */
export function Tool({ label, keys, onClick, disabled, pressed, symbol }: ToolProps) {
  const key = shortcut(keys);
  return (
    <button
      type="button"
      className={symbol ? 'tool tool-symbol' : 'tool'}
      title={`${label} (${key.shown})`}
      aria-keyshortcuts={key.aria}
      aria-pressed={pressed}
      disabled={disabled}
      // Keep the editor's selection: the command acts where the caret is.
      onMouseDown={(event) => event.preventDefault()}
      onClick={onClick}
    >
      {symbol ? (
        <>
          <span aria-hidden="true">{symbol}</span>
          <span className="visually-hidden">{label}</span>
        </>
      ) : (
        label
      )}
    </button>
  );
}
