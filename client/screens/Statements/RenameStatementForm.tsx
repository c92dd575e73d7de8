import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatementView } from '../../../shared/api/consent';
import { UpdateStatementRequest } from '../../../shared/api/schemas';
import { consentApi } from '../../consentApi';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useAction } from '../../useAction';
import { focusFirstInvalid, validate, type FieldErrors } from '../../validation';
import { StatementTitleField } from './StatementTitleField';

const TITLE_ID = 'statement-rename-title';

interface Props {
  statement: StatementView;
  onRenamed: (statement: StatementView) => void;
}

/** Renaming a draft: parties consent to the title as much as to the text, so drafts only. */
export function RenameStatementForm({ statement, onRenamed }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(statement.title);
  const [errors, setErrors] = useState<FieldErrors>({});
  const toggle = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const rename = useAction(async (body: UpdateStatementRequest) => {
    onRenamed(await consentApi.renameStatement(statement.id, body));
    setOpen(false);
  });

  // Into the field when the form opens, back to the button that opened it once it closes.
  useEffect(() => {
    if (open) document.getElementById(TITLE_ID)?.focus();
    else if (wasOpen.current) toggle.current?.focus();
    wasOpen.current = open;
  }, [open]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = validate(UpdateStatementRequest, { title }, t);
    if (!result.ok) {
      setErrors(result.errors);
      focusFirstInvalid(event.currentTarget);
      return;
    }
    setErrors({});
    rename.run(result.data);
  }

  if (!open)
    return (
      <button
        ref={toggle}
        type="button"
        className="button-secondary"
        aria-expanded={false}
        onClick={() => {
          setTitle(statement.title);
          setOpen(true);
        }}
      >
        {t('statements.rename.open')}
      </button>
    );

  return (
    <form className="form statement-rename" onSubmit={submit} noValidate>
      <StatementTitleField
        id={TITLE_ID}
        value={title}
        onValueChange={setTitle}
        error={errors.title}
      />
      <ErrorMessage error={rename.error} messages={{ conflict: t('statements.rename.conflict') }} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={rename.busy}>
          {t('common.save')}
        </button>
        <button type="button" className="button-secondary" onClick={() => setOpen(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
