import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import { MAX_REASON_LENGTH } from '../../../shared/memo/format';
import { STANCES, writeStance, type Stance, type StanceEntry } from '../../../shared/memo/partyDoc';
import { PartyBadge } from '../../components/PartyBadge';
import { useMemoLabels } from '../Version/useMemoLabels';
import { usePositions, useMemoRoom } from './roomContext';
import { useDebouncedWrite } from './useDebouncedWrite';

/**
 * Every party's stance on one agreed point: the person's own party's as one control (only when
 * they may write it now; the server decides again), everyone else's as read-only chips.
 */
export function StanceRow({ agreedPointId }: { agreedPointId: string }) {
  const labels = useMemoLabels();
  const { rooms, parties, ownPartyId, partyWritable } = useMemoRoom();
  const positions = usePositions(rooms);
  const entryOf = (party: Party) => positions.get(party.id)?.stances.get(agreedPointId) ?? null;
  const ownParty = partyWritable ? parties.find((party) => party.id === ownPartyId) : undefined;
  const chips = parties.filter((party) => party !== ownParty);
  // The own control shows its own reasons; every chip's dissent shows them below.
  const dissenting = chips.filter((party) => entryOf(party)?.stance === 'dissent');
  return (
    <div className="stance-area" contentEditable={false}>
      {ownParty && (
        <OwnStance agreedPointId={agreedPointId} party={ownParty} entry={entryOf(ownParty)} />
      )}
      <ul className="stance-row" aria-label={labels.stancesHeading}>
        {chips.map((party) => {
          const entry = entryOf(party);
          return (
            <li key={party.id} className={`stance-chip stance-${entry?.stance ?? 'none'}`}>
              <PartyBadge party={party} short />
              {': '}
              {entry ? labels.stances[entry.stance] : labels.stanceNotStated}
            </li>
          );
        })}
      </ul>
      {dissenting.length > 0 && (
        <ul className="stance-reasons">
          {dissenting.map((party) => (
            <li key={party.id}>
              <PartyBadge party={party} short />
              {': '}
              {entryOf(party)?.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

type Choice = Stance | '';
const CHOICES: readonly Choice[] = ['', ...STANCES];

interface OwnStanceProps {
  agreedPointId: string;
  party: Party;
  entry: StanceEntry | null;
}

/**
 * The own party's stance as native radio buttons styled as one segmented control: the browser
 * gives a radio group one Tab stop and arrow keys within it. `data-own-stance` (the agreed
 * point's id) and `data-stated` let the "open stances" jump find the points still without one.
 */
function OwnStance({ agreedPointId, party, entry }: OwnStanceProps) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  const { rooms } = useMemoRoom();
  const id = useId();
  // A dissent is stored only with its reasons; until then it lives here.
  const [pendingDissent, setPendingDissent] = useState(false);
  const [reasonDraft, setReasonDraft] = useState<string | null>(null);
  const doc = rooms.partyDoc(party.id);
  // A dissent clicked with the pointer goes on to its reasons; one reached with the arrow keys
  // does not, or arrowing through the stances would leave the group.
  const reasonField = useRef<HTMLTextAreaElement>(null);
  const focusReason = useRef(false);
  useEffect(() => {
    if (focusReason.current && reasonField.current) {
      focusReason.current = false;
      reasonField.current.focus();
    }
  });

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
    <div
      className={`stance-own stance-${choice || 'none'}`}
      data-own-stance={agreedPointId}
      data-stated={entry ? 'true' : 'false'}
    >
      <fieldset className="stance-options" role="radiogroup">
        <legend>
          <span aria-hidden="true">
            <PartyBadge party={party} short />
          </span>
          <span className="visually-hidden">{t('memo.stanceOf', { party: party.shortName })}</span>
        </legend>
        {CHOICES.map((option) => (
          <label key={option || 'none'} className={`stance-option stance-${option || 'none'}`}>
            <input
              type="radio"
              name={id}
              value={option}
              checked={choice === option}
              onChange={() => choose(option)}
              onClick={(event) => {
                focusReason.current = option === 'dissent' && event.detail > 0;
              }}
            />
            {option ? labels.stances[option] : labels.stanceNotStated}
          </label>
        ))}
      </fieldset>
      {choice === 'dissent' && (
        <div className="stance-reason">
          <label htmlFor={`${id}-reason`}>{t('memo.dissentReason')}</label>
          <textarea
            ref={reasonField}
            id={`${id}-reason`}
            required
            rows={2}
            maxLength={MAX_REASON_LENGTH}
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
