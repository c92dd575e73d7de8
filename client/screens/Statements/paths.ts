// Client routes of joint statements, so that every link to them is built the same way.

/** The group's statements: the list and the form for a new one. */
export function statementsRoute(groupId: string): string {
  return `/groups/${groupId}/statements`;
}

/** One statement: its live text and consent, or its released text. */
export function statementRoute(groupId: string, statementId: string): string {
  return `${statementsRoute(groupId)}/${statementId}`;
}
