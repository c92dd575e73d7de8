// Tab in the memo's text goes to the controls nearest the caret, not to the top of the memo.
//
// The memo's controls (levels, stances, dissents, follow-up fields) live inside the node views,
// so in the DOM they are descendants of the editor's root: for the browser, the next Tab stop
// after the root is the first control of the first agenda item, wherever the caret is. This
// handler asks the document instead: every tab stop in a node view's non-editable part has a
// document position (`posAtDOM` puts a control before its node's content at the node's start and
// one after it at its end), so Tab goes to the first control after the caret, Shift+Tab to the
// last one before it. Past the last control Tab leaves the editor for the next control on the
// page; before the first, Shift+Tab is left to the browser, which leaves the editor backwards.
// From a control, the browser's own order (the DOM's, which is the document's) is already right.
// Runs after the list item's Tab (priority below the default), so list keys keep their meaning.
import { Extension } from '@tiptap/core';
import type { EditorView } from '@tiptap/pm/view';

const FOCUSABLE = 'input, select, textarea, button, a[href], [tabindex]';

/** Whether Tab would stop on the element: enabled, shown, not text, one stop per radio group. */
function isTabStop(element: HTMLElement): boolean {
  if (element.tabIndex < 0 || element.isContentEditable) return false;
  if ('disabled' in element && element.disabled === true) return false;
  if (element instanceof HTMLInputElement && element.type === 'radio' && !element.checked) {
    return false;
  }
  return element.getClientRects().length > 0;
}

function tabStops(root: ParentNode): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(isTabStop);
}

function positionOf(view: EditorView, element: HTMLElement): number | null {
  try {
    return view.posAtDOM(element, 0);
  } catch {
    // Not inside the document's views (a React portal in the middle of a re-render).
    return null;
  }
}

/** The first tab stop on the page after the editor, outside it. */
function firstStopAfter(view: EditorView): HTMLElement | undefined {
  return tabStops(view.dom.ownerDocument).find(
    (element) =>
      !view.dom.contains(element) &&
      (view.dom.compareDocumentPosition(element) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0,
  );
}

/** Move focus from the text to the control after (or before) the caret; false leaves it be. */
export function moveFocusFromText(view: EditorView, forward: boolean): boolean {
  const { from, to } = view.state.selection;
  const placed = tabStops(view.dom).flatMap((element) => {
    const pos = positionOf(view, element);
    return pos === null ? [] : [{ element, pos }];
  });
  const target = forward
    ? (placed.find(({ pos }) => pos > to)?.element ?? firstStopAfter(view))
    : placed.filter(({ pos }) => pos < from).at(-1)?.element;
  if (!target) return false;
  target.focus();
  target.scrollIntoView({ block: 'nearest' });
  return true;
}

export const MemoTabOrder = Extension.create({
  name: 'memoTabOrder',
  priority: 50,

  addKeyboardShortcuts() {
    return {
      Tab: () => moveFocusFromText(this.editor.view, true),
      'Shift-Tab': () => moveFocusFromText(this.editor.view, false),
    };
  },
});
