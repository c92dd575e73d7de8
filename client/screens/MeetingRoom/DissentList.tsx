import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { Confidentiality } from '../../../shared/confidentiality';
import { MAX_REASON_LENGTH } from '../../../shared/memo/format';
import { writeDissent, type PartyDissent } from '../../../shared/memo/partyDoc';
import { ConfirmButton } from '../../components/ConfirmButton';
import { PartyBadge } from '../../components/PartyBadge';
import { MEMO_SHORTCUTS } from '../../memo/commands';
import { ConfidentialitySelect, LevelBadge } from './Confidentiality';
import { useMemoRoom, usePositions } from './roomContext';
import { shortcut } from './shortcuts';
import { useDebouncedWrite } from './useDebouncedWrite';

/** The parties' dissents in one section, below its text; a party edits only its own. */
export function DissentList({ sectionId }: { sectionId: string }) {
  const { t } = useTranslation();
  const { rooms, parties, ownPartyId, partyWritable, dissentDrafts, addDissent } = useMemoRoom();
  const positions = usePositions(rooms);
  const headingId = useId();

  const canAdd = partyWritable && parties.some((party) => party.id === ownPartyId);
  // Drafts sit among their party's stored dissents in id order, so storing one moves nothing
  // (a moved element would lose the keyboard focus mid-sentence).
  const entries = parties.flatMap((party) => {
    const stored = (positions.get(party.id)?.dissents ?? []).filter(
      (dissent) => dissent.sectionId === sectionId,
    );
    const storedIds = new Set(stored.map((dissent) => dissent.id));
    const drafts =
      canAdd && party.id === ownPartyId
        ? [...dissentDrafts]
            .filter(([id, draftSection]) => draftSection === sectionId && !storedIds.has(id))
            .map(([id]) => ({ id, dissent: undefined }))
        : [];
    return [...stored.map((dissent) => ({ id: dissent.id, dissent })), ...drafts]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((entry) => ({ ...entry, party }));
  });

  if (entries.length === 0 && !canAdd) return null;
  const keys = shortcut(MEMO_SHORTCUTS.dissent);
  return (
    <div className="memo-dissents" contentEditable={false} role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="memo-dissents-title">
        {t('memo.dissents')}
      </h3>
      {entries.length === 0 && <p className="muted">{t('memo.noDissents')}</p>}
      <ul>
        {entries.map(({ id, party, dissent }) => (
          <li key={id} className="memo-dissent">
            {canAdd && party.id === ownPartyId ? (
              <DissentEditor party={party} sectionId={sectionId} dissentId={id} dissent={dissent} />
            ) : (
              dissent && (
                <>
                  <div className="memo-dissent-head">
                    <PartyBadge party={party} />
                    <LevelBadge level={dissent.confidentiality} />
                  </div>
                  <p className="memo-dissent-reason">{dissent.reason}</p>
                </>
              )
            )}
          </li>
        ))}
      </ul>
      {canAdd && (
        <button
          type="button"
          className="button-secondary"
          title={`${t('memo.addDissent')} (${keys.shown})`}
          aria-keyshortcuts={keys.aria}
          onClick={() => addDissent(sectionId)}
        >
          {t('memo.addDissent')}
        </button>
      )}
    </div>
  );
}

interface EditorProps {
  party: Party;
  sectionId: string;
  dissentId: string;
  /** The stored dissent; undefined for a draft that has no reasons yet. */
  dissent: PartyDissent | undefined;
}

function DissentEditor({ party, sectionId, dissentId, dissent }: EditorProps) {
  const { t } = useTranslation();
  const { rooms, dropDissentDraft } = useMemoRoom();
  const id = useId();
  // Focus moves here only when the dissent was just started, not when a stored one renders.
  const [startedHere] = useState(!dissent);
  const [reasonDraft, setReasonDraft] = useState<string | null>(null);
  const [levelDraft, setLevelDraft] = useState<Confidentiality>('groups');
  const level = dissent?.confidentiality ?? levelDraft;
  const reason = reasonDraft ?? dissent?.reason ?? '';
  const doc = rooms.partyDoc(party.id);

  const store = (next: { reason: string; confidentiality: Confidentiality }) => {
    if (!doc || !next.reason.trim()) return;
    writeDissent(doc, dissentId, { sectionId, ...next });
    dropDissentDraft(dissentId);
  };
  const writer = useDebouncedWrite((next: string) =>
    store({ reason: next, confidentiality: level }),
  );

  function remove() {
    if (doc && dissent) writeDissent(doc, dissentId, null);
    dropDissentDraft(dissentId);
  }

  return (
    <div className="dissent-editor">
      <div className="memo-dissent-head">
        <PartyBadge party={party} />
        <ConfidentialitySelect
          label={t('memo.dissentLevel')}
          value={level}
          onChange={(next) => {
            setLevelDraft(next);
            writer.flush();
            store({ reason, confidentiality: next });
          }}
        />
      </div>
      <label htmlFor={id}>{t('memo.dissentReason')}</label>
      <textarea
        id={id}
        required
        rows={3}
        maxLength={MAX_REASON_LENGTH}
        // A dissent just started with the shortcut or the button takes the keyboard at once.
        autoFocus={startedHere}
        aria-describedby={dissent ? undefined : `${id}-hint`}
        value={reason}
        onChange={(event) => {
          setReasonDraft(event.target.value);
          writer.schedule(event.target.value);
        }}
        onBlur={() => {
          writer.flush();
          setReasonDraft(null);
        }}
      />
      {!dissent && (
        <p id={`${id}-hint`} className="field-hint">
          {t('memo.dissentNeedsReason')}
        </p>
      )}
      <ConfirmButton
        label={t('common.remove')}
        accessibleLabel={t('memo.removeDissent', { party: party.shortName })}
        question={t('memo.removeDissentQuestion')}
        onConfirm={remove}
      />
    </div>
  );
}
