import { describe, expect, it } from 'vitest';
import { meetingRoomStatus, type RoomSaveStatus } from '../../../client/memo/saveStatus';

// The meeting room's one status: "all saved" never beside a missing live connection.
describe('meetingRoomStatus', () => {
  it('says saved only while the live room is connected too', () => {
    expect(meetingRoomStatus('saved', 'online')).toBe('saved');
    expect(meetingRoomStatus('saved', 'connecting')).toBe('connecting');
    expect(meetingRoomStatus('saved', 'offline')).toBe('connecting');
  });

  it('lets any trouble with saving speak first, whatever the live room does', () => {
    const troubles: RoomSaveStatus[] = ['offline', 'notStoring', 'unsaved', 'saving', 'connecting'];
    for (const save of troubles) {
      for (const live of ['online', 'connecting', 'offline'] as const) {
        expect(meetingRoomStatus(save, live)).toBe(save);
      }
    }
  });
});
