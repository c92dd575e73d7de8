import type { ReactNode } from 'react';

interface Props {
  /** Id of the element to move to; it needs tabIndex={-1} unless it is focusable already. */
  targetId: string;
  className?: string;
  children: ReactNode;
}

/**
 * A link within the page that moves focus, not only the scroll position. It leaves the URL
 * alone: a fragment would replace an invitation token and count as a navigation for the router.
 */
export function InPageLink({ targetId, className, children }: Props) {
  return (
    <a
      href={`#${targetId}`}
      className={className}
      onClick={(event) => {
        event.preventDefault();
        const target = document.getElementById(targetId);
        target?.focus();
        target?.scrollIntoView();
      }}
    >
      {children}
    </a>
  );
}
