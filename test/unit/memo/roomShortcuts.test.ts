import { describe, expect, it } from 'vitest';
import {
  isShortcut,
  ROOM_SHORTCUTS,
  shortcut,
} from '../../../client/screens/MeetingRoom/shortcuts';

/** The parts of a key press the matcher reads (the tests run without a DOM). */
function press(init: Partial<KeyboardEvent>): KeyboardEvent {
  return {
    key: '',
    code: '',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...init,
  } as KeyboardEvent;
}

describe('the meeting room shortcut for the next open stance', () => {
  const keys = ROOM_SHORTCUTS.nextOpenStance;

  it('is named for people and for aria-keyshortcuts alike', () => {
    expect(shortcut(keys)).toEqual({ aria: 'Control+Alt+K', shown: 'Ctrl+Alt+K' });
  });

  it('matches Ctrl+Alt+K by the key’s place, whatever letter Alt makes of it', () => {
    expect(isShortcut(press({ ctrlKey: true, altKey: true, code: 'KeyK', key: 'k' }), keys)).toBe(
      true,
    );
    expect(isShortcut(press({ ctrlKey: true, altKey: true, code: 'KeyK', key: 'ĸ' }), keys)).toBe(
      true,
    );
  });

  it('does not match with a modifier missing or extra, or another key', () => {
    expect(isShortcut(press({ ctrlKey: true, code: 'KeyK', key: 'k' }), keys)).toBe(false);
    expect(isShortcut(press({ altKey: true, code: 'KeyK', key: 'k' }), keys)).toBe(false);
    expect(
      isShortcut(
        press({ ctrlKey: true, altKey: true, shiftKey: true, code: 'KeyK', key: 'K' }),
        keys,
      ),
    ).toBe(false);
    expect(isShortcut(press({ ctrlKey: true, altKey: true, code: 'KeyJ', key: 'j' }), keys)).toBe(
      false,
    );
  });
});
