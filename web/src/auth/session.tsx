// Who is signed in. The session cookie is HttpOnly, so the app learns of it by asking
// GET /auth/session; the CSRF token from that answer goes with every change the app sends.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api } from "../api/client";
import { ApiError } from "../api/problem";
import type { Session, User } from "../api/types";

interface SessionState {
  // undefined while the first check runs; null when signed out.
  user: User | null | undefined;
  signIn: (email: string, password: string) => Promise<void>;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const accept = useCallback((session: Session) => {
    api.setCsrfToken(session.csrf_token ?? null);
    setUser(session.user);
  }, []);

  useEffect(() => {
    api.setUnauthenticatedHandler(() => {
      api.setCsrfToken(null);
      setUser(null);
    });
    api.get<Session>("/auth/session").then(accept, (e) => {
      // A server without authentication answers 404 here and lets everyone in.
      if (e instanceof ApiError && e.status === 404) setUser({ id: 0, email: "", name: "", role: "admin", teams: [] });
      else setUser(null);
    });
    return () => api.setUnauthenticatedHandler(null);
  }, [accept]);

  const signIn = useCallback(async (email: string, password: string) => {
    accept(await api.post<Session>("/auth/login", { email, password }));
  }, [accept]);

  const signOut = useCallback(async () => {
    try {
      await api.post("/auth/logout", undefined);
    } finally {
      api.setCsrfToken(null);
      setUser(null);
    }
  }, []);

  const value = useMemo(() => ({ user, signIn, signOut }), [user, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error("useSession outside SessionProvider");
  return s;
}
