// Settings: teams, and who is in each (a user's `teams` links). Admins only write them.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useAccess } from "../auth/access";
import type { ApiRecord, Page } from "../api/types";
import { settingsProblem } from "./problem_text";
import { SettingsNav } from "./settings_nav";


export function TeamsPage() {
  const [teams, setTeams] = useState<ApiRecord[] | null>(null);
  const { isAdmin } = useAccess();
  const [users, setUsers] = useState<ApiRecord[]>([]);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    api.get<Page>("/teams", { sort: "name", limit: 200 }).then((p) => setTeams(p.data), (e) => setError(settingsProblem(e, "teams")));
    api.get<Page>("/users", { sort: "name", limit: 200 }).then((p) => setUsers(p.data), (e) => setError(settingsProblem(e, "teams")));
  }, []);
  useEffect(load, [load]);

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api.post("/teams", { name });
      setName("");
    } catch (err) {
      setError(settingsProblem(err, "teams"));
    }
    load();
  }

  async function setMember(user: ApiRecord, team: number, on: boolean) {
    setError(null);
    const current = Array.isArray(user.teams) ? (user.teams as number[]) : [];
    const teamsOfUser = on ? [...new Set([...current, team])] : current.filter((t) => t !== team);
    // shown at once; the list is read again after the save, so a refusal puts it back
    setUsers((all) => all.map((x) => (x.id === user.id ? { ...x, teams: teamsOfUser } : x)));
    try {
      await api.patch(`/users/${user.id}`, { teams: teamsOfUser }, user.version);
    } catch (err) {
      setError(settingsProblem(err, "teams"));
    }
    load();
  }

  return (
    <section aria-labelledby="teams-title">
      <h1 id="teams-title">Settings: teams</h1>
      <SettingsNav />
      {error && <p className="error" role="alert">{error}</p>}
      {teams === null ? <p className="muted">Loading…</p> : teams.length === 0 ? <p className="card muted">No teams yet.</p> : (
        teams.map((t) => (
          <fieldset key={t.id} className="card">
            <legend>{String(t.name)}</legend>
            <div className="field-grid">
              {users.map((u) => (
                <label key={u.id} className="check">
                  <input
                    type="checkbox"
                    disabled={!isAdmin}
                    checked={Array.isArray(u.teams) && (u.teams as number[]).includes(t.id)}
                    onChange={(e) => void setMember(u, t.id, e.target.checked)}
                  />
                  {String(u.name || u.email)}
                </label>
              ))}
            </div>
          </fieldset>
        ))
      )}
      {isAdmin && (
      <form className="card" onSubmit={add} aria-labelledby="add-team-title">
        <h2 id="add-team-title">Add a team</h2>
        <div className="builder-row">
          <label className="sr-only" htmlFor="team-name">Team name</label>
          <input id="team-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Key accounts" required />
          <button className="primary" type="submit" disabled={!name.trim()}>Add team</button>
        </div>
      </form>
      )}
    </section>
  );
}
