/** Who approves a memo version: the chair, or an acting chair the chair delegated to. */
export interface Approver {
  userId: string;
  name: string;
  /** Set when a vice-chair acts for the chair: the delegation in force at the approval. */
  delegationId?: string;
}

/** What an audit entry says of an approver acting for the chair; nothing for the chair. */
export function actingChairDetails(approver: Approver): Record<string, string | boolean> {
  return approver.delegationId ? { actingChair: true, delegationId: approver.delegationId } : {};
}
