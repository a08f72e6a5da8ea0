// Who changed this record, when and how: its audit entries, newest first, read when the panel is
// opened and page by page after that.
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { ApiRecord, ObjectMeta, Page } from "../api/types";
import { formatDateTime } from "../format";
import { useUsers } from "./field_input";
import { actionText, fieldChanges, type AuditEntry } from "./history_text";

export function HistoryPanel({ object, record, version }: { object: ObjectMeta; record: ApiRecord; version: number }) {
  const [open, setOpen] = useState(false);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const users = useUsers();
  const path = `/${object.path}/${record.id}/history`;

  const load = useCallback(async (after?: string) => {
    try {
      const page = await api.get<Page<AuditEntry>>(path, { limit: 20, after });
      setEntries((old) => (after && old ? old.concat(page.data) : page.data));
      setNext(page.next);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
    }
  }, [path]);
  useEffect(() => {
    if (open) void load();
  }, [open, load, version]);

  const actor = (id: number | null) => (id === null ? "The system" : users.find((u) => u.id === id)?.name ?? `User #${id}`);
  return (
    <details className="card" onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
      <summary><h2>History</h2></summary>
      {error && <p className="error" role="alert">{error}</p>}
      {!open ? null : entries === null ? <p className="muted">Loading…</p> : entries.length === 0 ? <p className="muted">No changes recorded.</p> : (
        <ol className="history audit" aria-label="Changes, newest first">
          {entries.map((e) => (
            <li key={e.id}>
              <span className="muted">{formatDateTime(e.at)}</span> · {actor(e.actor)}: <strong>{actionText(e.action)}</strong>
              {fieldChanges(e.detail, object.fields).map((c) => (
                <div key={c.label} className="change">{c.label}: <del>{c.from}</del> → <ins>{c.to}</ins></div>
              ))}
            </li>
          ))}
        </ol>
      )}
      {open && next && <button type="button" onClick={() => void load(next)}>Older changes</button>}
    </details>
  );
}
