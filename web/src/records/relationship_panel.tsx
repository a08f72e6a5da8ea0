// The relationship at a glance: type, service model, owner, stages, keep-in-touch dates, and the
// history of stage changes (who, when, from, to, why).
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { ApiRecord, ObjectMeta, Page } from "../api/types";
import { formatDateTime, formatValue, humanize } from "../format";
import { useUsers } from "./field_input";

const shown = ["relationship_type", "service_model", "relationship_stage", "lifecycle_stage", "last_touch_at", "next_touch_due"];

export function RelationshipPanel({ object, record, version }: { object: ObjectMeta; record: ApiRecord; version: number }) {
  const [history, setHistory] = useState<ApiRecord[] | null>(null);
  const users = useUsers();
  useEffect(() => {
    api.get<Page>("/stage_changes", { filter: `${object.name} = ${record.id}`, sort: "-changed_at", limit: 50 })
      .then((p) => setHistory(p.data), () => setHistory([]));
  }, [object.name, record.id, version]);
  const owner = typeof record.owner === "number" ? users.find((u) => u.id === record.owner)?.name ?? `#${record.owner}` : "—";
  const overdue = typeof record.next_touch_due === "string" && new Date(record.next_touch_due) < new Date();

  return (
    <section className="card" aria-labelledby="rel-title">
      <h2 id="rel-title">Relationship</h2>
      <dl className="facts">
        <dt>Owner</dt>
        <dd>{owner}</dd>
        {shown.map((name) => {
          const field = object.fields.find((f) => f.name === name);
          if (!field) return null;
          return (
            <div key={name} className={name === "next_touch_due" && overdue ? "overdue" : undefined}>
              <dt>{field.label}</dt>
              <dd>{formatValue(field, record[name]) || "—"}{name === "next_touch_due" && overdue && " (overdue)"}</dd>
            </div>
          );
        })}
      </dl>
      <h3>Stage history</h3>
      {history === null ? <p className="muted">Loading…</p> : history.length === 0 ? <p className="muted">No stage changes yet.</p> : (
        <ol className="history">
          {history.map((h) => (
            <li key={h.id}>
              <span className="muted">{formatDateTime(String(h.changed_at))}</span>{" "}
              {humanize(String(h.field))}: {h.from_stage ? humanize(String(h.from_stage)) : "—"} → <strong>{humanize(String(h.to_stage))}</strong>
              {h.reason ? <span className="muted"> ({String(h.reason)})</span> : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
