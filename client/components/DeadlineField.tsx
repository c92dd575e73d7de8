import { toLocalInputValue } from '../i18n/format';
import { Field } from './Field';

interface Props {
  id: string;
  label: string;
  hint: string;
  /** The local `YYYY-MM-DDTHH:mm` the input holds; '' when empty. */
  value: string;
  onValueChange: (value: string) => void;
  error?: string | undefined;
  required?: boolean;
  autoFocus?: boolean;
}

/** A labelled date and time in the future, in local time: the deadline of a consent or an answer. */
export function DeadlineField({ value, onValueChange, autoFocus, ...field }: Props) {
  return (
    <Field {...field}>
      {(control) => (
        <input
          {...control}
          type="datetime-local"
          autoFocus={autoFocus}
          min={toLocalInputValue(new Date().toISOString())}
          value={value}
          onChange={(event) => onValueChange(event.target.value)}
        />
      )}
    </Field>
  );
}
