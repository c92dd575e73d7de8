// ProseMirror key names ("Mod-Alt-1") as people read them and as aria-keyshortcuts wants them.

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

const ARIA_NAMES: Record<string, string> = {
  Mod: isMac ? 'Meta' : 'Control',
  Alt: 'Alt',
  Shift: 'Shift',
};
const SHOWN_NAMES: Record<string, string> = {
  Mod: isMac ? '⌘' : 'Ctrl',
  Alt: isMac ? '⌥' : 'Alt',
  Shift: isMac ? '⇧' : 'Shift',
};

export interface Shortcut {
  /** For aria-keyshortcuts, e.g. "Control+Alt+1". */
  aria: string;
  /** For a tooltip, e.g. "Ctrl+Alt+1". */
  shown: string;
}

export function shortcut(keys: string): Shortcut {
  const parts = keys.split('-');
  return {
    aria: parts.map((part) => ARIA_NAMES[part] ?? part.toUpperCase()).join('+'),
    shown: parts.map((part) => SHOWN_NAMES[part] ?? part.toUpperCase()).join('+'),
  };
}

/** Shortcuts of the meeting room outside the editor, in the same notation. */
export const ROOM_SHORTCUTS = {
  /** To the own party's next agreed point without a stance. */
  nextOpenStance: 'Mod-Alt-K',
} as const;

/** Whether a key press is the shortcut: by the key's place (code), as Alt changes the letter. */
export function isShortcut(event: KeyboardEvent, keys: string): boolean {
  const parts = keys.split('-');
  const key = parts.at(-1) ?? '';
  const mods = new Set(parts.slice(0, -1));
  const mod = isMac ? event.metaKey : event.ctrlKey;
  return (
    mod === mods.has('Mod') &&
    event.altKey === mods.has('Alt') &&
    event.shiftKey === mods.has('Shift') &&
    (event.code === `Key${key.toUpperCase()}` ||
      event.code === `Digit${key}` ||
      event.key.toLowerCase() === key.toLowerCase())
  );
}
