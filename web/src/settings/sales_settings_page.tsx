// Settings: the base currency and the lifecycle thresholds (repeat window, loyalty, churn) that move
// customers' stages from their purchases. Everyone reads them; admins change them.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { ApiError } from "../api/problem";
import { useAccess } from "../auth/access";
import { settingsProblem } from "./problem_text";
import { currencyKey, type SalesSettings, settingFields, settingsChanges, type SettingsForm, toForm } from "./sales_settings_model";
import { SettingsNav } from "./settings_nav";

const fieldId = (key: string) => `setting-${key.replace(/\W/g, "-")}`;

export function SalesSettingsPage() {
  const { isAdmin } = useAccess();
  const [stored, setStored] = useState<SalesSettings | null>(null);
  const [form, setForm] = useState<SettingsForm>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const show = useCallback((s: SalesSettings) => {
    setStored(s);
    setForm(toForm(s));
  }, []);
  useEffect(() => {
    api.get<SalesSettings>("/settings/sales").then(show, (e) => setError(settingsProblem(e, "sales settings")));
  }, [show]);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!stored) return;
    setError(null);
    setDone(null);
    const { changes, problems: found } = settingsChanges(stored, form);
    setProblems(found);
    if (Object.keys(found).length) return;
    if (Object.keys(changes).length === 0) {
      setDone("Nothing changed.");
      return;
    }
    try {
      show(await api.patch<SalesSettings>("/settings/sales", changes));
      setDone("Saved. The next purchases and the daily sweep use the new thresholds.");
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setProblems(Object.fromEntries(err.errors.map((p) => [p.field, p.problem])));
      else setError(settingsProblem(err, "sales settings"));
    }
  }

  const input = (key: string, label: string, help: string, extra: { inputMode?: "numeric" | "decimal"; className?: string } = {}) => (
    <div className="field" key={key}>
      <label htmlFor={fieldId(key)}>{label}</label>
      <input id={fieldId(key)} value={form[key] ?? ""} disabled={!isAdmin} {...extra}
        onChange={(e) => setForm((f) => ({ ...f, [key]: e.target.value }))}
        aria-invalid={problems[key] ? true : undefined} aria-describedby={`${fieldId(key)}-help`} />
      <small id={`${fieldId(key)}-help`} className={problems[key] ? "error" : undefined}>{problems[key] ? `${label} ${problems[key]}` : help}</small>
    </div>
  );

  return (
    <section aria-labelledby="sales-settings-title">
      <h1 id="sales-settings-title">Settings: sales and lifecycle</h1>
      <SettingsNav />
      {error && <p className="error" role="alert">{error}</p>}
      {stored === null ? <p className="muted">Loading…</p> : (
        <form className="card" onSubmit={save} noValidate aria-label="Sales and lifecycle settings">
          <div className="field-grid">
            {input(currencyKey, "Base currency", "Purchase figures are summed in it (ISO 4217, e.g. EUR).", { className: "mono" })}
            {settingFields.map((f) => input(f.key, f.label, f.help, { inputMode: f.micros ? "decimal" : "numeric" }))}
          </div>
          {isAdmin ? <button className="primary" type="submit">Save settings</button> : <p className="muted">Only an admin changes these.</p>}
          {done && <p className="ok" role="status">{done}</p>}
        </form>
      )}
    </section>
  );
}
