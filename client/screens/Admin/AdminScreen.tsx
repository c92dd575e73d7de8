import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/permissions';
import { InPageLink } from '../../components/InPageLink';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { ActingChair } from './ActingChair';
import { GroupExport } from './GroupExport';
import { DeputyOrder } from './DeputyOrder';
import { GroupSettings } from './GroupSettings';
import { Invitations } from './Invitations';
import { MailOutbox } from './MailOutbox';
import { Members } from './Members';
import { Parties } from './Parties';

export function AdminScreen() {
  const { t } = useTranslation();
  const { group, actor } = useGroup();
  if (!can(actor, 'member.manage')) {
    return (
      <Page title={t('admin.title')}>
        <p>{t('errors.forbidden')}</p>
      </Page>
    );
  }
  const sections = [
    can(actor, 'group.edit') && { id: 'group-settings-heading', label: t('admin.group.title') },
    can(actor, 'party.manage') && { id: 'parties-heading', label: t('admin.parties.title') },
    can(actor, 'party.manage') && {
      id: 'deputy-order-heading',
      label: t('admin.deputyOrder.title'),
    },
    { id: 'members-heading', label: t('admin.members.title') },
    can(actor, 'member.invite') && {
      id: 'invitations-heading',
      label: t('admin.invitations.title'),
    },
    can(actor, 'approval.delegate') && {
      id: 'acting-chair-heading',
      label: t('actingChair.title'),
    },
    can(actor, 'mail.manage') && { id: 'mail-heading', label: t('admin.mail.title') },
    can(actor, 'group.export') && { id: 'group-export-heading', label: t('admin.export.title') },
  ].filter((section) => section !== false);
  return (
    <Page
      title={t('admin.title')}
      actions={
        can(actor, 'audit.view') && (
          <Link to={`/groups/${group.id}/audit`} className="button-link">
            {t('audit.open')}
          </Link>
        )
      }
    >
      <nav aria-label={t('admin.onThisPage')} className="in-page-nav">
        <ul>
          {sections.map((section) => (
            <li key={section.id}>
              <InPageLink targetId={section.id}>{section.label}</InPageLink>
            </li>
          ))}
        </ul>
      </nav>
      {can(actor, 'group.edit') && <GroupSettings />}
      {can(actor, 'party.manage') && <Parties />}
      {can(actor, 'party.manage') && <DeputyOrder />}
      <Members />
      {can(actor, 'member.invite') && <Invitations />}
      {can(actor, 'approval.delegate') && <ActingChair />}
      {can(actor, 'mail.manage') && <MailOutbox />}
      {can(actor, 'group.export') && <GroupExport />}
    </Page>
  );
}
