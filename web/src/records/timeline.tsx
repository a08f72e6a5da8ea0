// The customer's history, newest first, read page by page from /timeline, with quick-add above it.
import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import { useAccess } from "../auth/access";
import type { ApiRecord, ObjectMeta, Page, TimelineEntry } from "../api/types";
import { formatDateTime, humanize } from "../format";
import { QuickAdd } from "./quick_add";

interface Props {
  object: ObjectMeta;
  record: ApiRecord;
  version: number;
  onAdded: () => void;
}

export function Timeline({ object, record, version, onAdded }: Props) {
  const [entries, setEntries] = useState<TimelineEntry[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const path = `/${object.path}/${record.id}/timeline`;
  const { canWrite } = useAccess();

  const load = useCallback(async (after?: string) => {
    setLoading(true);
    try {
      const page = await api.get<Page<TimelineEntry>>(path, { limit: 30, after });
      setEntries((old) => (after ? old.concat(page.data) : page.data));
      setNext(page.next);
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  }, [path]);

  useEffect(() => {
    void load();
  }, [load, version]);

  return (
    <section className="card timeline" aria-labelledby="tl-title">
      <h2 id="tl-title">Timeline</h2>
      {canWrite && <QuickAdd object={object} record={record} onAdded={onAdded} />}
      {error && <p className="error" role="alert">{error}</p>}
      <ol className="timeline-list" aria-label="Timeline entries">
        {entries.map((e) => <Entry key={`${e.kind}-${e.record.id}`} entry={e} />)}
      </ol>
      {!loading && entries.length === 0 && <p className="muted">Nothing has happened yet.</p>}
      {next && <button onClick={() => void load(next)} disabled={loading}>Show older</button>}
      {loading && <p className="muted" aria-live="polite">Loading…</p>}
    </section>
  );
}

function Entry({ entry }: { entry: TimelineEntry }) {
  const r = entry.record;
  let title: string;
  let body: string | null = null;
  switch (entry.kind) {
    case "interaction":
      title = `${humanize(String(r.channel))}${r.direction ? ` (${r.direction})` : ""}${r.subject ? `: ${r.subject}` : ""}`;
      body = [r.summary, r.outcome].filter(Boolean).join(" — ") || null;
      break;
    case "note":
      title = r.title ? `Note: ${r.title}` : "Note";
      body = r.body ? String(r.body) : null;
      break;
    case "task":
      title = `Task: ${r.title}`;
      body = `${humanize(String(r.status))}${r.due_at ? `, due ${formatDateTime(String(r.due_at))}` : ""}`;
      break;
    case "stage_change":
      title = `${humanize(String(r.field))}: ${r.from_stage ? humanize(String(r.from_stage)) : "—"} → ${humanize(String(r.to_stage))}`;
      body = r.reason ? String(r.reason) : null;
      break;
    default:
      title = humanize(entry.kind);
  }
  return (
    <li className={`entry entry-${entry.kind}`}>
      <span className="entry-kind">{humanize(entry.kind)}</span>
      <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
      <p className="entry-title">{title}</p>
      {body && <p className="entry-body">{body}</p>}
    </li>
  );
}
