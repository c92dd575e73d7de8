// A joint statement's room: its words, drafted by the negotiators until put to consent. Consent
// never lives in Yjs, so a refused write here is audited as an attempt on the unanimity gate.
import type { StatementRoom } from '../../../shared/memo/format';
import { can } from '../../../shared/permissions';
import { statementFragment } from '../../../shared/statements/format';
import { STATEMENT_LAYOUT } from '../../../shared/statements/schema';
import { readStatementLock } from '../../statements/lock';
import { createRoomDoc } from '../roomDoc';
import type { RoomKind } from './types';
import { actorOfConnection } from '../../audit/actors';

export const statementKind: RoomKind<StatementRoom> = {
  shape: { layout: STATEMENT_LAYOUT },
  subjectName: 'Statement',
  createDoc() {
    const doc = createRoomDoc();
    statementFragment(doc);
    return doc;
  },
  async readSubject(repos, ref) {
    const [request, lock] = await Promise.all([
      repos.consent.findRequest(ref.statementId),
      readStatementLock(repos, ref.statementId),
    ]);
    if (request?.kind !== 'statement') return null;
    // In consent the parties consent to exact words, and released words are frozen: both lock.
    return { kind: 'statement', groupId: request.groupId, request, ...lock };
  },
  meetingOf: () => null,
  mayWrite: (_ref, actor) => can(actor, 'statement.draft'),
  /**
   * The log holds a seal per round the statement was put to consent in (see
   * server/statements/putToConsent.ts); a seal of a round since taken back for editing, as read
   * for this batch, no longer stops anyone.
   */
  sealIsStale: (sealedFor, subject) =>
    subject.kind === 'statement' && sealedFor.version <= subject.editedRound,
  /**
   * Audited as `consent.refused`: bytes outside the statement's layout (say, a root map saying
   * another party agrees) are an attempt on the unanimity gate. The entry names the problem,
   * never any words.
   */
  onRefused(ref, { connection, problem, subject }, { audit }) {
    void audit.record({
      groupId: subject.groupId,
      actor: actorOfConnection(connection),
      action: 'consent.refused',
      target: { type: 'statement', id: ref.statementId },
      details: { channel: 'collab', problem, partyId: connection.identity.partyId },
    });
  },
};
