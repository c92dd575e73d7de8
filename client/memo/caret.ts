// Other people's carets in the memo, named and coloured from the awareness `user` field that
// the server fills in from their session (a client cannot claim another name or party).
import type { DecorationAttrs } from '@tiptap/pm/view';

const NEUTRAL = '#5a6472';
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

interface AwarenessUser {
  name: string;
  colour: string;
}

function readUser(user: Record<string, unknown>): AwarenessUser {
  return {
    name: typeof user.name === 'string' ? user.name : '',
    colour: typeof user.colour === 'string' && HEX_COLOUR.test(user.colour) ? user.colour : NEUTRAL,
  };
}

/** A caret in the person's colour with their name beside it; the name is dark on white. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const { name, colour } = readUser(user);
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  caret.style.borderColor = colour;
  // Presence is announced in the status bar; the caret is a visual aid only.
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.borderColor = colour;
  label.textContent = name;
  caret.append(label);
  return caret;
}

/** Their selection, tinted with a light version of their colour. */
export function renderSelection(user: Record<string, unknown>): DecorationAttrs {
  const { colour } = readUser(user);
  return { nodeName: 'span', class: 'collab-selection', style: `background-color: ${colour}40` };
}
