import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreatePartyRequest } from '../../../shared/api/schemas';
import type { Party } from '../../../shared/api/types';
import { api } from '../../api';
import { ConfirmButton } from '../../components/ConfirmButton';
import { ErrorMessage } from '../../components/ErrorMessage';
import { PartyBadge } from '../../components/PartyBadge';
import { useGroup } from '../../group';
import { useAction } from '../../useAction';
import { PartyForm } from './PartyForm';

const NEW_PARTY: CreatePartyRequest = { name: '', shortName: '', colour: '#1f5f8b' };

export function Parties() {
  const { t } = useTranslation();
  const { group, updateGroup } = useGroup();
  const [editing, setEditing] = useState<string | null>(null);
  // Remounting the add form after a save empties it.
  const [addFormKey, setAddFormKey] = useState(0);

  const setParties = (change: (parties: Party[]) => Party[]) =>
    updateGroup((current) => ({ ...current, parties: change(current.parties) }));

  const remove = useAction(async (partyId: string) => {
    await api.deleteParty(group.id, partyId);
    setParties((parties) => parties.filter((party) => party.id !== partyId));
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
