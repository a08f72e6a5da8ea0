// The sign-in form. A wrong password and a lockout (429 with Retry-After) each get their own message.
import { useState, type FormEvent } from "react";
import { ApiError } from "../api/problem";
import { useSession } from "./session";

export function signInMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return "The email or the password is wrong.";
    if (error.status === 429) {
      const wait = error.retryAfter;
      return wait !== undefined
        ? `Too many attempts. Try again in ${wait >= 120 ? `${Math.ceil(wait / 60)} minutes` : `${wait} seconds`}.`
        : "Too many attempts. Try again later.";
    }
    if (error.status === 400) return error.errors.map((e) => `${e.field} ${e.problem}`).join("; ") || error.message;
    return error.message;
  }
  return "Signing in failed.";
}

export function SignInPage() {
  const { signIn } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (err) {
      setError(signInMessage(err));
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="sign-in">
      <form className="card sign-in-card" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in to Rapport</h1>
        <label>
          Email
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} autoFocus />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        {error && <p className="error" role="alert">{error}</p>}
        <button className="primary" type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
      </form>
    </main>
  );
}
