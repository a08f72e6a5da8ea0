// The metadata (GET /meta) that builds every list, form and filter; reloaded after a change.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { api } from "./client";
import type { Meta, ObjectMeta } from "./types";

interface MetaState {
  meta: Meta | null;
  error: string | null;
  reload: () => Promise<void>;
  object: (name: string) => ObjectMeta | undefined;
}

const MetaContext = createContext<MetaState | null>(null);

export function MetaProvider({ children }: { children: ReactNode }) {
  const [meta, setMeta] = useState<Meta | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setMeta(await api.get<Meta>("/meta"));
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const object = useCallback((name: string) => meta?.objects.find((o) => o.name === name), [meta]);
  const value = useMemo(() => ({ meta, error, reload, object }), [meta, error, reload, object]);
  return <MetaContext.Provider value={value}>{children}</MetaContext.Provider>;
}

export function useMeta(): MetaState {
  const m = useContext(MetaContext);
  if (!m) throw new Error("useMeta outside MetaProvider");
  return m;
}
