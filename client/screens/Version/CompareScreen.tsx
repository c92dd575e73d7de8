import { useCallback, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import type {
  MemoHistory,
  MemoVersionView,
  VersionComparison,
} from '../../../shared/api/memoVersions';
import { ApiError } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { Page } from '../../components/Page';
import { useGroup } from '../../group';
import { memoApi } from '../../memoApi';
import { useResource } from '../../useResource';
import { ChangeList } from './ChangeList';
import { compareRoute, versionNumber, versionRoute } from './paths';
import { useMemoLabels } from './useMemoLabels';
import './version.css';

interface Loaded {
  comparison: VersionComparison;
  /** The two versions themselves: section titles and agreed points for naming the changes. */
  from: MemoVersionView;
  to: MemoVersionView;
  history: MemoHistory;
}

/** What changed between two approved versions of a meeting's memo. */
export default function CompareScreen() {
  const { t } = useTranslation();
  const { meetingId = '', from, to } = useParams();
  const fromNumber = versionNumber(from);
  const toNumber = versionNumber(to);
  if (fromNumber === null || toNumber === null) {
    return (
      <Page title={t('versions.notFound')}>
        <ErrorMessage error={new ApiError(404, 'not_found', 'No such version')} />
      </Page>
    );
  }
  return <ComparisonLoader meetingId={meetingId} from={fromNumber} to={toNumber} />;
}

function ComparisonLoader({
  meetingId,
  from,
  to,
}: {
  meetingId: string;
  from: number;
  to: number;
}) {
  const load = useCallback(
    async (signal: AbortSignal): Promise<Loaded> => {
      const [comparison, fromView, toView, history] = await Promise.all([
        memoApi.compare(meetingId, from, to, signal),
        memoApi.version(meetingId, from, undefined, signal),
        memoApi.version(meetingId, to, undefined, signal),
        memoApi.history(meetingId, signal),
      ]);
      return { comparison, from: fromView, to: toView, history };
    },
    [meetingId, from, to],
  );
  const resource = useResource(load);
  return <Loadable resource={resource}>{(loaded) => <ComparisonPage loaded={loaded} />}</Loadable>;
}

function ComparisonPage({ loaded }: { loaded: Loaded }) {
  const { t } = useTranslation();
  const { group } = useGroup();
  const labels = useMemoLabels();
  const { comparison, from, to, history } = loaded;
  const changes = comparison.changes;
  return (
    <div className="memo-version-screen">
      <Page title={t('compare.title', { title: to.meetingTitle })}>
        <nav className="memo-version-tools" aria-label={t('versions.tools')}>
          <ul className="memo-version-links">
            <li>
              <Link to={`/groups/${group.id}/meetings/${comparison.meetingId}`}>
                {t('versions.backToMeeting')}
              </Link>
            </li>
            <li>
              <Link to={versionRoute(group.id, comparison.meetingId, comparison.from)}>
                {t('compare.openVersion', { version: comparison.from })}
              </Link>
            </li>
            <li>
              <Link to={versionRoute(group.id, comparison.meetingId, comparison.to)}>
                {t('compare.openVersion', { version: comparison.to })}
              </Link>
            </li>
          </ul>
        </nav>
        <VersionPicker
          key={`${comparison.from}-${comparison.to}`}
          meetingId={comparison.meetingId}
          history={history}
          from={comparison.from}
          to={comparison.to}
        />
        <p className="compare-summary">
          {t('compare.summary', {
            from: comparison.from,
            to: comparison.to,
            count: changes.length,
          })}{' '}
          <span className="muted">({labels.audience[comparison.audience]})</span>
        </p>
        {comparison.audience !== 'negotiators' && (
          <p className="note compare-withheld-note">{t('compare.withheldNote')}</p>
        )}
        {changes.length === 0 ? (
          <p>{t('compare.noChanges')}</p>
        ) : (
          <ChangeList changes={changes} from={from} to={to} />
        )}
      </Page>
    </div>
  );
}

interface PickerProps {
  meetingId: string;
  history: MemoHistory;
  from: number;
  to: number;
}

/** Choose any two versions; the older one is always compared with the newer one. */
function VersionPicker({ meetingId, history, from, to }: PickerProps) {
  const { t } = useTranslation();
  const { group } = useGroup();
  const navigate = useNavigate();
  const [chosenFrom, setChosenFrom] = useState(from);
  const [chosenTo, setChosenTo] = useState(to);
  const [same, setSame] = useState(false);
  const numbers = history.versions.map((version) => version.version);
  if (numbers.length < 2) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (chosenFrom === chosenTo) {
      setSame(true);
      return;
    }
    setSame(false);
    const [older, newer] = chosenFrom < chosenTo ? [chosenFrom, chosenTo] : [chosenTo, chosenFrom];
    void navigate(compareRoute(group.id, meetingId, older, newer));
  }

  return (
    <form className="compare-picker" onSubmit={submit} noValidate>
      <VersionSelect
        id="compare-from"
        label={t('compare.from')}
        numbers={numbers}
        value={chosenFrom}
        onChange={setChosenFrom}
        describedBy={same ? 'compare-same' : undefined}
      />
      <VersionSelect
        id="compare-to"
        label={t('compare.to')}
        numbers={numbers}
        value={chosenTo}
        onChange={setChosenTo}
        describedBy={same ? 'compare-same' : undefined}
      />
      <button type="submit" className="button-secondary">
        {t('compare.submit')}
      </button>
      {same && (
        <p id="compare-same" role="alert" className="field-error">
          {t('compare.sameVersion')}
        </p>
      )}
    </form>
  );
}

function VersionSelect(props: {
  id: string;
  label: string;
  numbers: readonly number[];
  value: number;
  onChange: (version: number) => void;
  describedBy: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value}
        aria-describedby={props.describedBy}
        onChange={(event) => props.onChange(Number(event.target.value))}
      >
        {props.numbers.map((number) => (
          <option key={number} value={number}>
            {t('compare.versionOption', { version: number })}
          </option>
        ))}
      </select>
    </div>
  );
}
