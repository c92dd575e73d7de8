import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { orderDeputies } from '../../../shared/attendance';
import type { Member, Party } from '../../../shared/api/types';
import { isDeputy } from '../../../shared/roles';
import { api } from '../../api';
import { ErrorMessage } from '../../components/ErrorMessage';
import { Loadable } from '../../components/Loadable';
import { PartyBadge } from '../../components/PartyBadge';
import { SaveButtonRow } from '../../components/SaveButtonRow';
import { useGroup } from '../../group';
import { useAction } from '../../useAction';
import { useResource } from '../../useResource';

/**
 * Each party's deputies in their order (issue 19): who substitutes an absent member first. Moved
 * with buttons, so the order is set by keyboard and screen reader as easily as by mouse.
 */
export function DeputyOrder() {
  const { t } = useTranslation();
  const { group } = useGroup();
  const load = useCallback((signal: AbortSignal) => api.members(group.id, signal), [group.id]);
  const members = useResource(load);
  return (
    <section aria-labelledby="deputy-order-heading" className="admin-section">
      <h2 id="deputy-order-heading" tabIndex={-1}>
        {t('admin.deputyOrder.title')}
      </h2>
      <p>{t('admin.deputyOrder.intro')}</p>
      <Loadable resource={members}>
        {(list) => (
          <ul className="card-list">
            {group.parties.map((party) => (
              <li key={party.id}>
                <PartyDeputies party={party} members={list} />
              </li>
            ))}
          </ul>
        )}
      </Loadable>
    </section>
  );
}

function PartyDeputies({ party, members }: { party: Party; members: Member[] }) {
  const { t } = useTranslation();
  const { group, updateGroup } = useGroup();
  const deputies = members.filter((m) => m.partyId === party.id && isDeputy(m.role));
  const [order, setOrder] = useState(() =>
    orderDeputies(deputies, party.deputyOrder).map((m) => m.userId),
  );
  const [saved, setSaved] = useState(false);
  const save = useAction(async () => {
    const updated = await api.updateParty(group.id, party.id, { deputyOrder: order });
    updateGroup((current) => ({
      ...current,
      parties: current.parties.map((p) => (p.id === party.id ? updated : p)),
    }));
    setSaved(true);
  });
  const nameOf = (userId: string) => deputies.find((m) => m.userId === userId)?.name ?? '';
  const move = (index: number, by: -1 | 1) => {
    setSaved(false);
    setOrder((current) => {
      const next = [...current];
      [next[index], next[index + by]] = [next[index + by]!, next[index]!];
      return next;
    });
  };

  return (
    <form
      className="form deputy-order"
      onSubmit={(event) => {
        event.preventDefault();
        save.run();
      }}
    >
      <h3>
        <PartyBadge party={party} />
      </h3>
      <ErrorMessage error={save.error} />
      {order.length === 0 ? (
        <p className="muted">{t('admin.deputyOrder.none')}</p>
      ) : (
        <>
          <ol className="deputy-order-list">
            {order.map((userId, index) => (
              <li key={userId}>
                <span>
                  <span className="muted">
                    {t('admin.deputyOrder.position', { n: index + 1 })}:
                  </span>{' '}
                  {nameOf(userId)}
                </span>
                <span className="button-row">
                  <button
                    type="button"
                    className="button-secondary"
                    aria-label={t('admin.deputyOrder.upNamed', { name: nameOf(userId) })}
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                  >
                    {t('admin.deputyOrder.up')}
                  </button>
                  <button
                    type="button"
                    className="button-secondary"
                    aria-label={t('admin.deputyOrder.downNamed', { name: nameOf(userId) })}
                    disabled={index === order.length - 1}
                    onClick={() => move(index, 1)}
                  >
                    {t('admin.deputyOrder.down')}
                  </button>
                </span>
              </li>
            ))}
          </ol>
          <SaveButtonRow
            label={t('admin.deputyOrder.save', { party: party.shortName })}
            busy={save.busy}
            doneMessage={saved ? t('admin.deputyOrder.saved') : null}
            variant="secondary"
          />
        </>
      )}
    </form>
  );
}
