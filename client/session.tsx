import { createContext, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import type { Me } from '../shared/api/types';
import { api, isApiError, onUnauthenticated } from './api';
import { applyLocale } from './i18n';
import { deleteOfflineStores } from './memo/offlineStore';

type SessionState =
  { status: 'loading' } | { status: 'failed'; error: unknown } | { status: 'ready'; me: Me | null };

interface Session {
  state: SessionState;
  /** Start a session from a Me the server returned on login or accepting an invitation. */
  signIn: (me: Me) => void;
  /** Replace the person's details after an update, without touching the language. */
  update: (me: Me) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  useEffect(() => {
    const controller = new AbortController();
    api.me(controller.signal).then(
      (me) => {
        applyLocale(me.locale);
        setState({ status: 'ready', me });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState(
          isApiError(error, 'unauthenticated')
            ? { status: 'ready', me: null }
            : { status: 'failed', error },
        );
      },
    );
    return () => controller.abort();
  }, []);

  useEffect(() => onUnauthenticated(() => setState({ status: 'ready', me: null })), []);

  const signIn = useCallback((me: Me) => {
    applyLocale(me.locale);
    setState({ status: 'ready', me });
  }, []);
  const update = useCallback((me: Me) => setState({ status: 'ready', me }), []);
  const userId = state.status === 'ready' ? state.me?.id : undefined;
  const logout = useCallback(async () => {
    try {
      await api.logout();
    } finally {
      setState({ status: 'ready', me: null });
      // Memo rooms kept for offline work hold confidential text: not for the next person here.
      if (userId) await deleteOfflineStores(userId).catch(() => undefined);
    }
  }, [userId]);

  const session = useMemo(
    () => ({ state, signIn, update, logout }),
    [state, signIn, update, logout],
  );
  return <SessionContext value={session}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}

/** The logged-in person; only for screens behind RequireSession. */
export function useMe(): Me {
  const { state } = useSession();
  if (state.status !== 'ready' || !state.me) throw new Error('useMe without a session');
  return state.me;
}
