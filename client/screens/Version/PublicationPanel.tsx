import { useCallback, useId, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { VersionPublication } from '../../../shared/api/consent';
import { ProposePublicationRequest } from '../../../shared/api/schemas';
import { consentApi } from '../../consentApi';
import { DeadlineField } from '../../components/DeadlineField';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { useDeadlineInput } from '../../components/useDeadlineInput';
import { useFormat } from '../../i18n/format';
import { useConsentChanged } from '../../notifications/MemoNotifications';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';
import { ConsentPanel } from '../Consent/ConsentPanel';

interface Props {
  meetingId: string;
  version: number;
}

/**
 * Publishing an approved version's public parts. Approval delivers to the party groups only; the
 * public page shows the version once every party has consented to publishing it, through the
 * same gate as a statement. Any negotiator proposes; each party answers for itself.
 */
export function PublicationPanel({ meetingId, version }: Props) {
  const { t } = useTranslation();
  const load = useCallback(
    (signal: AbortSignal) => consentApi.publication(meetingId, version, signal),
    [meetingId, version],
  );
  const state = useResource(load);
  useConsentChanged(null, state.reload);
  return (
    <section className="publication" aria-labelledby="publication-heading">
      <h2 id="publication-heading">{t('publication.title')}</h2>
      <p>{t('publication.intro')}</p>
      <Loadable resource={state}>
        {(data) => <PublicationState data={data} onChanged={state.reload} />}
      </Loadable>
    </section>
  );
}

function PublicationState({
  data,
  onChanged,
}: {
  data: VersionPublication;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const publication = data.publication;
  if (!publication) {
    if (!data.hasPublicContent) return <p className="note">{t('publication.nothingPublic')}</p>;
    return (
      <>
        <p className="note">{t('publication.notProposed')}</p>
        <ProposeForm meetingId={data.meetingId} version={data.version} onProposed={onChanged} />
      </>
    );
  }
  const releasedAt = publication.consent.releasedAt;
  return (
    <>
      <p className="muted">
        {t('publication.proposedBy', {
          name: publication.proposedBy.name,
          time: format.dateTime(publication.proposedAt),
        })}
      </p>
      {releasedAt && data.publicPath && (
        <p className="alert alert-success">
          {t('publication.published', { time: format.dateTime(releasedAt) })}{' '}
          {/* A server page, not a client route: a plain link. */}
          <a href={data.publicPath}>{t('publication.openPublic')}</a>
        </p>
      )}
      <ConsentPanel
        consent={publication.consent}
        headingLevel={3}
        onAnswered={onChanged}
        onStale={onChanged}
      />
    </>
  );
}

function ProposeForm({
  meetingId,
  version,
  onProposed,
}: {
  meetingId: string;
  version: number;
  onProposed: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const deadline = useDeadlineInput();
  const propose = useAction(async (body: ProposePublicationRequest) => {
    await consentApi.proposePublication(meetingId, version, body);
    onProposed();
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const body = deadline.check(event.currentTarget, (iso) =>
      ProposePublicationRequest.safeParse(iso ? { deadline: iso } : {}),
    );
    if (body) propose.run(body);
  }

  return (
    <form className="form publication-form" onSubmit={submit} noValidate>
      <DeadlineField
        id={`${id}-deadline`}
        label={t('publication.deadline')}
        hint={t('publication.deadlineHint')}
        value={deadline.value}
        onValueChange={deadline.setValue}
        error={deadline.error}
      />
      <ErrorMessage error={propose.error} messages={{ conflict: t('publication.conflict') }} />
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={propose.busy}>
          {t('publication.submit')}
        </button>
      </div>
    </form>
  );
}
