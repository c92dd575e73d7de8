// Turns an audit entry's target and details into words. Entries hold ids and codes (roles,
// levels, stances); the reader sees names and the interface language's words for them.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import type { AuditEntry } from '../../../shared/audit';
import { CONFIDENTIALITY_LEVELS, type Confidentiality } from '../../../shared/confidentiality';
import { CONSENT_ANSWERS, type ConsentAnswerKind } from '../../../shared/consent';
import type { DeclassifiableKind } from '../../../shared/memo/declassification';
import { STANCES, type Stance } from '../../../shared/memo/partyDoc';
import { ROLES, type Role } from '../../../shared/roles';
import { useFormat } from '../../i18n/format';
import { useMemoLabels } from '../Version/useMemoLabels';

type Value = AuditEntry['details'][string];

const isRole = (value: Value | undefined): value is Role =>
  (ROLES as readonly unknown[]).includes(value);
const isLevel = (value: Value | undefined): value is Confidentiality =>
  (CONFIDENTIALITY_LEVELS as readonly unknown[]).includes(value);
const isStance = (value: Value | undefined): value is Stance =>
  (STANCES as readonly unknown[]).includes(value);

/** Ids that mean nothing to a reader here; the JSON export keeps them. */
const HIDDEN_KEYS = new Set([
  'meetingId',
  'userId',
  'hash',
  'kind',
  'agendaItemId',
  'requestId',
  'statementId',
  'delegationId',
]);

const CONSENT_ANSWER_KINDS: readonly unknown[] = CONSENT_ANSWERS;
const CHANNELS: readonly unknown[] = ['rest', 'socket', 'collab'];
const ITEM_KINDS: readonly unknown[] = ['section', 'agreedPoint', 'followUp', 'notes', 'dissent'];

export interface EntryDescriber {
  /** The target's label, or the kind of thing it is when it has none (e.g. a memo item). */
  target(entry: AuditEntry): string;
  /** Short phrases about the event, e.g. "Role: Deputy → Representative". */
  details(entry: AuditEntry): string[];
}

export function useEntryDescriber(parties: readonly Party[]): EntryDescriber {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useMemoLabels();
  return useMemo(() => {
    const party = (id: Value | undefined) =>
      typeof id === 'string'
        ? (parties.find((candidate) => candidate.id === id)?.shortName ?? '–')
        : t('audit.details.noParty');
    const stance = (value: Value | undefined) =>
      isStance(value) ? labels.stances[value] : labels.stanceNotStated;

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
      if (isLevel(d.confidentiality)) {
        lines.push(
          t('audit.details.confidentiality', {
            level: t(`confidentiality.${d.confidentiality}`),
          }),
        );
        consume('confidentiality');
      }
      if (typeof d.round === 'number') {
        lines.push(
          typeof d.fromRound === 'number'
            ? t('audit.details.roundChange', { from: d.fromRound, to: d.round })
            : t('audit.details.round', { round: d.round }),
        );
        consume('round', 'fromRound');
      }
      if (CONSENT_ANSWER_KINDS.includes(d.answer)) {
        const answer = d.answer as ConsentAnswerKind;
        lines.push(t('audit.details.answer', { answer: t(`consent.answer.kind.${answer}`) }));
        consume('answer');
      }
      if ('deadline' in d) {
        if (typeof d.deadline === 'string' && !Number.isNaN(Date.parse(d.deadline)))
          lines.push(t('audit.details.deadline', { deadline: format.dateTime(d.deadline) }));
        consume('deadline');
      }
      if (CHANNELS.includes(d.channel)) {
        const channel = d.channel as 'rest' | 'socket' | 'collab';
        lines.push(t('audit.details.channel', { channel: t(`audit.channels.${channel}`) }));
        consume('channel');
      }
      if ('callerPartyId' in d) {
        lines.push(t('audit.details.callerParty', { party: party(d.callerPartyId) }));
        consume('callerPartyId');
      }
      const partyList = (key: string, label: 'parties' | 'addedParties' | 'removedParties') => {
        const value = d[key];
        if (typeof value !== 'string') return;
        // Lists of added or ended parties are left out when empty; whose consent lapsed is not.
        if (!value && label !== 'parties') return consume(key);
        const names = value ? value.split(',').map((id) => party(id)) : [];
        lines.push(t(`audit.details.${label}`, { parties: names.join(', ') || '–' }));
        consume(key);
      };
      partyList('parties', 'parties');
      partyList('addedParties', 'addedParties');
      partyList('removedParties', 'removedParties');
      if (ITEM_KINDS.includes(d.itemKind)) {
        const itemKind = d.itemKind as DeclassifiableKind;
        lines.push(t('audit.details.item', { item: t(`declassification.kind.${itemKind}`) }));
        consume('itemKind');
      }
      for (const key of ['version', 'afterVersion']) {
        const version = d[key];
        if (typeof version === 'number') {
          lines.push(t('audit.details.version', { version }));
          consume(key);
        }
      }
      // The acting chair (issue 19): who was delegated, for what, by whom; an approval in the
      // chair's place.
      if (typeof d.delegate === 'string') {
        lines.push(t('audit.details.delegate', { name: d.delegate }));
        consume('delegate');
      }
      if (typeof d.scope === 'string') {
        lines.push(t('audit.details.delegationScope', { scope: d.scope }));
        consume('scope');
      }
      for (const key of ['byAdministrator', 'actingChair'] as const) {
        if (typeof d[key] !== 'boolean') continue;
        if (d[key]) lines.push(t(`audit.details.${key}`));
        consume(key);
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
  }, [t, format, labels, parties]);
}
