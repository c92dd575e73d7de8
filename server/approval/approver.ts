/** Who approves a memo version: the chair, or an acting chair the chair delegated to. */
export interface Approver {
  userId: string;
  name: string;
}
