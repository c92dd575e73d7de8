import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DISSENT_STATUSES,
  TRACKED_ITEM_STATUSES,
  type TrackedItem,
  type TrackedItemStatus,
} from '../../../shared/api/memoVersions';
import { hasCaseLink } from '../../../shared/caseLinks';
import { MAX_REASON_LENGTH } from '../../../shared/memo/format';
import { continuityApi } from '../../continuityApi';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Field } from '../../components/Field';
import { useAction } from '../../useAction';
import { CaseLinkFields } from '../Meetings/CaseLinkFields';
import { emptyCaseLink } from '../Meetings/draft';

interface Props {
  item: TrackedItem;
  /** The item's text, which the controls are about. */
  describedBy: string;
  onChange: (item: TrackedItem) => void;
}

/**
 * A follow-up's status with what it needs: "viety valmisteluun" the council case, "ei toteuteta"
 * the reason. A dissent is only open or done. The server decides; this offers what it accepts.
 */
export function StatusEditor({ item, describedBy, onChange }: Props) {
  const { t } = useTranslation();
  const id = useId();
  const statuses = item.kind === 'dissent' ? DISSENT_STATUSES : TRACKED_ITEM_STATUSES;
  const [status, setStatus] = useState<TrackedItemStatus>(item.status);
  const [caseLink, setCaseLink] = useState(item.statusCaseLink ?? emptyCaseLink());
  const [reason, setReason] = useState(item.statusReason ?? '');
  const save = useAction(async () => {
    onChange(
      await continuityApi.setStatus(item.id, {
        status,
        ...(status === 'inPreparation' && { caseLink }),
        ...(status === 'notDone' && { reason }),
        basedOn: item.history.length,
      }),
    );
  });
  const ready =
    (status !== 'inPreparation' || hasCaseLink(caseLink)) &&
    (status !== 'notDone' || reason.trim() !== '');
  return (
    <form
      className="tracked-status-editor"
      aria-describedby={describedBy}
      onSubmit={(event) => {
        event.preventDefault();
        save.run();
      }}
    >
      <Field id={`${id}-status`} label={t('continuity.newStatus')}>
        {(control) => (
          <select
            {...control}
            value={status}
            onChange={(event) => setStatus(event.target.value as TrackedItemStatus)}
          >
            {statuses.map((option) => (
              <option key={option} value={option}>
                {t(`continuity.status.${option}`)}
              </option>
            ))}
          </select>
        )}
      </Field>
      {status === 'inPreparation' && (
        <>
          <p className="field-hint">{t('continuity.caseLinkHint')}</p>
          <CaseLinkFields
            prefix={`${id}-case`}
            link={caseLink}
            onChange={setCaseLink}
            errorAt={() => undefined}
          />
        </>
      )}
      {status === 'notDone' && (
        <Field id={`${id}-reason`} label={t('continuity.reason')} hint={t('continuity.reasonHint')}>
          {(control) => (
            <textarea
              {...control}
              rows={2}
              maxLength={MAX_REASON_LENGTH}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </Field>
      )}
      <ErrorMessage error={save.error} messages={{ conflict: t('continuity.statusConflict') }} />
      <button type="submit" className="button-secondary" disabled={save.busy || !ready}>
        {t('continuity.saveStatus')}
      </button>
    </form>
  );
}
