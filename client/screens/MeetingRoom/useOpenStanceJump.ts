import { useCallback, useEffect, useRef, useState } from 'react';
import { isShortcut, ROOM_SHORTCUTS } from './shortcuts';

const OPEN = '.memo-document [data-own-stance][data-stated="false"]';

/** Where the person is in the memo: the focused control, or the caret in the text. */
function currentPlace(lastJump: Element | null): Node | null {
  const active = document.activeElement;
  const editor = active?.closest('.memo-document');
  if (active && editor && active !== editor) return active;
  if (active && active === editor) return window.getSelection()?.anchorNode ?? null;
  // Elsewhere (the button itself): go on from the last jump.
  return lastJump?.isConnected ? lastJump : null;
}

/**
 * Move focus to the own party's next agreed point without a stance after where the person is,
 * wrapping to the first; `done` is true when every one is marked. Also on its shortcut.
 */
export function useOpenStanceJump(enabled: boolean) {
  const [done, setDone] = useState(false);
  const lastJump = useRef<Element | null>(null);

  const jump = useCallback(() => {
    const open = [...document.querySelectorAll<HTMLElement>(OPEN)];
    const place = currentPlace(lastJump.current);
    const next =
      open.find(
        (group) =>
          place &&
          !group.contains(place) &&
          (place.compareDocumentPosition(group) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
      ) ?? open[0];
    setDone(!next);
    if (!next) return;
    lastJump.current = next;
    const radio =
      next.querySelector<HTMLInputElement>('input[type="radio"]:checked') ??
      next.querySelector<HTMLInputElement>('input[type="radio"]');
    radio?.focus({ preventScroll: true });
    next.scrollIntoView({ block: 'center' });
  }, []);

  useEffect(() => {
    if (!enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isShortcut(event, ROOM_SHORTCUTS.nextOpenStance)) return;
      event.preventDefault();
      jump();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, jump]);

  return { jump, done };
}
