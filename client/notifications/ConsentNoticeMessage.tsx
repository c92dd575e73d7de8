// What a consent notice says: what happened to which statement or declassification, and the
// deadline when there is one. Notices carry a title or label and a link, never the text itself.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ConsentNotice } from '../../shared/api/consent';
import { useFormat, type Formatters } from '../i18n/format';

/** The notice in one sentence (for the toast and for screen readers). */
export function consentNoticeText(t: TFunction, notice: ConsentNotice): string {
  return t(`consentNotices.${notice.requestKind}.${notice.kind}`, { title: notice.title });
}

/** "Deadline …" for notices that have one; `requested` and `reminder` are about answering. */
export function consentNoticeDeadline(
  t: TFunction,
  format: Formatters,
  notice: ConsentNotice,
): string | null {
  if (!notice.deadline || (notice.kind !== 'requested' && notice.kind !== 'reminder')) return null;
  return t('consentNotices.deadline', { deadline: format.dateTime(notice.deadline) });
}

export function ConsentNoticeMessage({ notice }: { notice: ConsentNotice }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deadline = consentNoticeDeadline(t, format, notice);
  return (
    <>
      <p className="toast-message">{consentNoticeText(t, notice)}</p>
      {deadline && <p className="toast-detail">{deadline}</p>}
    </>
  );
}
