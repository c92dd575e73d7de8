// Turns an audit entry's target and details into words. Entries hold ids and codes (roles,
// levels, stances); the reader sees names and the interface language's words for them.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { AuditEntry } from '../../../shared/audit';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../shared/confidentiality';
import { STANCES, type Stance } from '../../../shared/memo/partyDoc';
import { ROLES, type Role } from '../../../shared/roles';

type Value = AuditEntry['details'][string];

const isRole = (value: Value | undefined): value is Role =>
  (ROLES as readonly unknown[]).includes(value);
const isLevel = (value: Value | undefined): value is Confidentiality =>
  (CONFIDENTIALITY_LEVELS as readonly unknown[]).includes(value);
const isStance = (value: Value | undefined): value is Stance =>
  (STANCES as readonly unknown[]).includes(value);

/** Ids that mean nothing to a reader here; the JSON export keeps them. */
const HIDDEN_KEYS = new Set(['meetingId', 'userId', 'hash', 'kind']);

export interface EntryDescriber {
  /** The target's label, or the kind of thing it is when it has none (e.g. a memo item). */
  target(entry: AuditEntry): string;
  /** Short phrases about the event, e.g. "Role: Deputy → Representative". */
  details(entry: AuditEntry): string[];
}

export function useEntryDescriber(parties: readonly Party[]): EntryDescriber {
  const { t } = useTranslation();
  return useMemo(() => {
    const party = (id: Value | undefined) =>
      typeof id === 'string'
        ? (parties.find((candidate) => candidate.id === id)?.shortName ?? '–')
        : t('audit.details.noParty');
    const stance = (value: Value | undefined) =>
      isStance(value) ? t(`memo.stance.${value}`) : t('memo.stance.none');

    function details(entry: AuditEntry): string[] {
      const d = entry.details;
      const lines: string[] = [];
      const used = new Set(HIDDEN_KEYS);
      const consume = (...keys: string[]) => keys.forEach((key) => used.add(key));

      if (typeof d.meetingTitle === 'string') {
        lines.push(t('audit.details.meeting', { title: d.meetingTitle }));
        consume('meetingTitle');
      }
      if (isRole(d.fromRole) && isRole(d.toRole)) {
        if (d.fromRole !== d.toRole)
          lines.push(
            t('audit.details.roleChange', {
              from: t(`roles.${d.fromRole}`),
              to: t(`roles.${d.toRole}`),
            }),
          );
        consume('fromRole', 'toRole');
      } else if (isRole(d.role)) {
        lines.push(t('audit.details.role', { role: t(`roles.${d.role}`) }));
        consume('role');
      }
      if ('fromPartyId' in d || 'toPartyId' in d) {
        if (d.fromPartyId !== d.toPartyId)
          lines.push(
            t('audit.details.partyChange', { from: party(d.fromPartyId), to: party(d.toPartyId) }),
          );
        consume('fromPartyId', 'toPartyId');
      } else if ('partyId' in d) {
        lines.push(t('audit.details.party', { party: party(d.partyId) }));
        consume('partyId');
      }
      if ('stance' in d) {
        lines.push(
          'previous' in d
            ? t('audit.details.stanceChange', { from: stance(d.previous), to: stance(d.stance) })
            : t('audit.details.stance', { stance: stance(d.stance) }),
        );
        consume('stance', 'previous');
      }
      if (isLevel(d.from) && isLevel(d.to)) {
        lines.push(
          t('audit.details.level', {
            from: t(`confidentiality.${d.from}`),
            to: t(`confidentiality.${d.to}`),
          }),
        );
        consume('from', 'to');
      } else if (typeof d.from === 'string' && typeof d.to === 'string') {
        lines.push(t('audit.details.change', { from: d.from, to: d.to }));
        consume('from', 'to');
      }
      for (const key of ['version', 'afterVersion']) {
        const version = d[key];
        if (typeof version === 'number') {
          lines.push(t('audit.details.version', { version }));
          consume(key);
        }
      }
      // Facts this screen has no words for yet still show, plainly.
      for (const [key, value] of Object.entries(d))
        if (!used.has(key)) lines.push(`${key}: ${value === null ? '–' : String(value)}`);
      return lines;
    }

    return {
      target: (entry) => entry.target.label ?? t(`audit.targets.${entry.target.type}`),
      details,
    };
  }, [t, parties]);
}
