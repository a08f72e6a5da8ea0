// Settings: the people who use Rapport, their roles, and adding one with a first password.
// Admins only; others see the list and the API's 403 when they try to change it.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useAccess } from "../auth/access";
import type { ApiRecord, Page } from "../api/types";
import { humanize } from "../format";
import { settingsProblem } from "./problem_text";
import { SettingsNav } from "./settings_nav";

const roles = ["admin", "manager", "agent", "read_only"];


export function UsersPage() {
  const [users, setUsers] = useState<ApiRecord[] | null>(null);
  const { isAdmin } = useAccess();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState("agent");
  const [password, setPassword] = useState("");
  const [resetUser, setResetUser] = useState("");
  const [resetPassword, setResetPassword] = useState("");
  const [resetDone, setResetDone] = useState<string | null>(null);

  const load = useCallback(() => {
    api.get<Page>("/users", { sort: "name", limit: 200 }).then((p) => setUsers(p.data), (e) => setError(settingsProblem(e, "users")));
  }, []);
  useEffect(load, [load]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (password.length < 10) {
      setError("Password must be at least 10 characters long.");
      return;
    }
    let created: ApiRecord | null = null;
    try {
      created = await api.post<ApiRecord>("/users", { name, email, role });
      await api.post(`/users/${created.id}/password`, { password });
      setDone(`Added ${name || email}; they can sign in now.`);
      setName("");
      setEmail("");
      setPassword("");
    } catch (err) {
      setError(created ? `The user was added, but the password was refused: ${settingsProblem(err, "users")}` : settingsProblem(err, "users"));
    }
    load();
  }

  async function reset(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setResetDone(null);
    const user = users?.find((u) => String(u.id) === resetUser);
    if (!user) {
      setError("Choose whose password to reset.");
      return;
    }
    try {
      await api.post(`/users/${user.id}/password`, { password: resetPassword });
      setResetDone(`New password set for ${user.name || user.email}; their sessions have ended.`);
      setResetPassword("");
    } catch (err) {
      setError(settingsProblem(err, "users"));
    }
  }

  async function change(user: ApiRecord, changes: Record<string, unknown>) {
    setError(null);
    try {
      await api.patch(`/users/${user.id}`, changes, user.version);
    } catch (err) {
      setError(settingsProblem(err, "users"));
    }
    load();
  }

  return (
    <section aria-labelledby="users-title">
      <h1 id="users-title">Settings: users</h1>
      <SettingsNav />
      {error && <p className="error" role="alert">{error}</p>}
      <div className="card">
        {users === null ? <p className="muted">Loading…</p> : (
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Email</th><th scope="col">Role</th><th scope="col">Active</th></tr></thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>{String(u.name ?? "")}</td>
                  <td>{String(u.email ?? "")}</td>
                  <td>
                    <select disabled={!isAdmin} aria-label={`Role of ${u.name || u.email}`} value={String(u.role)} onChange={(e) => void change(u, { role: e.target.value })}>
                      {roles.map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
                    </select>
                  </td>
                  <td>
                    <input type="checkbox" disabled={!isAdmin} aria-label={`${u.name || u.email} is active`} checked={u.active !== false} onChange={(e) => void change(u, { active: e.target.checked })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      {!isAdmin ? <p className="card muted">Only an admin adds and changes users.</p> : (
      <form className="card" onSubmit={add} aria-labelledby="add-user-title">
        <h2 id="add-user-title">Add a user</h2>
        <div className="field-grid">
          <label>Name<input value={name} onChange={(e) => setName(e.target.value)} required /></label>
          <label>Email<input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required /></label>
          <label>
            Role
            <select value={role} onChange={(e) => setRole(e.target.value)}>
              {roles.map((r) => <option key={r} value={r}>{humanize(r)}</option>)}
            </select>
          </label>
          <label>First password<input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} required /></label>
        </div>
        <p className="hint">At least 10 characters, not one character repeated, not the email address.</p>
        {done && <p className="ok" role="status">{done}</p>}
        <button className="primary" type="submit">Add user</button>
      </form>
      )}
      {isAdmin && (
      <form className="card" onSubmit={reset} aria-labelledby="reset-title">
        <h2 id="reset-title">Reset a password</h2>
        <div className="field-grid">
          <label>
            User
            <select value={resetUser} onChange={(e) => setResetUser(e.target.value)} required>
              <option value="">Choose…</option>
              {(users ?? []).map((u) => <option key={u.id} value={u.id}>{String(u.name || u.email)}</option>)}
            </select>
          </label>
          <label>New password<input type="password" autoComplete="new-password" value={resetPassword} onChange={(e) => setResetPassword(e.target.value)} required /></label>
        </div>
        {resetDone && <p className="ok" role="status">{resetDone}</p>}
        <button className="primary" type="submit">Set password</button>
      </form>
      )}
    </section>
  );
}
