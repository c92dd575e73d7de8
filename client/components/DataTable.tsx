import { useEffect, useRef, useState, type ReactNode, type RefObject } from 'react';

interface Props {
  /** Read by screen readers only; the heading above names the table visually. */
  caption: string;
  columns: string[];
  /** The rows: `<tr>` elements. */
  children: ReactNode;
}

/**
 * Whether the box scrolls sideways (a wide table on a phone). Watched as the window and the
 * content change size.
 */
export function useScrollsSideways(box: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, [box]);
  return scrolls;
}

/** A scrollable table with a caption and column headers, as every list screen shows it. */
export function DataTable({ caption, columns, children }: Props) {
  const wrapper = useRef<HTMLDivElement>(null);
  // A table wider than the screen scrolls in its own box, which keyboard users must reach to
  // scroll: then, and only then, the box is a named stop in the tab order.
  const scrolls = useScrollsSideways(wrapper);
  return (
    <div
      ref={wrapper}
      className="table-wrapper"
      {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {})}
    >
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
