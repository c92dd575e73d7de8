import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useSession } from '../session';
import { ErrorMessage } from './ErrorMessage';
import { Loading } from './Loadable';

/** Where the login screen sends the person back to. */
export interface ReturnState {
  from?: string;
}

/** Renders its children for a logged-in person; sends anyone else to /login and back after. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return (
        <main className="site-main">
          <Loading />
        </main>
      );
    case 'failed':
      return (
        <main className="site-main">
          <ErrorMessage error={state.error} onRetry={() => window.location.reload()} />
        </main>
      );
    case 'ready':
      if (!state.me) {
        const returnState: ReturnState = { from: location.pathname + location.search };
        return <Navigate to="/login" replace state={returnState} />;
      }
      return <>{children}</>;
  }
}
