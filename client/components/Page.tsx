import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';

interface Props {
  title: string;
  /** Shown beside the heading, e.g. the screen's main action. */
  actions?: ReactNode;
  /** Move focus to the heading on mount even without a navigation, e.g. when a view swaps. */
  focusOnMount?: boolean;
  children: ReactNode;
}

/** A screen: its heading, the document title, and focus moved to the heading after navigation. */
export function Page({ title, actions, focusOnMount = false, children }: Props) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const product = t('app.name');

  useEffect(() => {
    document.title = `${title} – ${product}`;
  }, [title, product]);

  useEffect(() => {
    // Screen-reader users learn of a client-side navigation only if focus moves; not on first load.
    if (location.key !== 'default' || focusOnMount) heading.current?.focus();
  }, [location.key, focusOnMount]);

  return (
    <>
      <div className="page-heading">
        <h1 ref={heading} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </div>
      {children}
    </>
  );
}
