// Other people's carets in the memo, named and coloured from the awareness `user` field that
// the server fills in from their session (a client cannot claim another name or party).
//
// The name label shows when the person moves or types and fades after a few seconds, as in
// Google Docs, so it does not cover the words under it; hovering the caret shows it again. The
// caret plugin (y-tiptap) rebuilds its widgets on every awareness change and remote edit, and
// ProseMirror keeps a widget's element when its key (the client id) matches, so neither a new
// element nor a kept one says whether the person moved. What does is their cursor in the
// awareness state: `CaretActivity` notes when it changes, and a label is drawn fading from then,
// or hidden when that was long ago. An awareness heartbeat repeats the same cursor, so it never
// brings the label back.
import { Extension } from '@tiptap/core';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import type { DecorationAttrs } from '@tiptap/pm/view';
import type { Awareness } from 'y-protocols/awareness';

const NEUTRAL = '#5a6472';
const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** How long a label stays after the person's last move, fade included (the stylesheet's). */
export const LABEL_SHOWN_MS = 3000;
/** Caret whose person has not moved for LABEL_SHOWN_MS: its label shows on hover only. */
const IDLE_CLASS = 'collab-caret-idle';

interface AwarenessUser {
  id: string;
  name: string;
  colour: string;
}

function readUser(user: Record<string, unknown>): AwarenessUser {
  return {
    id: typeof user.id === 'string' ? user.id : '',
    name: typeof user.name === 'string' ? user.name : '',
    colour: typeof user.colour === 'string' && HEX_COLOUR.test(user.colour) ? user.colour : NEUTRAL,
  };
}

/** When each person (by user id) last moved their caret or typed, in this browser's clock. */
const lastMoved = new Map<string, number>();

/** Start the label's fade `elapsed` ms in, or hide it when the fade is over. */
function showLabelFrom(caret: HTMLElement, label: HTMLElement, elapsed: number): void {
  const idle = elapsed >= LABEL_SHOWN_MS;
  caret.classList.toggle(IDLE_CLASS, idle);
  // Restart the animation even on an element that is kept: it runs again from its delay.
  label.style.animation = 'none';
  void label.offsetWidth;
  label.style.animation = '';
  // The stylesheet starts the fade (or, with reduced motion, the plain hiding) this far in.
  label.style.setProperty('--caret-label-elapsed', idle ? '0ms' : `${elapsed}ms`);
}

/** A caret in the person's colour with their name beside it; the name is dark on white. */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const { id, name, colour } = readUser(user);
  const caret = document.createElement('span');
  caret.className = 'collab-caret';
  caret.dataset.userId = id;
  caret.style.borderColor = colour;
  // Presence is announced in the status bar; the caret is a visual aid only.
  caret.setAttribute('aria-hidden', 'true');
  const label = document.createElement('span');
  label.className = 'collab-caret-label';
  label.style.borderColor = colour;
  label.textContent = name;
  caret.append(label);
  // Once faded, the label shows on hover only (not for another round when the hover ends).
  label.addEventListener('animationend', () => caret.classList.add(IDLE_CLASS));
  const moved = lastMoved.get(id);
  showLabelFrom(caret, label, moved === undefined ? LABEL_SHOWN_MS : Date.now() - moved);
  return caret;
}

/** Their selection, tinted with a light version of their colour. */
export function renderSelection(user: Record<string, unknown>): DecorationAttrs {
  const { colour } = readUser(user);
  return { nodeName: 'span', class: 'collab-selection', style: `background-color: ${colour}40` };
}

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/** Notes who moved from the room's awareness and shows their labels again. */
export function caretActivity(awareness: Awareness) {
  return Extension.create({
    name: 'caretActivity',
    addProseMirrorPlugins: () => [
      new Plugin({
        key: new PluginKey('caretActivity'),
        view: (view) => {
          const cursors = new Map<number, string>();
          const onChange = ({ added, updated, removed }: AwarenessChange) => {
            const states = awareness.getStates();
            for (const clientId of removed) cursors.delete(clientId);
            for (const clientId of [...added, ...updated]) {
              if (clientId === awareness.clientID) continue;
              const state = states.get(clientId);
              const cursor = JSON.stringify(state?.cursor ?? null);
              if (cursors.get(clientId) === cursor) continue;
              cursors.set(clientId, cursor);
              const userId = readUser((state?.user ?? {}) as Record<string, unknown>).id;
              if (!state?.cursor || !userId) continue;
              lastMoved.set(userId, Date.now());
              const carets = view.dom.getElementsByClassName('collab-caret');
              for (let index = 0; index < carets.length; index++) {
                const caret = carets[index] as HTMLElement;
                const label = caret.firstElementChild as HTMLElement | null;
                if (caret.dataset.userId === userId && label) showLabelFrom(caret, label, 0);
              }
            }
          };
          awareness.on('change', onChange);
          return { destroy: () => awareness.off('change', onChange) };
        },
      }),
    ],
  });
}
