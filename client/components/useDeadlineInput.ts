import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { fromLocalInputValue } from '../i18n/format';

type Parsed<T> = { success: true; data: T } | { success: false };

/**
 * A proposal form's optional deadline (a DeadlineField): its value and error, and `check`, which
 * builds the request body from the deadline entered (ISO, or '' for none) with `parse`. A bad
 * deadline shows the error on the field, focuses it and gives null.
 */
export function useDeadlineInput() {
  const { t } = useTranslation();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  function check<T>(form: HTMLFormElement, parse: (iso: string) => Parsed<T>): T | null {
    const iso = fromLocalInputValue(value);
    const parsed = parse(iso);
    if ((value && !iso) || !parsed.success) {
      setError(t('consent.answer.deadlineInvalid'));
      form.querySelector<HTMLInputElement>('input[type="datetime-local"]')?.focus();
      return null;
    }
    setError(undefined);
    return parsed.data;
  }
  return { value, setValue, error, check };
}
