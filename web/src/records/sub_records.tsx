// A panel of the records that belong to this one (a person's addresses or personal dates, an
// organization's addresses): listed, added with a form built from their metadata (checked as the
// API checks; its field errors shown), deleted.
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import { ApiError } from "../api/problem";
import { useAccess } from "../auth/access";
import type { ApiRecord, Page } from "../api/types";
import { FieldInput } from "./field_input";
import { editableFields, formChanges, type FormText } from "./form_values";

interface Props {
  child: "address" | "personal_date";
  parent: "person" | "organization";
  parentId: number;
  line: (r: ApiRecord) => string;
  onChanged?: () => void;
}

export function SubRecords({ child, parent, parentId, line, onChanged }: Props) {
  const { object } = useMeta();
  const { canWrite } = useAccess();
  const meta = object(child);
  const [rows, setRows] = useState<ApiRecord[] | null>(null);
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState<FormText>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const fields = editableFields(meta?.fields ?? []).filter((f) => f.name !== "person" && f.name !== "organization");
  const singular = meta?.label.toLowerCase() ?? child;
  const titleId = `${child}-title`;

  const load = useCallback(() => {
    if (!meta) return;
    api.get<Page>(`/${meta.path}`, { filter: `${parent} = ${parentId}`, sort: "id", limit: 100 }).then((p) => setRows(p.data), (e) => {
      setError((e as Error).message);
      setRows([]);
    });
  }, [meta, parent, parentId]);
  useEffect(load, [load]);

  async function add(e: FormEvent) {
    e.preventDefault();
    if (!meta) return;
    setError(null);
    const result = formChanges(fields, {}, text, true);
    setProblems(result.problems);
    if (Object.keys(result.problems).length) return;
    setBusy(true);
    try {
      await api.post(`/${meta.path}`, { ...result.changes, [parent]: parentId });
      setText({});
      setAdding(false);
      load();
      onChanged?.();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setProblems(Object.fromEntries(err.errors.map((p) => [p.field, p.problem])));
      else setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }

  async function remove(r: ApiRecord) {
    if (!meta) return;
    setError(null);
    try {
      await api.delete(`/${meta.path}/${r.id}`);
      load();
      onChanged?.();
    } catch (err) {
      setError((err as Error).message);
    }
  }

  if (!meta) return null;
  return (
    <section className="card" aria-labelledby={titleId}>
      <h2 id={titleId}>{meta.plural_label}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {rows === null ? <p className="muted">Loading…</p> : rows.length === 0 ? <p className="muted">None yet.</p> : (
        <ul className="plain contact-list" aria-label={meta.plural_label}>
          {rows.map((r) => (
            <li key={r.id} className="view-row">
              <span>
                {child === "address" && typeof r.kind === "string" && <span className="entry-kind">{r.kind}</span>}
                {line(r)}
              </span>
              {canWrite && <button type="button" className="link-button" onClick={() => void remove(r)} aria-label={`Delete ${singular} ${line(r)}`}>Delete</button>}
            </li>
          ))}
        </ul>
      )}
      {canWrite && !adding && <button type="button" onClick={() => setAdding(true)}>Add {singular}</button>}
      {canWrite && adding && (
        <form onSubmit={add} noValidate aria-label={`New ${singular}`}>
          <div className="field-grid">
            {fields.map((f) => (
              <FieldInput key={f.name} idPrefix={child} field={f} value={text[f.name] ?? ""} problem={problems[f.name]}
                onChange={(v) => setText((t) => ({ ...t, [f.name]: v }))} />
            ))}
          </div>
          <div className="row-actions">
            <button className="primary" type="submit" disabled={busy}>Save {singular}</button>
            <button type="button" onClick={() => { setAdding(false); setProblems({}); }}>Cancel</button>
          </div>
        </form>
      )}
    </section>
  );
}
