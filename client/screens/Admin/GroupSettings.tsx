import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { UpdateGroupRequest } from '../../../shared/api/schemas';
import { DEPUTIES_SPEAK, type DeputiesSpeak } from '../../../shared/attendance';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { TextField } from '../../components/TextField';
import { useGroup } from '../../group';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { SaveButtonRow } from '../../components/SaveButtonRow';

export function GroupSettings() {
  const { t } = useTranslation();
  const { group, updateGroup } = useGroup();
  const [name, setName] = useState(group.name);
  const [municipality, setMunicipality] = useState(group.municipality);
  const [deputiesSpeak, setDeputiesSpeak] = useState<DeputiesSpeak>(group.deputiesSpeak);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const save = useAction(async (request: UpdateGroupRequest) => {
    const updated = await api.updateGroup(group.id, request);
    updateGroup(() => updated);
    setSaved(true);
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSaved(false);
    const result = validate(UpdateGroupRequest, { name, municipality, deputiesSpeak }, t);
    setErrors(result.ok ? {} : result.errors);
    if (result.ok) save.run(result.data);
    else focusFirstInvalid(event.currentTarget);
  }

  return (
    <section aria-labelledby="group-settings-heading" className="admin-section">
      <h2 id="group-settings-heading" tabIndex={-1}>
        {t('admin.group.title')}
      </h2>
      <form onSubmit={submit} noValidate className="form">
        <ErrorMessage error={save.error} />
        <div className="field-row">
          <TextField
            id="group-name"
            label={t('admin.group.name')}
            error={errors.name}
            required
            value={name}
            onValueChange={setName}
          />
          <TextField
            id="group-municipality"
            label={t('admin.group.municipality')}
            error={errors.municipality}
            value={municipality}
            onValueChange={setMunicipality}
          />
        </div>
        <fieldset>
          <legend>{t('admin.group.deputiesSpeak')}</legend>
          {DEPUTIES_SPEAK.map((choice) => (
            <label key={choice} className="radio-label">
              <input
                type="radio"
                name="deputies-speak"
                value={choice}
                checked={deputiesSpeak === choice}
                aria-describedby="deputies-speak-help"
                onChange={() => {
                  setSaved(false);
                  setDeputiesSpeak(choice);
                }}
              />
              {t(
                choice === 'always'
                  ? 'admin.group.deputiesSpeakAlways'
                  : 'admin.group.deputiesSpeakWhenSubstituting',
              )}
            </label>
          ))}
          <p id="deputies-speak-help" className="muted">
            {t('admin.group.deputiesSpeakHelp')}
          </p>
        </fieldset>
        <SaveButtonRow
          label={t('common.save')}
          busy={save.busy}
          doneMessage={saved ? t('common.saved') : null}
        />
      </form>
    </section>
  );
}
