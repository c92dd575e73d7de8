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
