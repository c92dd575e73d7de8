import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../shared/confidentiality';
import { Field } from '../../components/Field';
import { TextField } from '../../components/TextField';
import type { FieldErrors } from '../../validation';
import { CaseLinkFields } from './CaseLinkFields';
import { newDraftItem, type DraftItem } from './draft';

interface Props {
  items: DraftItem[];
  onChange: (items: DraftItem[]) => void;
  /** Errors by path, e.g. `agenda.1.title`. */
  errors: FieldErrors;
}

const ADD_BUTTON_ID = 'agenda-add';

/** Edits the agenda: add, remove and reorder items, each with its confidentiality. */
export function AgendaBuilder({ items, onChange, errors }: Props) {
  const { t } = useTranslation();
  const [announcement, setAnnouncement] = useState('');
  // Reordering re-inserts DOM nodes and drops focus; this puts it back where the person was.
  const focusAfterRender = useRef<string | null>(null);

  useEffect(() => {
    const id = focusAfterRender.current;
    if (!id) return;
    focusAfterRender.current = null;
    document.getElementById(id)?.focus();
  });

  function change(index: number, patch: Partial<DraftItem>) {
    onChange(items.map((item, i) => (i === index ? { ...item, ...patch } : item)));
  }

  function add() {
    const item = newDraftItem();
    focusAfterRender.current = `agenda-${item.key}-title`;
    onChange([...items, item]);
  }

  function remove(index: number) {
    const removed = items[index];
    focusAfterRender.current = ADD_BUTTON_ID;
    onChange(items.filter((_, i) => i !== index));
    setAnnouncement(
      t('agenda.removed', { title: removed?.title || t('agenda.item', { number: index + 1 }) }),
    );
  }

  function move(index: number, by: -1 | 1) {
    const target = index + by;
    const item = items[index];
    const other = items[target];
    if (!item || !other) return;
    const reordered = [...items];
    reordered[index] = other;
    reordered[target] = item;
    const atEdge = target === 0 || target === items.length - 1;
    // At the top or bottom the pressed button becomes disabled: continue from the other one.
    const direction = by === -1 ? (atEdge ? 'down' : 'up') : atEdge ? 'up' : 'down';
    focusAfterRender.current = `agenda-${item.key}-${direction}`;
    onChange(reordered);
    setAnnouncement(
      t('agenda.moved', {
        title: item.title || t('agenda.item', { number: index + 1 }),
        position: target + 1,
      }),
    );
  }

  return (
    <section className="agenda-builder" aria-labelledby="agenda-heading">
      <h2 id="agenda-heading">{t('agenda.title')}</h2>
      {items.length === 0 && <p>{t('agenda.empty')}</p>}
      <ol className="agenda-items">
        {items.map((item, index) => {
          const prefix = `agenda-${item.key}`;
          const errorAt = (field: string) => errors[`agenda.${index}.${field}`];
          return (
            <li key={item.key}>
              <fieldset>
                <legend>{t('agenda.item', { number: index + 1 })}</legend>
                <TextField
                  id={`${prefix}-title`}
                  label={t('agenda.itemTitle')}
                  error={errorAt('title')}
                  required
                  value={item.title}
                  onValueChange={(value) => change(index, { title: value })}
                />
                <Field
                  id={`${prefix}-description`}
                  label={t('agenda.description')}
                  error={errorAt('description')}
                >
                  {(control) => (
                    <textarea
                      {...control}
                      rows={3}
                      value={item.description}
                      onChange={(event) => change(index, { description: event.target.value })}
                    />
                  )}
                </Field>
                <Field
                  id={`${prefix}-confidentiality`}
                  label={t('agenda.confidentiality')}
                  hint={t(`confidentialityHint.${item.confidentiality}`)}
                  error={errorAt('confidentiality')}
                >
                  {(control) => (
                    <select
                      {...control}
                      value={item.confidentiality}
                      onChange={(event) =>
                        change(index, { confidentiality: event.target.value as Confidentiality })
                      }
                    >
                      {CONFIDENTIALITY_LEVELS.map((level) => (
                        <option key={level} value={level}>
                          {t(`confidentiality.${level}`)}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
                <CaseLinkFields
                  prefix={prefix}
                  link={item.caseLink}
                  onChange={(caseLink) => change(index, { caseLink })}
                  errorAt={(field) => errorAt(`caseLink.${field}`)}
                />
                <div className="button-row">
                  <button
                    type="button"
                    id={`${prefix}-up`}
                    className="button-secondary"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    {t('agenda.moveUp')}
                  </button>
                  <button
                    type="button"
                    id={`${prefix}-down`}
                    className="button-secondary"
                    disabled={index === items.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    {t('agenda.moveDown')}
                  </button>
                  <button type="button" className="button-danger" onClick={() => remove(index)}>
                    {t('agenda.remove')}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" id={ADD_BUTTON_ID} className="button-secondary" onClick={add}>
        {t('agenda.add')}
      </button>
      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </section>
  );
}
