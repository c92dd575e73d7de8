// Which server a load generator talks to, and how.

export type ServerKind = 'ours' | 'reference' | 'hocuspocus';

export interface Target {
  kind: ServerKind;
  /** http://127.0.0.1:<port> */
  httpUrl: string;
  /** Session cookies to spread over the connections (ours only; the peers take anyone). */
  cookies: string[];
}

/** The name a room goes by on `target`: ours needs a meeting's memo room, peers take any name. */
export function memoRoom(kind: ServerKind, meetingIdOrName: string): string {
  return kind === 'ours' ? `${meetingIdOrName}/memo` : meetingIdOrName;
}
