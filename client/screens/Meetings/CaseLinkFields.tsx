import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_LINK_LIMITS, COMMON_COUNCIL_BODIES, hasCaseLink } from '../../../shared/caseLinks';
import { Field } from '../../components/Field';
import { TextField } from '../../components/TextField';
import { currentLocale } from '../../i18n';
import type { DraftCaseLink } from './draft';

interface Props {
  /** The agenda item's id prefix for the fields, e.g. `agenda-new-3`. */
  prefix: string;
  link: DraftCaseLink;
  onChange: (link: DraftCaseLink) => void;
  /** The message for one of the link's fields (`body`, `url`…), if any. */
  errorAt: (field: keyof DraftCaseLink) => string | undefined;
}

/**
 * The council case of an agenda item, folded away until wanted: most items have none, and the
 * agenda builder stays short. Opens by itself when the item has a link or a field has an error.
 */
export function CaseLinkFields({ prefix, link, onChange, errorAt }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(() => hasCaseLink(link));
  const fields = ['body', 'meetingDate', 'section', 'diaryNumber', 'url'] as const;
  const hasError = fields.some((field) => errorAt(field));
  const set = (field: keyof DraftCaseLink) => (value: string) =>
    onChange({ ...link, [field]: value });
  const listId = `${prefix}-case-bodies`;
  const urlError = errorAt('url');
  return (
    <details
      className="case-link-fields"
      open={open || hasError}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>
        {hasCaseLink(link) ? t('agenda.caseLink.details') : t('agenda.caseLink.add')}
      </summary>
      <p className="field-hint">{t('agenda.caseLink.hint')}</p>
      <Field
        id={`${prefix}-case-body`}
        label={t('agenda.caseLink.body')}
        hint={t('agenda.caseLink.bodyHint')}
        error={errorAt('body')}
      >
        {(control) => (
          <input
            {...control}
            list={listId}
            maxLength={CASE_LINK_LIMITS.body}
            value={link.body}
            onChange={(event) => set('body')(event.target.value)}
          />
        )}
      </Field>
      <datalist id={listId}>
        {COMMON_COUNCIL_BODIES[currentLocale()].map((body) => (
          <option key={body} value={body} />
        ))}
      </datalist>
      <div className="field-row">
        <TextField
          id={`${prefix}-case-date`}
          label={t('agenda.caseLink.meetingDate')}
          error={errorAt('meetingDate')}
          type="date"
          value={link.meetingDate}
          onValueChange={set('meetingDate')}
        />
        <TextField
          id={`${prefix}-case-section`}
          label={t('agenda.caseLink.section')}
          error={errorAt('section')}
          maxLength={CASE_LINK_LIMITS.section}
          value={link.section}
          onValueChange={set('section')}
        />
        <TextField
          id={`${prefix}-case-diary`}
          label={t('agenda.caseLink.diaryNumber')}
          hint={t('agenda.caseLink.diaryNumberHint')}
          error={errorAt('diaryNumber')}
          maxLength={CASE_LINK_LIMITS.diaryNumber}
          value={link.diaryNumber}
          onValueChange={set('diaryNumber')}
        />
      </div>
      <TextField
        id={`${prefix}-case-url`}
        label={t('agenda.caseLink.url')}
        hint={t('agenda.caseLink.urlHint')}
        error={urlError && t('agenda.caseLink.urlError')}
        type="url"
        inputMode="url"
        value={link.url}
        onValueChange={set('url')}
      />
    </details>
  );
}
