// What the status bar says about saving, derived from what the collab server acknowledged.

/**
 * One room's state:
 * - `connecting`: never synced yet in this session;
 * - `offline`: no connection; local changes wait in the browser;
 * - `saving`: connected, and some local change is not yet acknowledged as stored;
 * - `saved`: everything in the local document is stored on the server;
 * - `notStoring`: local changes wait because the server cannot store now (its database does not
 *   answer); they are kept in the browser and stored when it does;
 * - `unsaved`: local changes the server will not take (read-only room or a rejected update).
 */
export type RoomSaveStatus =
  'connecting' | 'offline' | 'saving' | 'saved' | 'notStoring' | 'unsaved';

// The worst state wins: one unsaved room makes the whole memo unsaved.
const SEVERITY: readonly RoomSaveStatus[] = [
  'saved',
  'connecting',
  'saving',
  'offline',
  'notStoring',
  'unsaved',
];

/** One status for the meeting from the status of each of its rooms. */
export function combineSaveStatus(statuses: readonly RoomSaveStatus[]): RoomSaveStatus {
  let worst: RoomSaveStatus = 'saved';
  for (const status of statuses) {
    if (SEVERITY.indexOf(status) > SEVERITY.indexOf(worst)) worst = status;
  }
  return worst;
}

/**
 * The one status the meeting room shows, from the rooms' save status and the live connection
 * (presence, meeting status): they drop and return at different moments, and two lines that
 * disagree ("all saved" beside "no connection") leave the user guessing. Trouble with saving
 * comes first; "saved" is shown only once the live connection is back too.
 */
export function meetingRoomStatus(
  save: RoomSaveStatus,
  live: 'connecting' | 'online' | 'offline',
): RoomSaveStatus {
  if (save !== 'saved') return save;
  return live === 'online' ? 'saved' : 'connecting';
}
