import type { InputHTMLAttributes } from 'react';
import { Field } from './Field';

type InputAttributes = Pick<
  InputHTMLAttributes<HTMLInputElement>,
  'type' | 'autoComplete' | 'maxLength' | 'inputMode'
>;

interface Props extends InputAttributes {
  id: string;
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  className?: string;
}

/** A labelled single-line input: the common case of Field. */
export function TextField({
  id,
  label,
  error,
  hint,
  required,
  className,
  value,
  onValueChange,
  ...input
}: Props) {
  return (
    <Field
      id={id}
      label={label}
      error={error}
      hint={hint}
      required={required}
      className={className}
    >
      {(control) => (
        <input
          {...control}
          {...input}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
        />
      )}
    </Field>
  );
}
