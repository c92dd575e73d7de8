import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CreatePartyRequest } from '../../../shared/api/schemas';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';

interface Props {
  idPrefix: string;
  initial: CreatePartyRequest;
  submitLabel: string;
  onSave: (request: CreatePartyRequest) => Promise<void>;
  onCancel?: () => void;
}

export function PartyForm({ idPrefix, initial, submitLabel, onSave, onCancel }: Props) {
  const { t } = useTranslation();
  const [party, setParty] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const save = useAction(onSave);

  function set(field: keyof CreatePartyRequest, value: string) {
    setParty((current) => ({ ...current, [field]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(CreatePartyRequest, party, t, { colour: t('validation.colour') });
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) save.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  return (
    <form onSubmit={submit} noValidate className="form party-form">
      <ErrorMessage error={save.error} messages={{ conflict: t('admin.parties.conflict') }} />
      <div className="field-row">
        <TextField
          id={`${idPrefix}-name`}
          label={t('admin.parties.name')}
          error={errors.name}
          required
          value={party.name}
          onValueChange={(value) => set('name', value)}
        />
        <TextField
          id={`${idPrefix}-short`}
          label={t('admin.parties.shortName')}
          error={errors.shortName}
          required
          className="field-narrow"
          value={party.shortName}
          maxLength={12}
          onValueChange={(value) => set('shortName', value)}
        />
        <TextField
          id={`${idPrefix}-colour`}
          label={t('admin.parties.colour')}
          error={errors.colour}
          required
          className="field-narrow"
          type="color"
          value={party.colour}
          onValueChange={(value) => set('colour', value)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={save.busy}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
