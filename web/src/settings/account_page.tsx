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
          <PasswordField field="current_password" label="Current password" autoComplete="current-password" value={current} onChange={setCurrent} problem={problems.current_password} />
          <PasswordField field="new_password" label="New password" autoComplete="new-password" value={next} onChange={setNext} problem={problems.new_password} />
          <PasswordField field="repeat" label="New password again" autoComplete="new-password" value={repeat} onChange={setRepeat} problem={problems.repeat} />
        </div>
        <p className="hint">At least 10 characters, not one character repeated, not the email address.</p>
        {error && <p className="error" role="alert">{error}</p>}
        {done && <p className="ok" role="status">{done}</p>}
        <button className="primary" type="submit">Change password</button>
      </form>
    </section>
  );
}

function PasswordField({ field, label, autoComplete, value, onChange, problem }: {
  field: string; label: string; autoComplete: string; value: string; onChange: (v: string) => void; problem?: string;
}) {
  const id = `pw-${field}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="password" autoComplete={autoComplete} value={value} onChange={(e) => onChange(e.target.value)}
        aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-error` : undefined} />
      {problem && <small className="error" id={`${id}-error`}>{humanize(field)} {problem}</small>}
    </div>
  );
}
