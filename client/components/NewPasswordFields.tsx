import type { TFunction } from 'i18next';
import { TextField } from './TextField';
import type { FieldErrors } from '../validation';

interface Props {
  idPrefix: string;
  labels: { password: string; confirmation: string };
  password: string;
  confirmation: string;
  onPasswordChange: (value: string) => void;
  onConfirmationChange: (value: string) => void;
  /** `password` and `confirmation` are read from here. */
  errors: FieldErrors;
  hint: string;
}

/** A new password typed twice (a new account, a reset link), so a typo does not lock one out. */
export function NewPasswordFields(props: Props) {
  const { idPrefix, labels, errors } = props;
  return (
    <>
      <TextField
        id={`${idPrefix}-password`}
        label={labels.password}
        hint={props.hint}
        error={errors.password}
        required
        type="password"
        autoComplete="new-password"
        value={props.password}
        onValueChange={props.onPasswordChange}
      />
      <TextField
        id={`${idPrefix}-password-confirmation`}
        label={labels.confirmation}
        error={errors.confirmation}
        required
        type="password"
        autoComplete="new-password"
        value={props.confirmation}
        onValueChange={props.onConfirmationChange}
      />
    </>
  );
}

/** `errors` plus the confirmation's, when the password passed its rules but the two differ. */
export function withConfirmation(
  errors: FieldErrors,
  password: string,
  confirmation: string,
  t: TFunction,
): FieldErrors {
  return !errors.password && password !== confirmation
    ? { ...errors, confirmation: t('validation.passwordsDiffer') }
    : errors;
}
