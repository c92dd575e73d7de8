import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatePartyRequest } from '../../../shared/api/schemas';
import type { Party, PartyRemoval } from '../../../shared/api/types';
import { api } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PartyBadge } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useFormat } from '../../i18n/format';
import { useAction } from '../../useAction';
import { PartyForm } from './PartyForm';

const NEW_PARTY: CreatePartyRequest = { name: '', shortName: '', colour: '#1f5f8b' };

export function Parties() {
  const { t } = useTranslation();
  const format = useFormat();
  const { group, updateGroup } = useGroup();
  const [editing, setEditing] = useState<string | null>(null);
  // A party with history is ended, not deleted: say so, and how many rounds started over.
  const [ended, setEnded] = useState<PartyRemoval | null>(null);
  // Remounting the add form after a save empties it.
  const [addFormKey, setAddFormKey] = useState(0);

  const setParties = (change: (parties: Party[]) => Party[]) =>
    updateGroup((current) => ({ ...current, parties: change(current.parties) }));

  const remove = useAction(async (partyId: string) => {
    const removal = await api.deleteParty(group.id, partyId);
    updateGroup((current) => ({
      ...current,
      parties: current.parties.filter((party) => party.id !== partyId),
      endedParties:
        removal.outcome === 'ended'
          ? [...current.endedParties, removal.party]
          : current.endedParties,
    }));
    setEnded(removal.outcome === 'ended' ? removal : null);
  });

  async function add(request: CreatePartyRequest) {
    const party = await api.createParty(group.id, request);
    setParties((parties) => [...parties, party]);
    setAddFormKey((key) => key + 1);
  }

  async function save(partyId: string, request: CreatePartyRequest) {
    const updated = await api.updateParty(group.id, partyId, request);
    setParties((parties) => parties.map((party) => (party.id === partyId ? updated : party)));
    setEditing(null);
  }

  return (
    <section aria-labelledby="parties-heading" className="admin-section">
      <h2 id="parties-heading" tabIndex={-1}>
        {t('admin.parties.title')}
      </h2>
      <ErrorMessage error={remove.error} messages={{ conflict: t('admin.parties.hasMembers') }} />
      <div role="status">
        {ended && (
          <p className="alert alert-info">
            {t('admin.parties.endedNotice', {
              name: ended.party.name,
              count: ended.restartedRounds,
            })}
          </p>
        )}
      </div>
      {group.parties.length === 0 ? (
        <p>{t('admin.parties.empty')}</p>
      ) : (
        <ul className="card-list">
          {group.parties.map((party) => (
            <li key={party.id}>
              {editing === party.id ? (
                <PartyForm
                  idPrefix={`party-${party.id}`}
                  initial={{ name: party.name, shortName: party.shortName, colour: party.colour }}
                  submitLabel={t('common.save')}
                  onSave={(request) => save(party.id, request)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <div className="card-row">
                  <PartyBadge party={party} />
                  <span className="muted">{party.shortName}</span>
                  <span className="muted">{party.colour}</span>
                  <span className="button-row">
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t('admin.parties.editNamed', { name: party.name })}
                      onClick={() => setEditing(party.id)}
                    >
                      {t('common.edit')}
                    </button>
                    <ConfirmButton
                      label={t('common.delete')}
                      accessibleLabel={t('admin.parties.deleteNamed', { name: party.name })}
                      question={t('admin.parties.confirmDelete', { name: party.name })}
                      disabled={remove.busy}
                      onConfirm={() => remove.run(party.id)}
                    />
                  </span>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {group.endedParties.length > 0 && (
        <>
          <h3>{t('admin.parties.ended')}</h3>
          <ul className="card-list">
            {group.endedParties.map((party) => (
              <li key={party.id} className="card-row">
                <PartyBadge party={party} />
                <span className="muted">{party.shortName}</span>
                {party.endedAt && (
                  <span className="muted">
                    {t('admin.parties.endedAt', { time: format.dateTime(party.endedAt) })}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('admin.parties.add')}</h3>
      <PartyForm
        key={addFormKey}
        idPrefix="new-party"
        initial={NEW_PARTY}
        submitLabel={t('admin.parties.add')}
        onSave={add}
      />
    </section>
  );
}
