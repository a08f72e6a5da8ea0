// Settings: the custom fields of people, organizations and tasks, and a form to add one. The field
// exists at once (no restart): the metadata is read again and every list and form shows it.
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import { ApiError } from "../api/problem";
import { useAccess } from "../auth/access";
import type { FieldType } from "../api/types";
import { humanize } from "../format";
import { CustomFieldRow } from "./custom_field_row";
import { SettingsNav } from "./settings_nav";

const objects = ["person", "organization", "task"];
const types: FieldType[] = ["text", "long_text", "int", "decimal", "currency", "date", "datetime", "bool", "enum", "multi_enum", "email", "phone", "url"];
export const fieldNamePattern = /^[a-z][a-z0-9_]{0,40}$/;

export function CustomFieldsPage() {
  const { meta, reload } = useMeta();
  const { isAdmin } = useAccess();
  const [objectName, setObjectName] = useState("person");
  const [name, setName] = useState("");
  const [label, setLabel] = useState("");
  const [type, setType] = useState<FieldType>("text");
  const [options, setOptions] = useState("");
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const object = meta?.objects.find((o) => o.name === objectName);
  const custom = (object?.fields ?? []).filter((f) => f.origin === "custom");
  const needsOptions = type === "enum" || type === "multi_enum";

  async function changed(message: string) {
    setError(null);
    await reload();
    setDone(message);
  }

  function failed(message: string) {
    setDone(null);
    setError(message);
  }

  async function add(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    const local: Record<string, string> = {};
    if (!fieldNamePattern.test(name)) local.name = "must start with a lowercase letter and use only a-z, 0-9 and _ (at most 41 characters)";
    const optionList = options.split(",").map((o) => o.trim()).filter(Boolean);
    if (needsOptions && optionList.length === 0) local.options = "are needed for a choice field";
    setProblems(local);
    if (Object.keys(local).length) return;
    try {
      await api.post(`/meta/objects/${objectName}/fields`, {
        name,
        type,
        ...(label.trim() ? { label: label.trim() } : {}),
        ...(needsOptions ? { options: optionList } : {}),
      });
      await reload();
      setDone(`Added ${label.trim() || humanize(name)} to ${object?.plural_label.toLowerCase()}.`);
      setName("");
      setLabel("");
      setOptions("");
    } catch (err) {
      if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const p of err.errors) byField[p.field] = p.problem;
        setProblems(byField);
        setError(err.status === 403 ? "Only an admin can add fields." : err.message);
      } else setError(String(err));
    }
  }

  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings: custom fields</h1>
      <SettingsNav />
      <div className="card">
        <label>
          Object
          <select value={objectName} onChange={(e) => setObjectName(e.target.value)}>
            {objects.map((o) => <option key={o} value={o}>{meta?.objects.find((x) => x.name === o)?.plural_label ?? o}</option>)}
          </select>
        </label>
        <h2>Custom fields of {object?.plural_label.toLowerCase()}</h2>
        {error && <p className="error" role="alert">{error}</p>}
        {done && <p className="ok" role="status">{done}</p>}
        {custom.length === 0 ? <p className="muted">None yet.</p> : (
          <table>
            <thead><tr><th scope="col">Name</th><th scope="col">Label</th><th scope="col">Type</th><th scope="col">Options</th><th scope="col">Active</th>{isAdmin && <th scope="col">Actions</th>}</tr></thead>
            <tbody>
              {custom.map((f) => (
                <CustomFieldRow key={`${objectName}.${f.name}`} objectName={objectName} field={f} isAdmin={isAdmin} onChanged={changed} onError={failed} />
              ))}
            </tbody>
          </table>
        )}
      </div>
      {!isAdmin ? <p className="card muted">Only an admin adds fields.</p> : (
      <form className="card" onSubmit={add} noValidate aria-labelledby="add-field-title">
        <h2 id="add-field-title">Add a field</h2>
        <div className="field-grid">
          <div className="field">
            <label htmlFor="cf-name">Name</label>
            <input id="cf-name" className="mono" value={name} onChange={(e) => setName(e.target.value)} aria-invalid={problems.name ? true : undefined} aria-describedby="cf-name-help" placeholder="region" />
            <small id="cf-name-help" className={problems.name ? "error" : undefined}>{problems.name ? `Name ${problems.name}` : "lowercase letters, digits and _"}</small>
          </div>
          <div className="field">
            <label htmlFor="cf-label">Label</label>
            <input id="cf-label" value={label} onChange={(e) => setLabel(e.target.value)} placeholder="Region" />
          </div>
          <div className="field">
            <label htmlFor="cf-type">Type</label>
            <select id="cf-type" value={type} onChange={(e) => setType(e.target.value as FieldType)}>
              {types.map((t) => <option key={t} value={t}>{humanize(t)}</option>)}
            </select>
          </div>
          {needsOptions && (
            <div className="field">
              <label htmlFor="cf-options">Options</label>
              <input id="cf-options" value={options} onChange={(e) => setOptions(e.target.value)} placeholder="emea, amer, apac" aria-invalid={problems.options ? true : undefined} />
              {problems.options && <small className="error">Options {problems.options}</small>}
            </div>
          )}
        </div>
        <button className="primary" type="submit">Add field</button>
      </form>
      )}
    </section>
  );
}
