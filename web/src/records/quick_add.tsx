// Log an interaction, write a note or set a follow-up task for this person or organization.
import { useState, type FormEvent } from "react";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import { ApiError } from "../api/problem";
import type { ApiRecord, ObjectMeta } from "../api/types";
import { humanize } from "../format";

type Kind = "interaction" | "note" | "task";

export function QuickAdd({ object, record, onAdded }: { object: ObjectMeta; record: ApiRecord; onAdded: () => void }) {
  const { object: find } = useMeta();
  const [kind, setKind] = useState<Kind>("interaction");
  const [channel, setChannel] = useState("phone");
  const [subject, setSubject] = useState("");
  const [text, setText] = useState("");
  const [due, setDue] = useState(() => tomorrowAtNine());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const channels = find("interaction")?.fields.find((f) => f.name === "channel")?.options ?? ["phone", "email", "meeting"];
  const link = object.name === "person" ? { person: record.id } : { organization: record.id };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      if (kind === "interaction") {
        const who = object.name === "person" ? { participants: [record.id] } : { organization: record.id };
        await api.post("/interactions", { channel, direction: "outbound", subject: subject || null, summary: text || null, ...who });
      } else if (kind === "note") {
        await api.post("/notes", { title: subject || null, body: text, ...link });
      } else {
        await api.post("/tasks", { title: subject, kind: "call", due_at: due ? new Date(due).toISOString() : null, description: text || null, ...link });
      }
      setSubject("");
      setText("");
      onAdded();
    } catch (err) {
      setError(err instanceof ApiError && err.errors.length ? err.errors.map((p) => `${humanize(p.field)} ${p.problem}`).join("; ") : String((err as Error).message ?? err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="quick-add" onSubmit={submit} aria-label="Quick add" noValidate>
      <div className="tabs" role="radiogroup" aria-label="What to add">
        {(["interaction", "note", "task"] as Kind[]).map((k) => (
          <label key={k} className={kind === k ? "tab active" : "tab"}>
            <input type="radio" name="quick-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {k === "interaction" ? "Log interaction" : k === "note" ? "Note" : "Follow-up task"}
          </label>
        ))}
      </div>
      {kind === "interaction" && (
        <label>
          Channel
          <select value={channel} onChange={(e) => setChannel(e.target.value)}>
            {channels.map((c) => <option key={c} value={c}>{humanize(c)}</option>)}
          </select>
        </label>
      )}
      <label>
        {kind === "task" ? "Task" : kind === "note" ? "Title (optional)" : "Subject"}
        <input value={subject} onChange={(e) => setSubject(e.target.value)} required={kind === "task"} />
      </label>
      {kind === "task" && (
        <label>
          Due
          <input type="datetime-local" value={due} onChange={(e) => setDue(e.target.value)} />
        </label>
      )}
      <label>
        {kind === "interaction" ? "Summary" : kind === "note" ? "Note" : "Details (optional)"}
        <textarea rows={2} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      {error && <p className="error" role="alert">{error}</p>}
      <button className="primary" type="submit" disabled={busy}>Add {kind === "task" ? "task" : kind}</button>
    </form>
  );
}

function tomorrowAtNine(): string {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:00`;
}
