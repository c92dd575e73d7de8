// Client routes of approved memo versions, so that every link to them is built the same way.

/** The web view of one approved version. */
export function versionRoute(groupId: string, meetingId: string, version: number): string {
  return `/groups/${groupId}/meetings/${meetingId}/versions/${version}`;
}

/** The comparison of version `from` with version `to`. */
export function compareRoute(groupId: string, meetingId: string, from: number, to: number): string {
  return `${versionRoute(groupId, meetingId, from)}/compare/${to}`;
}

/** A version number from the URL: a positive integer, or null. */
export function versionNumber(raw: string | undefined): number | null {
  return raw && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : null;
}
