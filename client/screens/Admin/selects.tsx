import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { Role } from '../../../shared/roles';
import { Field } from '../../components/Field';

interface SelectProps<T> {
  id: string;
  label: string;
  /** For selects inside a table row, whose column header already names them visually. */
  hideLabel?: boolean;
  value: T;
  onChange: (value: T) => void;
  error?: string | undefined;
  hint?: string | undefined;
}

export function RoleSelect({ roles, ...props }: SelectProps<Role> & { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <Field
      id={props.id}
      label={props.label}
      error={props.error}
      hint={props.hint}
      className={props.hideLabel ? 'label-hidden' : undefined}
    >
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value as Role)}
        >
          {roles.map((role) => (
            <option key={role} value={role}>
              {t(`roles.${role}`)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

/** A party, or none (''). */
export function PartySelect({ parties, ...props }: SelectProps<string> & { parties: Party[] }) {
  const { t } = useTranslation();
  return (
    <Field
      id={props.id}
      label={props.label}
      error={props.error}
      hint={props.hint}
      className={props.hideLabel ? 'label-hidden' : undefined}
    >
      {(control) => (
        <select
          {...control}
          value={props.value}
          onChange={(event) => props.onChange(event.target.value)}
        >
          <option value="">{t('admin.noParty')}</option>
          {parties.map((party) => (
            <option key={party.id} value={party.id}>
              {party.name} ({party.shortName})
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
