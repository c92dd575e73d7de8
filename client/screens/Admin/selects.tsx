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

function SelectField<T extends string>({
  options,
  ...props
}: SelectProps<T> & { options: { value: T; label: string }[] }) {
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
          // The browser can only report one of the options given, all of type T.
          onChange={(event) => props.onChange(event.target.value as T)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export function RoleSelect({ roles, ...props }: SelectProps<Role> & { roles: readonly Role[] }) {
  const { t } = useTranslation();
  return (
    <SelectField
      {...props}
      options={roles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
    />
  );
}

/** A party, or none (''). */
export function PartySelect({ parties, ...props }: SelectProps<string> & { parties: Party[] }) {
  const { t } = useTranslation();
  const options = [
    { value: '', label: t('admin.noParty') },
    ...parties.map((party) => ({ value: party.id, label: `${party.name} (${party.shortName})` })),
  ];
  return <SelectField {...props} options={options} />;
}
