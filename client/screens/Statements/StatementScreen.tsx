import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ConsentView, StatementView } from '../../../shared/api/consent';
import { can } from '../../../shared/permissions';
import { consentApi, isStatementView, type StatementResponse } from '../../consentApi';
import { Loadable, Loading } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import type { RoomSaveStatus } from '../../memo/saveStatus';
import { useConsentChanged } from '../../notifications/MemoNotifications';
import { useMe } from '../../session';
import { useStatementRoom } from '../../statements/useStatementRoom';
import { useResource, type LoadedResource } from '../../useResource';
import { ConsentPanel } from '../Consent/ConsentPanel';
import { EditStatementButton } from './EditStatementButton';
import { statementsRoute } from './paths';
import { PutToConsentForm } from './PutToConsentForm';
import { ReleasedStatementView } from './ReleasedStatementView';
import { RenameStatementForm } from './RenameStatementForm';
import { StatementEditor } from './StatementEditor';
import { StatementStatusBadge } from './StatementStatusBadge';
import './statements.css';

/**
 * One joint statement. Negotiators co-edit the draft live, put it to consent and answer for their
 * own party. In consent the text is locked; "Muokkaa tekstiä" takes it back (withdrawing the
 * consents given) to edit and put to consent again. Once every party consented it is frozen and
 * shown as released to everyone.
 */
export default function StatementScreen() {
  const { statementId = '' } = useParams();
  const load = useCallback(
    (signal: AbortSignal) => consentApi.statement(statementId, signal),
    [statementId],
  );
  const resource = useResource(load);
  // Answers, new rounds and the release arrive live; the text itself arrives through the editor.
  useConsentChanged(statementId, resource.reload);
  return (
    <Loadable resource={resource}>
      {(response) =>
        isStatementView(response) ? (
          <NegotiatorStatement key={response.id} view={response} resource={resource} />
        ) : (
          <Page title={response.title}>
            <BackToList />
            <ReleasedStatementView statement={response} />
          </Page>
        )
      }
    </Loadable>
  );
}

function BackToList() {
  const { t } = useTranslation();
  const { group } = useGroup();
  return (
    <p className="statement-back">
      <Link to={statementsRoute(group.id)}>{t('statements.backToList')}</Link>
    </p>
  );
}

interface NegotiatorProps {
  view: StatementView;
  resource: LoadedResource<StatementResponse>;
}

function NegotiatorStatement({ view, resource }: NegotiatorProps) {
  const { t } = useTranslation();
  const { actor } = useGroup();
  const canDraft = can(actor, 'statement.draft');
  const open = view.status === 'draft' || view.status === 'editing';
  const replace = useCallback((next: StatementView) => resource.update(() => next), [resource]);
  // Put to consent here: the form that had focus is gone, the panel with the answers takes it.
  const [sent, setSent] = useState(false);
  const sentToConsent = useCallback(
    (next: StatementView) => {
      setSent(true);
      replace(next);
    },
    [replace],
  );
  const onAnswered = useCallback(
    (consent: ConsentView) => {
      resource.update((current) =>
        isStatementView(current) ? { ...current, consent, status: consent.status } : current,
      );
      // Released by this answer: the frozen text and its hash come with a fresh read.
      if (consent.status === 'released') resource.reload();
    },
    [resource],
  );

  if (view.status === 'released' && view.released) {
    return (
      <Page title={view.title}>
        <BackToList />
        <ReleasedStatementView statement={view.released} />
        <ConsentPanel consent={view.consent} onAnswered={onAnswered} onStale={resource.reload} />
      </Page>
    );
  }

  return (
    <Page title={view.title}>
      <BackToList />
      <StatementFacts view={view} />
      {open && canDraft && <RenameStatementForm statement={view} onRenamed={replace} />}
      <LiveText view={view} canDraft={canDraft} onSent={sentToConsent} onEditing={replace} />
      {(view.status === 'in_consent' || view.status === 'editing') && (
        <ConsentPanel
          consent={view.consent}
          onAnswered={onAnswered}
          onStale={resource.reload}
          focusOnMount={sent}
        />
      )}
      {view.status === 'draft' && <p className="note">{t('statements.draftNote')}</p>}
    </Page>
  );
}

/** Status, who started it, the meeting it belongs to, and the round's hash while in consent. */
function StatementFacts({ view }: { view: StatementView }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { group } = useGroup();
  return (
    <dl className="statement-facts">
      <div>
        <dt>{t('statements.columns.status')}</dt>
        <dd>
          <StatementStatusBadge status={view.status} outcome={view.consent.state?.outcome} />
        </dd>
      </div>
      <div>
        <dt>{t('statements.createdBy')}</dt>
        <dd>
          {view.createdBy.name},{' '}
          <time dateTime={view.createdAt}>{format.dateTime(view.createdAt)}</time>
        </dd>
      </div>
      {view.meetingId && (
        <div>
          <dt>{t('statements.meeting')}</dt>
          <dd>
            <Link to={`/groups/${group.id}/meetings/${view.meetingId}`}>
              {t('statements.openMeeting')}
            </Link>
          </dd>
        </div>
      )}
      {view.status === 'in_consent' && (
        <div className="statement-facts-hash">
          <dt>{t('statements.roundHash', { round: view.round })}</dt>
          <dd>
            <code>{view.hash}</code>
          </dd>
        </div>
      )}
    </dl>
  );
}

interface LiveTextProps {
  view: StatementView;
  canDraft: boolean;
  onSent: (view: StatementView) => void;
  onEditing: (view: StatementView) => void;
}

/**
 * The live text: written while a draft or being edited, locked in consent (with "Muokkaa tekstiä"
 * for negotiators), and put to consent (again) once everything is saved.
 */
function LiveText({ view, canDraft, onSent, onEditing }: LiveTextProps) {
  const { t } = useTranslation();
  const me = useMe();
  const room = useStatementRoom(view.id, me.id);
  const [save, setSave] = useState<RoomSaveStatus>('connecting');
  const open = view.status === 'draft' || view.status === 'editing';
  return (
    <>
      <section className="statement-live" aria-labelledby="statement-text-heading">
        <h2 id="statement-text-heading">{t('statements.text')}</h2>
        {view.status === 'in_consent' && canDraft && (
          <div className="alert alert-info statement-locked">
            <p>{t('statements.editWithdraws')}</p>
            <EditStatementButton view={view} onEditing={onEditing} />
          </div>
        )}
        {view.status === 'editing' && (
          <p className="alert alert-warning">
            {t('statements.edit.editingNote', { round: view.round })}
          </p>
        )}
        {room ? (
          <StatementEditor
            room={room}
            canEdit={canDraft && open}
            lockedNote={view.status === 'in_consent' ? 'inConsent' : 'locked'}
            userId={me.id}
            onSaveStatus={setSave}
          />
        ) : (
          <Loading />
        )}
      </section>
      {open && canDraft && (
        <PutToConsentForm
          statementId={view.id}
          again={view.status === 'editing'}
          save={save}
          onSent={onSent}
        />
      )}
    </>
  );
}
