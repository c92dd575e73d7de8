import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import { MAX_REASON_LENGTH } from '../../../shared/memo/format';
import { STANCES, writeStance, type Stance, type StanceEntry } from '../../../shared/memo/partyDoc';
import { PartyBadge } from '../../components/PartyBadge';
import { useMemoLabels } from '../Version/useMemoLabels';
import { usePositions, useMemoRoom } from './roomContext';
import { useDebouncedWrite } from './useDebouncedWrite';

/** Every party's stance on one agreed point; only the person's own party's is a live control. */
export function StanceRow({ agreedPointId }: { agreedPointId: string }) {
  const labels = useMemoLabels();
  const { rooms, parties, ownPartyId, partyWritable } = useMemoRoom();
  const positions = usePositions(rooms);
  const dissenting = parties.filter(
    (party) =>
      party.id !== ownPartyId &&
      positions.get(party.id)?.stances.get(agreedPointId)?.stance === 'dissent',
  );
  return (
    <div className="stance-area" contentEditable={false}>
      <ul className="stance-row" aria-label={labels.stancesHeading}>
        {parties.map((party) => (
          <li key={party.id}>
            <StanceControl
              agreedPointId={agreedPointId}
              party={party}
              entry={positions.get(party.id)?.stances.get(agreedPointId) ?? null}
              editable={partyWritable && party.id === ownPartyId}
            />
          </li>
        ))}
      </ul>
      {dissenting.length > 0 && (
        <ul className="stance-reasons">
          {dissenting.map((party) => (
            <li key={party.id}>
              <PartyBadge party={party} short />
              {': '}
              {positions.get(party.id)?.stances.get(agreedPointId)?.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type Choice = Stance | '';

interface ControlProps {
  agreedPointId: string;
  party: Party;
  entry: StanceEntry | null;
  editable: boolean;
}

function StanceControl({ agreedPointId, party, entry, editable }: ControlProps) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  const { rooms } = useMemoRoom();
  const id = useId();
  // A dissent is stored only with its reasons; until then it lives here.
  const [pendingDissent, setPendingDissent] = useState(false);
  const [reasonDraft, setReasonDraft] = useState<string | null>(null);
  const doc = rooms.partyDoc(party.id);

  const write = (next: StanceEntry | null) => {
    if (doc) writeStance(doc, agreedPointId, next);
  };
  const reasonWriter = useDebouncedWrite((reason: string) => {
    if (reason.trim()) {
      write({ stance: 'dissent', reason });
      setPendingDissent(false);
    }
  });

  const choice: Choice = pendingDissent ? 'dissent' : (entry?.stance ?? '');
  const showReason = editable && choice === 'dissent';
  const reason = reasonDraft ?? entry?.reason ?? '';

  function choose(next: Choice) {
    setReasonDraft(null);
    if (next === 'dissent') {
      if (entry?.stance !== 'dissent') setPendingDissent(true);
      return;
    }
    setPendingDissent(false);
    write(next === '' ? null : { stance: next, reason: '' });
  }

  return (
    <div className={`stance stance-${choice || 'none'}`}>
      <PartyBadge party={party} short />
      <label htmlFor={id} className="visually-hidden">
        {t('memo.stanceOf', { party: party.shortName })}
      </label>
      <select
        id={id}
        value={choice}
        disabled={!editable}
        onChange={(event) => choose(event.target.value as Choice)}
      >
        <option value="">{labels.stanceNotStated}</option>
        {STANCES.map((stance) => (
          <option key={stance} value={stance}>
            {labels.stances[stance]}
          </option>
        ))}
      </select>
      {showReason && (
        <div className="stance-reason">
          <label htmlFor={`${id}-reason`}>{t('memo.dissentReason')}</label>
          <textarea
            id={`${id}-reason`}
            required
            rows={2}
            maxLength={MAX_REASON_LENGTH}
            autoFocus={pendingDissent}
            aria-describedby={pendingDissent ? `${id}-hint` : undefined}
            value={reason}
            onChange={(event) => {
              setReasonDraft(event.target.value);
              reasonWriter.schedule(event.target.value);
            }}
            onBlur={() => {
              reasonWriter.flush();
              setReasonDraft(null);
            }}
          />
          {pendingDissent && (
            <p id={`${id}-hint`} className="field-hint">
              {t('memo.dissentNeedsReason')}
            </p>
          )}
        </div>
      )}
    </div>
  );
}
