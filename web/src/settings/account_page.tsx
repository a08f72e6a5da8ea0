// Settings for the signed-in user, whatever their role: who they are and a change of their own
// password (POST /auth/password; their other sessions end, this one stays).
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { ApiError } from "../api/problem";
import { useSession } from "../auth/session";
import { humanize } from "../format";
import { SettingsNav } from "./settings_nav";

export function AccountPage() {
  const { user } = useSession();
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [repeat, setRepeat] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function change(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    setError(null);
    if (next !== repeat) {
      setProblems({ repeat: "does not match the new password" });
      return;
    }
    setProblems({});
    try {
      await api.post("/auth/password", { current_password: current, new_password: next });
      setDone("Your password is changed. Your other sessions have ended.");
      setCurrent("");
      setNext("");
      setRepeat("");
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        setProblems(Object.fromEntries(err.errors.map((p) => [p.field, p.problem])));
      } else setError((err as Error).message);
    }
  }

  const problem = (field: string) => problems[field] && <small className="error" id={`pw-${field}-error`}>{humanize(field)} {problems[field]}</small>;
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Settings: my account</h1>
      <SettingsNav />
      <dl className="card facts">
        <dt>Name</dt><dd>{user?.name}</dd>
        <dt>Email</dt><dd>{user?.email}</dd>
        <dt>Role</dt><dd>{humanize(user?.role ?? "")}</dd>
      </dl>
      <form className="card" onSubmit={change} noValidate aria-labelledby="password-title">
        <h2 id="password-title">Change my password</h2>
        <div className="field-grid">
          <div className="field">
            <label htmlFor="pw-current">Current password</label>
            <input id="pw-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)}
              aria-invalid={problems.current_password ? true : undefined} aria-describedby={problems.current_password ? "pw-current_password-error" : undefined} />
            {problem("current_password")}
          </div>
          <div className="field">
            <label htmlFor="pw-new">New password</label>
            <input id="pw-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)}
              aria-invalid={problems.new_password ? true : undefined} aria-describedby={problems.new_password ? "pw-new_password-error" : undefined} />
            {problem("new_password")}
          </div>
          <div className="field">
            <label htmlFor="pw-repeat">New password again</label>
            <input id="pw-repeat" type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)}
              aria-invalid={problems.repeat ? true : undefined} aria-describedby={problems.repeat ? "pw-repeat-error" : undefined} />
            {problem("repeat")}
          </div>
        </div>
        <p className="hint">At least 10 characters, not one character repeated, not the email address.</p>
        {error && <p className="error" role="alert">{error}</p>}
        {done && <p className="ok" role="status">{done}</p>}
        <button className="primary" type="submit">Change password</button>
      </form>
    </section>
  );
}
