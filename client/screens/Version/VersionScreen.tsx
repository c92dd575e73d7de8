import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import type { MemoVersionView } from '../../../shared/api/memoVersions';
import type { Audience } from '../../../shared/confidentiality';
import { can } from '../../../shared/permissions';
import { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { memoApi } from '../../memoApi';
import { useResource } from '../../useResource';
import { DeclassificationPanel } from './DeclassificationPanel';
import { ExportLinks } from './ExportLinks';
import { MemoDocument } from './MemoDocument';
import { PublicationPanel } from './PublicationPanel';
import { compareRoute, versionNumber, versionRoute } from './paths';
import { useMemoLabels } from './useMemoLabels';
import './version.css';

/** Narrower audiences a negotiator may preview; their own (`negotiators`) needs no parameter. */
const PREVIEWS: readonly Audience[] = ['groups', 'public'];

/** One approved memo version, as the reader's audience (or a previewed narrower one) gets it. */
export default function VersionScreen() {
  const { t } = useTranslation();
  const { meetingId = '', version } = useParams();
  const number = versionNumber(version);
  if (number === null) {
    return (
      <Page title={t('versions.notFound')}>
        <ErrorMessage error={new ApiError(404, 'not_found', 'No such version')} />
      </Page>
    );
  }
  // Keyed: another version starts from its own address, not from this one's audience choice.
  return <VersionLoader key={number} meetingId={meetingId} version={number} />;
}

function VersionLoader({ meetingId, version }: { meetingId: string; version: number }) {
  const { actor } = useGroup();
  const [search] = useSearchParams();
  const negotiator = can(actor, 'group.negotiate');
  const [chosen, setChosen] = useState<Audience>(() => {
    const asked = search.get('audience');
    return PREVIEWS.find((audience) => audience === asked) ?? 'negotiators';
  });
  const preview = negotiator && chosen !== 'negotiators' ? chosen : undefined;
  const load = useCallback(
    (signal: AbortSignal) => memoApi.version(meetingId, version, preview, signal),
    [meetingId, version, preview],
  );
  const resource = useResource(load);
  const choose = (audience: Audience) => {
    setChosen(audience);
    // The address keeps the choice (for a reload or a shared link), but as a quiet replace, not
    // a router navigation: that would move focus to the page heading, away from the chooser.
    const url = new URL(window.location.href);
    if (audience === 'negotiators') url.searchParams.delete('audience');
    else url.searchParams.set('audience', audience);
    window.history.replaceState(window.history.state, '', url);
  };
  const audiences = negotiator ? { chosen, choose } : undefined;

  // While another audience loads, the page stays (with the chooser that has focus) and only the
  // memo is marked busy; a loading screen in between would throw the person's focus away.
  const [shown, setShown] = useState<MemoVersionView | null>(null);
  const { result } = resource;
  if (result.status === 'ready' && result.data !== shown) setShown(result.data);
  const view =
    result.status === 'ready'
      ? result.data
      : result.status === 'loading' && shown?.meetingId === meetingId && shown.version === version
        ? shown
        : null;
  if (!view) return <Loadable resource={resource}>{() => null}</Loadable>;
  return <VersionPage view={view} busy={result.status !== 'ready'} audiences={audiences} />;
}

interface PageProps {
  view: MemoVersionView;
  /** Another audience's rendering is on its way. */
  busy: boolean;
  /** Offered to negotiators: preview what a narrower audience receives. */
  audiences: { chosen: Audience; choose: (audience: Audience) => void } | undefined;
}

function VersionPage({ view, busy, audiences }: PageProps) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  const { group, actor } = useGroup();
  const meetingPath = `/groups/${group.id}/meetings/${view.meetingId}`;
  return (
    <div className="memo-version-screen">
      <Page title={`${labels.memo}: ${view.meetingTitle}`}>
        {view.latestVersion > view.version && (
          <p className="alert alert-info memo-version-newer">
            {t('versions.newerExists', { version: view.latestVersion })}{' '}
            <Link to={versionRoute(group.id, view.meetingId, view.latestVersion)}>
              {t('versions.openLatest', { version: view.latestVersion })}
            </Link>
          </p>
        )}
        {audiences && <AudienceChooser current={audiences.chosen} onChoose={audiences.choose} />}
        <MemoDocument view={view} busy={busy} />
        {/* After the memo: the reader comes for the memo, the tools are for afterwards. */}
        <nav className="memo-version-tools" aria-label={t('versions.tools')}>
          <ul className="memo-version-links">
            <li>
              <Link to={meetingPath}>{t('versions.backToMeeting')}</Link>
            </li>
            {view.version > 1 && (
              <li>
                <Link to={compareRoute(group.id, view.meetingId, view.version - 1, view.version)}>
                  {t('versions.compareWithPrevious')}
                </Link>
              </li>
            )}
          </ul>
          <ExportLinks view={view} offerPublic={audiences !== undefined} />
        </nav>
        {can(actor, 'publication.propose') && (
          <PublicationPanel meetingId={view.meetingId} version={view.version} />
        )}
        {can(actor, 'declassification.propose') && (
          <DeclassificationPanel
            meetingId={view.meetingId}
            version={view.version}
            content={view.audience === 'negotiators' ? view.content : null}
          />
        )}
      </Page>
    </div>
  );
}

function AudienceChooser({
  current,
  onChoose,
}: {
  current: Audience;
  onChoose: (audience: Audience) => void;
}) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  const name = useId();
  const audiences: Audience[] = ['negotiators', 'groups', 'public'];
  return (
    <fieldset className="memo-version-audience">
      <legend>{t('versions.audienceLegend')}</legend>
      <p className="field-hint">{t('versions.audienceHint')}</p>
      <div className="memo-version-audience-options">
        {audiences.map((audience) => (
          <label key={audience}>
            <input
              type="radio"
              name={name}
              value={audience}
              checked={current === audience}
              onChange={() => onChoose(audience)}
            />{' '}
            {labels.audience[audience]}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
