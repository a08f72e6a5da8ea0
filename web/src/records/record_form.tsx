// The editable fields of a record, built from the metadata: profile, relationship, custom fields.
// Saves only what changed, with If-Match; a 412 shows what someone else changed and lets the user
// apply their own changes again on top.
import { useState, type FormEvent } from "react";
import { useLocation } from "wouter";
import { api } from "../api/client";
import { ApiError } from "../api/problem";
import { useAccess } from "../auth/access";
import type { ApiRecord, FieldMeta, ObjectMeta } from "../api/types";
import { ConflictPanel } from "./conflict_panel";
import { FieldInput } from "./field_input";
import { conflicts, editableFields, formChanges, recordToText, type FieldConflict, type FormText } from "./form_values";

export const relationshipFields = [
  "relationship_type", "service_model", "owner", "relationship_stage", "lifecycle_stage", "stage_reason", "touch_cadence_days",
];

interface Props {
  object: ObjectMeta;
  record: ApiRecord | null;
  onSaved: (record: ApiRecord) => void;
}

export function RecordForm({ object, record, onSaved }: Props) {
  const [, navigate] = useLocation();
  const fields = editableFields(object.fields);
  const [base, setBase] = useState<FormText>(() => recordToText(fields, record));
  const [text, setText] = useState<FormText>(base);
  const [version, setVersion] = useState(record?.version);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const [conflict, setConflict] = useState<{ clashing: FieldConflict[]; theirsOnly: FieldConflict[]; latest: ApiRecord } | null>(null);
  const creating = record === null;
  const { canWrite } = useAccess();

  const set = (name: string) => (value: string) => {
    setText((t) => ({ ...t, [name]: value }));
    setSaved(false);
  };

  async function save(e: FormEvent) {
    e.preventDefault();
    const from = base;
    const result = formChanges(fields, from, text, creating);
    setProblems(result.problems);
    setError(null);
    if (Object.keys(result.problems).length) {
      setError("Some fields need a fix before saving.");
      return;
    }
    if (!creating && Object.keys(result.changes).length === 0) {
      setSaved(true);
      return;
    }
    setBusy(true);
    try {
      if (creating) {
        const created = await api.post<ApiRecord>(`/${object.path}`, result.changes);
        navigate(`/${object.path}/${created.id}`);
        return;
      }
      const updated = await api.patch<ApiRecord>(`/${object.path}/${record!.id}`, result.changes, version);
      const fresh = recordToText(fields, updated);
      setBase(fresh);
      setText(fresh);
      setVersion(updated.version);
      setConflict(null);
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      if (err instanceof ApiError && err.status === 412 && record) {
        const latest = await api.get<ApiRecord>(`/${object.path}/${record.id}`);
        setConflict({ ...conflicts(fields, from, text, recordToText(fields, latest)), latest });
      } else if (err instanceof ApiError) {
        const byField: Record<string, string> = {};
        for (const p of err.errors) if (fields.some((f) => f.name === p.field)) byField[p.field] = p.problem;
        setProblems(byField);
        setError(err.message);
      } else {
        setError(String(err));
      }
    } finally {
      setBusy(false);
    }
  }

  // Keep this user's changes, take everything else from the latest version, and save again.
  function reapply() {
    if (!conflict) return;
    const latestText = recordToText(fields, conflict.latest);
    const merged: FormText = { ...latestText };
    for (const f of fields) if ((text[f.name] ?? "").trim() !== (base[f.name] ?? "").trim()) merged[f.name] = text[f.name];
    setBase(latestText);
    setVersion(conflict.latest.version);
    setText(merged);
    setConflict(null);
    onSaved(conflict.latest);
    void saveWith(merged, latestText, conflict.latest.version);
  }

  async function saveWith(merged: FormText, newBase: FormText, newVersion: number) {
    const result = formChanges(fields, newBase, merged, false);
    if (Object.keys(result.problems).length) return;
    setBusy(true);
    try {
      const updated = await api.patch<ApiRecord>(`/${object.path}/${record!.id}`, result.changes, newVersion);
      const fresh = recordToText(fields, updated);
      setBase(fresh);
      setText(fresh);
      setVersion(updated.version);
      setSaved(true);
      onSaved(updated);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  }

  function discard() {
    if (!conflict) return;
    const latestText = recordToText(fields, conflict.latest);
    setBase(latestText);
    setText(latestText);
    setVersion(conflict.latest.version);
    setConflict(null);
    onSaved(conflict.latest);
  }

  const groups: { title: string; fields: FieldMeta[] }[] = [
    { title: "Profile", fields: fields.filter((f) => f.origin === "system" && !relationshipFields.includes(f.name)) },
    { title: "Relationship", fields: fields.filter((f) => f.origin === "system" && relationshipFields.includes(f.name)) },
    { title: "Custom fields", fields: fields.filter((f) => f.origin === "custom") },
  ];

  return (
    <form className="record-form" onSubmit={save} noValidate aria-label={`${object.label} details`}>
      <fieldset className="plain-fieldset" disabled={!canWrite}>
      {conflict && <ConflictPanel object={object} clashing={conflict.clashing} theirsOnly={conflict.theirsOnly} onReapply={reapply} onDiscard={discard} />}
      {groups.filter((g) => g.fields.length).map((g) => (
        <fieldset key={g.title} className="card">
          <legend>{g.title}</legend>
          <div className="field-grid">
            {g.fields.map((f) => (
              <FieldInput key={f.name} field={f} value={text[f.name] ?? ""} onChange={set(f.name)} problem={problems[f.name]} />
            ))}
          </div>
        </fieldset>
      ))}
      </fieldset>
      <div className="form-actions">
        {canWrite ? (
          <button className="primary" type="submit" disabled={busy}>{creating ? `Create ${object.label.toLowerCase()}` : "Save"}</button>
        ) : (
          <p className="muted">Your role can read records but not change them.</p>
        )}
        {error && <p className="error" role="alert">{error}</p>}
        {saved && !error && <p className="ok" role="status">Saved.</p>}
      </div>
    </form>
  );
}
