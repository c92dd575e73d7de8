// The facts every follow-up row shows alike, in the group's list and in "Omat jatkotoimet": who
// owns it and by when, its status, and the council case it was taken to.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseLink } from '../../../shared/caseLinks';
import type { TrackedItemStatus } from '../../../shared/api/memoVersions';
import { CaseLinkText } from '../../components/CaseLinkCitation';
import { useFormat } from '../../i18n/format';

/** One term and its description in a row's `<dl>`. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

export function OwnerAndDue({ owner, due }: { owner: string; due: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {owner && <Fact label={t('continuity.item.owner')}>{owner}</Fact>}
      {due && <Fact label={t('continuity.item.due')}>{format.calendarDate(due)}</Fact>}
    </>
  );
}

export function TrackedStatusBadge({ status }: { status: TrackedItemStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`status-badge tracked-${status}`}>{t(`continuity.status.${status}`)}</span>
  );
}

/** The council case a follow-up was taken to ("viety valmisteluun"), when it was. */
export function StatusCaseLink({ link }: { link: CaseLink | null | undefined }) {
  const { t } = useTranslation();
  return link ? (
    <Fact label={t('continuity.statusCaseLink')}>
      <CaseLinkText link={link} />
    </Fact>
  ) : null;
}
