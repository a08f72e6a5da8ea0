// Settings: the signed-in user's API keys for scripts and integrations. A new key is shown once.
// An admin may also list everyone's keys (?all=true), revoke them, and make a key for another user.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { ApiError } from "../api/problem";
import { useAccess } from "../auth/access";
import { useSession } from "../auth/session";
import { formatDateTime } from "../format";
import { useUsers } from "../records/field_input";
import { SettingsNav } from "./settings_nav";

interface ApiKey {
  id: number;
  user: number;
  name: string;
  prefix: string;
  scope: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  key?: string;
}

export function ApiKeysPage() {
  const [keys, setKeys] = useState<ApiKey[] | null>(null);
  const [name, setName] = useState("");
  const [scope, setScope] = useState("read");
  const [fresh, setFresh] = useState<ApiKey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { isAdmin } = useAccess();
  const me = useSession().user;
  const users = useUsers();
  const [everyone, setEveryone] = useState(false);
  const [forUser, setForUser] = useState("");
  const userName = (id: number) => users.find((u) => u.id === id)?.name ?? `#${id}`;
  const load = useCallback(() => {
    api.get<{ data: ApiKey[] }>("/api-keys", { all: everyone ? "true" : undefined }).then((r) => setKeys(r.data), (e) => setError(e.message));
  }, [everyone]);
  useEffect(load, [load]);

  async function create(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      setFresh(await api.post<ApiKey>("/api-keys", { name, scope, ...(forUser ? { user: Number(forUser) } : {}) }));
      setName("");
      load();
    } catch (err) {
      setError(err instanceof ApiError && err.errors.length ? err.errors.map((p) => `${p.field} ${p.problem}`).join("; ") : (err as Error).message);
    }
  }

  async function revoke(key: ApiKey) {
    setError(null);
    try {
      await api.delete(`/api-keys/${key.id}`);
    } catch (err) {
      setError((err as Error).message);
    }
    load();
  }

  return (
    <section aria-labelledby="keys-title">
      <h1 id="keys-title">Settings: API keys</h1>
      <SettingsNav />
      {error && <p className="error" role="alert">{error}</p>}
      {fresh?.key && (
        <div className="card conflict" role="status">
          <p>The key <strong>{fresh.name}</strong>{fresh.user !== me?.id ? ` for ${userName(fresh.user)}` : ""}; copy it now, it is not shown again:</p>
          <code className="mono secret">{fresh.key}</code>
        </div>
      )}
      <div className="card">
        {isAdmin && (
          <label className="inline-label">
            <input type="checkbox" checked={everyone} onChange={(e) => setEveryone(e.target.checked)} />
            Everyone's keys
          </label>
        )}
        {keys === null ? <p className="muted">Loading…</p> : keys.length === 0 ? <p className="muted">No keys yet.</p> : (
          <table>
            <thead><tr>{everyone && <th scope="col">User</th>}<th scope="col">Name</th><th scope="col">Key</th><th scope="col">Scope</th><th scope="col">Created</th><th scope="col">Last used</th><th scope="col"><span className="sr-only">Revoke</span></th></tr></thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  {everyone && <td>{userName(k.user)}</td>}
                  <td>{k.name}</td>
                  <td className="mono">{k.prefix}…</td>
                  <td>{k.scope}</td>
                  <td>{formatDateTime(k.created_at)}</td>
                  <td>{k.last_used_at ? formatDateTime(k.last_used_at) : "never"}</td>
                  <td>{k.revoked_at ? `revoked ${formatDateTime(k.revoked_at)}` : <button onClick={() => void revoke(k)} aria-label={`Revoke ${k.name}`}>Revoke</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <form className="card" onSubmit={create} aria-labelledby="new-key-title">
        <h2 id="new-key-title">Create a key</h2>
        <div className="field-grid">
          <label>Name<input value={name} onChange={(e) => setName(e.target.value)} required placeholder="Nightly export" /></label>
          <label>
            Scope
            <select value={scope} onChange={(e) => setScope(e.target.value)}>
              <option value="read">read</option>
              <option value="write">write</option>
              <option value="admin">admin</option>
            </select>
          </label>
          {isAdmin && (
            <label>
              For
              <select value={forUser} onChange={(e) => setForUser(e.target.value)}>
                <option value="">me</option>
                {users.filter((u) => u.id !== me?.id).map((u) => <option key={u.id} value={u.id}>{u.name}</option>)}
              </select>
            </label>
          )}
        </div>
        <button className="primary" type="submit">Create key</button>
      </form>
    </section>
  );
}
