// What needs doing today: open tasks due by the end of today (overdue first), people overdue for
// contact by their keep-in-touch cadence, and birthdays in the next 7 days.
import { useCallback, useEffect, useState } from "react";
import { Link } from "wouter";
import { api } from "../api/client";
import { useMeta } from "../api/meta";
import { useAccess } from "../auth/access";
import { linkTitle, useLinkTitles } from "../records/link_titles";
import type { ApiRecord, Page, UpcomingDate } from "../api/types";
import { formatDate, formatDateTime } from "../format";

export const dueTasksFilter = "status in ('open', 'in_progress') and due_at < today() + 1d";
export const overdueContactFilter = "next_touch_due < now()";

export function MyDayPage() {
  return (
    <section aria-labelledby="myday-title">
      <h1 id="myday-title">My day</h1>
      <div className="myday">
        <DueTasks />
        <OverduePeople />
        <Birthdays />
      </div>
    </section>
  );
}

function DueTasks() {
  const [tasks, setTasks] = useState<ApiRecord[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ApiRecord[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const load = useCallback((after?: string) => {
    api.get<Page>("/tasks", { filter: dueTasksFilter, sort: "due_at", limit: 50, after }).then((p) => {
      setTasks((old) => (after ? (old ?? []).concat(p.data) : p.data));
      setNext(p.next);
    }, (e) => setError(e.message));
  }, []);
  useEffect(() => load(), [load]);

  async function reschedule(task: ApiRecord) {
    setError(null);
    const due = new Date();
    due.setDate(due.getDate() + 1);
    due.setHours(9, 0, 0, 0);
    try {
      await api.patch<ApiRecord>(`/tasks/${task.id}`, { due_at: due.toISOString() }, task.version);
      setTasks((ts) => (ts ?? []).filter((t) => t.id !== task.id));
    } catch (e) {
      setError(`Could not move "${task.title}": ${(e as Error).message}`);
      load();
    }
  }

  async function complete(task: ApiRecord) {
    setError(null);
    try {
      const updated = await api.patch<ApiRecord>(`/tasks/${task.id}`, { status: "done" }, task.version);
      setTasks((ts) => (ts ?? []).filter((t) => t.id !== task.id));
      setDone((d) => [updated, ...d]);
    } catch (e) {
      setError(`Could not complete "${task.title}": ${(e as Error).message}`);
      load();
    }
  }

  const { meta } = useMeta();
  const { canWrite } = useAccess();
  const ids = (name: string) => (tasks ?? []).map((t) => t[name]).filter((v): v is number => typeof v === "number");
  useLinkTitles(meta, [{ target: "person", ids: ids("person") }, { target: "organization", ids: ids("organization") }]);
  const now = new Date();
  return (
    <section className="card" aria-labelledby="tasks-title">
      <h2 id="tasks-title">Tasks due{tasks ? ` (${tasks.length}${next ? "+" : ""})` : ""}</h2>
      {error && <p className="error" role="alert">{error}</p>}
      {tasks === null ? <p className="muted">Loading…</p> : tasks.length === 0 ? <p className="muted">Nothing due. Well done.</p> : (
        <ul className="plain task-list">
          {tasks.map((t) => {
            const overdue = typeof t.due_at === "string" && new Date(t.due_at) < now;
            return (
              <li key={t.id} className={overdue ? "overdue" : undefined}>
                {canWrite && <button className="complete" onClick={() => void complete(t)} aria-label={`Complete ${t.title}`} title="Mark done">✓</button>}
                <div>
                  <span className="task-title">{String(t.title)}</span>
                  <div className="task-meta">
                    {typeof t.person === "number" && <Link href={`/people/${t.person}`}>{linkTitle("person", t.person) ?? `Person #${t.person}`}</Link>}
                    {typeof t.organization === "number" && <Link href={`/organizations/${t.organization}`}>{linkTitle("organization", t.organization) ?? `Organization #${t.organization}`}</Link>}
                    <span className={overdue ? "due overdue" : "due"}>{t.due_at ? `${overdue ? "overdue since " : "due "}${formatDateTime(String(t.due_at))}` : ""}</span>
                    {canWrite && <button className="link-button" onClick={() => void reschedule(t)} aria-label={`Move ${t.title} to tomorrow`}>Tomorrow</button>}
                  </div>
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {next && <button onClick={() => load(next)}>Show more tasks</button>}
      {done.length > 0 && (
        <p className="ok" role="status">Completed: {done.map((t) => String(t.title)).join(", ")}</p>
      )}
    </section>
  );
}

function OverduePeople() {
  const [people, setPeople] = useState<ApiRecord[] | null>(null);
  useEffect(() => {
    api.get<Page>("/people", { filter: overdueContactFilter, sort: "next_touch_due", limit: 50 }).then((p) => setPeople(p.data), () => setPeople([]));
  }, []);
  return (
    <section className="card" aria-labelledby="touch-title">
      <h2 id="touch-title">Overdue for contact</h2>
      {people === null ? <p className="muted">Loading…</p> : people.length === 0 ? <p className="muted">Everyone is in touch.</p> : (
        <ul className="plain">
          {people.map((p) => (
            <li key={p.id}>
              <Link href={`/people/${p.id}`}>{[p.first_name, p.last_name].filter(Boolean).join(" ") || `#${p.id}`}</Link>
              <span className="muted"> · was due {formatDate(String(p.next_touch_due))}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Birthdays() {
  const [dates, setDates] = useState<UpcomingDate[] | null>(null);
  useEffect(() => {
    api.get<{ data: UpcomingDate[] }>("/people/upcoming_dates", { days: 7 }).then((p) => setDates(p.data), () => setDates([]));
  }, []);
  return (
    <section className="card" aria-labelledby="bd-title">
      <h2 id="bd-title">Birthdays and anniversaries, next 7 days</h2>
      {dates === null ? <p className="muted">Loading…</p> : dates.length === 0 ? <p className="muted">None this week.</p> : (
        <ul className="plain">
          {dates.map((d, i) => (
            <li key={`${d.person}-${d.kind}-${i}`}>
              <Link href={`/people/${d.person}`}>{d.name}</Link>
              <span className="muted">
                {" "}· {d.kind === "birthday" ? "birthday" : d.label || d.kind}
                {d.years ? ` (${d.years})` : ""} · {d.in_days === 0 ? "today" : d.in_days === 1 ? "tomorrow" : `in ${d.in_days} days`}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
